import { createRng } from '../rng';

/** Plain-language summary for the UI. */
export const BOOTSTRAP_EXPLANATION =
  'Re-draws the evaluation rows with replacement many times, recomputes both models\' scores on each draw, and reports the range that holds the middle 95 % of the differences.';

/** Options for {@link pairedBootstrap}. */
export interface BootstrapOptions {
  /** Number of resamples (at least 1,000). Default 2,000. */
  resamples?: number;
  /** Interval coverage. Default 0.95. */
  confidence?: number;
  /** Seed for `createRng`. Default 0. */
  seed?: number;
}

export interface BootstrapInterval {
  /** The statistic on the original rows. */
  estimate: number;
  /** Percentile interval (linear interpolation between order statistics, as numpy's default). */
  ci: [number, number];
  confidence: number;
  /** Resamples whose statistic was finite (a resample with one class gives an AUC of NaN and is skipped). */
  validResamples: number;
}

/**
 * Writes one bootstrap resample of row indices: `out[i] = floor(u·n)` with u from the seeded
 * mulberry32 stream, consumed in order. Exposed so an independent implementation can reproduce it.
 */
export function resampleIndices(n: number, next: () => number, out: Int32Array = new Int32Array(n)): Int32Array {
  for (let i = 0; i < n; i++) out[i] = Math.floor(next() * n);
  return out;
}

/** Linear-interpolated quantile of sorted values (numpy `percentile` default). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Paired percentile bootstrap over `n` rows: each resample draws row indices with replacement and
 * calls `statistic(indices)` (e.g. metric(B) − metric(A) on those rows, so both models see the same rows).
 */
export function pairedBootstrap(n: number, statistic: (indices: Int32Array) => number, options: BootstrapOptions = {}): BootstrapInterval {
  const { resamples = 2000, confidence = 0.95, seed = 0 } = options;
  if (resamples < 1000) throw new RangeError(`Bootstrap needs at least 1,000 resamples for a stable 95 % interval; got ${resamples}.`);
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  const estimate = statistic(identity);
  const rng = createRng(seed);
  const indices = new Int32Array(n);
  const values = new Float64Array(resamples);
  let valid = 0;
  for (let r = 0; r < resamples; r++) {
    const v = statistic(resampleIndices(n, rng.next, indices));
    if (Number.isFinite(v)) values[valid++] = v;
  }
  const sorted = values.subarray(0, valid).sort();
  const alpha = 1 - confidence;
  const ci: [number, number] = valid === 0 ? [NaN, NaN] : [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)];
  return { estimate, ci, confidence, validResamples: valid };
}

/** Copies `values[indices[i]]` into a new array. */
export function gather(values: ArrayLike<number>, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]];
  return out;
}

