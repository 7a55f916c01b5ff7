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

/** One point of a partial-dependence grid: these columns take these values in every row. */
export interface GridPoint {
  columns: number[];
  values: number[];
}

export interface PartialDependenceOptions {
  X: Float32Array;
  n: number;
  d: number;
  predict: PredictFn;
  /** The grid, e.g. a numeric feature's quantiles or one point per category of a one-hot group. */
  grid: GridPoint[];
  /** Which of the k prediction outputs to read (binary: 1 is the positive class). Default 0. */
  output?: number;
  /** Rows averaged over (a seeded sample when there are more). Default 500. */
  maxRows?: number;
  /** ICE lines kept (the first of the sampled rows). Default 40. */
  iceRows?: number;
  seed?: number;
}

export interface PartialDependence {
  /** Mean output at each grid point, over `rows` rows. */
  values: number[];
  /** `ice[r][g]`: one row's output at grid point g (individual conditional expectation). */
  ice: number[][];
  rows: number;
}

/**
 * Partial dependence with ICE lines: each sampled row is predicted once per grid point (one
 * batched call), the other columns kept as observed; the PD line is the mean of the rows' lines.
 */
export async function partialDependence(o: PartialDependenceOptions): Promise<PartialDependence> {
  const rows = sampleRows(o.n, o.maxRows ?? 500, o.seed ?? 0);
  const m = rows.length;
  const G = o.grid.length;
  const Xg = new Float32Array(G * m * o.d);
  o.grid.forEach((point, g) => {
    rows.forEach((r, i) => {
      const at = (g * m + i) * o.d;
      Xg.set(o.X.subarray(r * o.d, (r + 1) * o.d), at);
      point.columns.forEach((j, c) => (Xg[at + j] = point.values[c]));
    });
  });
  const pred = m * G > 0 ? await o.predict(Xg, m * G) : new Float32Array(0);
  const k = m * G > 0 ? pred.length / (m * G) : 1;
  const out = o.output ?? 0;
  const at = (g: number, i: number) => pred[(g * m + i) * k + out];
  const values = o.grid.map((_, g) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += at(g, i);
    return m > 0 ? s / m : NaN;
  });
  const ice = Array.from({ length: Math.min(m, o.iceRows ?? 40) }, (_, i) => o.grid.map((_, g) => at(g, i)));
  return { values, ice, rows: m };
}

/** Up to `max` of n row indices, a seeded sample in random order (so any prefix is a sample too). */
function sampleRows(n: number, max: number, seed: number): number[] {
  const rows = Array.from({ length: n }, (_, i) => i);
  if (n <= max) return rows;
  return shuffleInPlace(rows, createRng(seed)).slice(0, max);
}

/** Distinct values when few, else evenly spaced quantiles from 5% to 95% (NaN ignored). */
export function featureGrid(X: Float32Array, n: number, d: number, j: number, size: number): number[] {
  const col = new Float64Array(n);
  for (let i = 0; i < n; i++) col[i] = X[i * d + j];
  const sorted = col.filter((v) => !Number.isNaN(v)).sort();
  const distinct = [...new Set(sorted)];
  if (distinct.length <= size) return distinct;
  const grid = Array.from({ length: size }, (_, g) => {
    const pos = (0.05 + (0.9 * g) / (size - 1)) * (sorted.length - 1);
    const lo = Math.floor(pos);
    return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
  });
  return [...new Set(grid)];
}
