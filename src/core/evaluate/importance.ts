/** Model-agnostic explanations given only a `predict(X)` over the row-major feature matrix. */
import { createRng, shuffleInPlace } from '../stats';

/** Predictions for n rows of X (row-major n × d): n values, or n × k probabilities. */
export type PredictFn = (X: Float32Array, n: number) => Float32Array | Promise<Float32Array>;

export interface PermutationOptions {
  X: Float32Array;
  n: number;
  d: number;
  predict: PredictFn;
  /** Scores predictions against the true targets; higher is better (negate losses). */
  score: (predictions: Float32Array) => number;
  /**
   * Columns shuffled together, e.g. the one-hot columns of one source column.
   * Default: one group per feature column, named `feature {j}`.
   */
  groups?: { name: string; columns: number[] }[];
  /** Shuffles per group. Default 5. */
  repeats?: number;
  /** Seed for the row shuffles. Default 0. */
  seed?: number;
  signal?: AbortSignal;
}

export interface Importance {
  name: string;
  /** Mean drop in score when the group is shuffled (higher = more important). */
  mean: number;
  /** Sample standard deviation over repeats (0 with one repeat). */
  sd: number;
  drops: number[];
}

/** Permutation importance: the score lost when a feature's values are shuffled across rows. */
export async function permutationImportance(o: PermutationOptions): Promise<Importance[]> {
  const repeats = o.repeats ?? 5;
  const groups = o.groups ?? Array.from({ length: o.d }, (_, j) => ({ name: `feature ${j}`, columns: [j] }));
  const rng = createRng(o.seed ?? 0);
  const base = o.score(await o.predict(o.X, o.n));
  const out: Importance[] = [];
  const Xp = new Float32Array(o.X);
  const perm = new Int32Array(o.n);
  for (const g of groups) {
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      if (o.signal?.aborted) throw new DOMException('Permutation importance was cancelled.', 'AbortError');
      for (let i = 0; i < o.n; i++) perm[i] = i;
      shuffleInPlace(perm, rng);
      for (const j of g.columns) for (let i = 0; i < o.n; i++) Xp[i * o.d + j] = o.X[perm[i] * o.d + j];
      drops.push(base - o.score(await o.predict(Xp, o.n)));
      for (const j of g.columns) for (let i = 0; i < o.n; i++) Xp[i * o.d + j] = o.X[i * o.d + j];
    }
    const mean = drops.reduce((s, v) => s + v, 0) / repeats;
    const sd = repeats > 1 ? Math.sqrt(drops.reduce((s, v) => s + (v - mean) ** 2, 0) / (repeats - 1)) : 0;
    out.push({ name: g.name, mean, sd, drops });
  }
  return out;
}

export interface PartialDependenceOptions {
  X: Float32Array;
  n: number;
  d: number;
  predict: PredictFn;
  /** Column index of the feature to vary. */
  feature: number;
  /** Values to set the feature to. Default: `gridSize` quantiles (5%–95%) of the feature. */
  grid?: number[];
  /** Default 20. */
  gridSize?: number;
  /** Rows averaged over (a seeded sample when there are more). Default 500. */
  maxRows?: number;
  seed?: number;
}

export interface PartialDependence {
  grid: number[];
  /** `values[g][o]`: mean prediction output `o` with the feature set to `grid[g]`. */
  values: number[][];
}

/** Partial dependence: the average prediction as one feature sweeps a grid, others kept as observed. */
export async function partialDependence(o: PartialDependenceOptions): Promise<PartialDependence> {
  const rows = sampleRows(o.n, o.maxRows ?? 500, o.seed ?? 0);
  const m = rows.length;
  const base = new Float32Array(m * o.d);
  rows.forEach((r, i) => base.set(o.X.subarray(r * o.d, (r + 1) * o.d), i * o.d));
  const grid = o.grid ?? featureGrid(o.X, o.n, o.d, o.feature, o.gridSize ?? 20);
  const values: number[][] = [];
  for (const v of grid) {
    const Xg = new Float32Array(base);
    for (let i = 0; i < m; i++) Xg[i * o.d + o.feature] = v;
    const pred = await o.predict(Xg, m);
    const k = pred.length / m;
    const mean = new Array<number>(k).fill(0);
    for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) mean[c] += pred[i * k + c] / m;
    values.push(mean);
  }
  return { grid, values };
}

function sampleRows(n: number, max: number, seed: number): number[] {
  const rows = Array.from({ length: n }, (_, i) => i);
  if (n <= max) return rows;
  return shuffleInPlace(rows, createRng(seed)).slice(0, max).sort((a, b) => a - b);
}

/** Distinct values when few, else evenly spaced quantiles from 5% to 95%. */
function featureGrid(X: Float32Array, n: number, d: number, j: number, size: number): number[] {
  const col = new Float64Array(n);
  for (let i = 0; i < n; i++) col[i] = X[i * d + j];
  const sorted = col.filter((v) => !Number.isNaN(v)).sort();
  const distinct = [...new Set(sorted)];
  if (distinct.length <= size) return distinct;
  return Array.from({ length: size }, (_, g) => {
    const pos = (0.05 + (0.9 * g) / (size - 1)) * (sorted.length - 1);
    const lo = Math.floor(pos);
    return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
  });
}
