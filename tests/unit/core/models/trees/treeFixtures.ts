/**
 * Test helpers for the tree trainers: small synthetic datasets (numeric with ties and gaps,
 * categorical codes), binned data with quantised gradients, split parameters, and the routing
 * of rows through a split — written independently of grow.ts so tests can check it.
 */
import { expect } from 'vitest';
import { applyBins, fitBins, MISSING_BIN, type BinnedData } from '../../../../../src/core/models/trees/binning';
import { histLength, histogramSlice, type Gradients } from '../../../../../src/core/models/trees/histogram';
import { quantizeInPlace } from '../../../../../src/core/models/trees/quantize';
import type { NodeSums, Split, SplitParams } from '../../../../../src/core/models/trees/split';
import type { TrainData } from '../../../../../src/core/models/types';
import { createRng, type Rng } from '../../../../../src/core/stats';

/** Row-major n × d features plus which columns are categorical. */
export interface Features {
  X: Float32Array;
  n: number;
  d: number;
  categorical: number[];
}

/**
 * n rows of d numeric features on a half-integer grid (so values tie) with a share of NaN.
 * Column `f` draws from `levels[f]` distinct values (default 8).
 */
export function tiedNumeric(rng: Rng, n: number, d: number, missingShare = 0.1, levels: number[] = []): Features {
  const X = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) X[i * d + f] = rng.next() < missingShare ? NaN : rng.int(levels[f] ?? 8) / 2 - 1.5;
  }
  return { X, n, d, categorical: [] };
}

/** Bins every row of `data` on itself, as the trainers do. */
export function binAll(data: Features, maxBins = 255, minCategoryRows?: number): BinnedData {
  const rows = Int32Array.from({ length: data.n }, (_, i) => i);
  const features = fitBins(data.X, data.d, rows, new Set(data.categorical), { maxBins, ...(minCategoryRows !== undefined ? { minCategoryRows } : {}) });
  return applyBins(data.X, data.d, rows, features);
}

/** Random gradients (channels per row) and positive hessians; quantised onto the trainers' grid unless `quantize` is false. */
export function randomGradients(rng: Rng, n: number, channels = 1, quantize = true): Gradients {
  const grad = Float64Array.from({ length: n * channels }, () => rng.normal());
  const hess = Float64Array.from({ length: n }, () => 0.05 + rng.next());
  if (quantize) {
    quantizeInPlace(grad, n);
    quantizeInPlace(hess, n);
  }
  return { channels, grad, hess };
}

/** Log-loss gradients at score 0 for 0/1 labels (p = ½), as the first boosting round sees them. */
export function logLossGradients(y: ArrayLike<number>): Gradients {
  const grad = Float64Array.from(y, (v) => 0.5 - v);
  const hess = new Float64Array(y.length).fill(0.25);
  return { channels: 1, grad, hess };
}

export function splitParams(p: Partial<SplitParams> = {}): SplitParams {
  return { channels: 1, l2: 0, minSamplesLeaf: 1, minHessian: 0, minGain: 0, maxCategoriesLeft: 32, categorySmooth: 0, oneVsRestBelow: 4, ...p };
}

/** All features, in order. */
export const allFeatures = (d: number) => Int32Array.from({ length: d }, (_, f) => f);

/** A node over rows[begin..end): its histogram over `features` and its gradient totals. */
export function nodeHistogram(data: BinnedData, g: Gradients, rows: Uint32Array, begin = 0, end = rows.length, features = allFeatures(data.d)): { hist: Float64Array; total: NodeSums } {
  const hist = new Float64Array(histLength(data.d, g.channels));
  histogramSlice(data, g, hist, { rows, begin, end }, features, 0, features.length);
  return { hist, total: sumsOf(g, Array.from(rows.subarray(begin, end))) };
}

/** Gradient totals of some rows, summed in the order given. */
export function sumsOf(g: Gradients, rows: number[]): NodeSums {
  const G = new Float64Array(g.channels);
  let H = 0;
  for (const r of rows) {
    for (let c = 0; c < g.channels; c++) G[c] += g.grad[r * g.channels + c];
    H += g.hess[r];
  }
  return { G, H, N: rows.length };
}

/** Whether a binned row goes left at a split (the rule documented on `Split`). */
export function goesLeft(data: BinnedData, s: Split, row: number): boolean {
  const b = data.bins[s.feature * data.n + row];
  if (b === MISSING_BIN) return s.missingLeft;
  return s.leftBins ? s.leftBins[b] === 1 : b <= s.bin;
}

/** The rows (of `rows`) that go left at a split. */
export function leftRows(data: BinnedData, s: Split, rows: ArrayLike<number>): number[] {
  return Array.from(rows).filter((r) => goesLeft(data, s, r));
}

export const identityRows = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

/** Training data from features and labels. */
export function trainData(f: Features, y: Int32Array | Float32Array, task: TrainData['task'], numClasses = task === 'regression' ? 1 : task === 'binary' ? 2 : Math.max(...y) + 1): TrainData {
  return { task, X: f.X, n: f.n, d: f.d, y, numClasses, ...(f.categorical.length ? { categorical: f.categorical } : {}) };
}

/**
 * Synthetic problems with a known answer. `binary`: class 1 when x0 + x1·x2 + noise > 0;
 * `regression`: 3·sin(x0) + x1² + noise; `multiclass`: 3 well-separated clusters in (x0, x1).
 * Every problem carries 2 noise features; `missing` blanks that share of x3 (a noise feature).
 */
export function problem(kind: TrainData['task'], n: number, seed: number, missing = 0): { data: TrainData; sd: number } {
  const rng = createRng(seed);
  const d = 5;
  const X = new Float32Array(n * d);
  const y = kind === 'regression' ? new Float32Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: d }, () => rng.normal());
    if (kind === 'multiclass') {
      const c = rng.int(3);
      x[0] += [0, 5, -5][c];
      x[1] += [5, -3, -3][c];
      y[i] = c;
    } else if (kind === 'binary') y[i] = x[0] + x[1] * x[2] + 0.3 * rng.normal() > 0 ? 1 : 0;
    else y[i] = 3 * Math.sin(x[0]) + x[1] * x[1] + 0.2 * rng.normal();
    if (rng.next() < missing) x[3] = NaN;
    X.set(x, i * d);
  }
  let mean = 0;
  for (const v of y) mean += v / n;
  const sd = Math.sqrt(Array.from(y).reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  return { data: trainData({ X, n, d, categorical: [] }, y, kind, kind === 'multiclass' ? 3 : undefined), sd };
}

/** Every slot of two histograms is the same double (Object.is: −0 ≠ 0, NaN = NaN). */
export function expectBitIdentical(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  const differing: number[] = [];
  for (let i = 0; i < actual.length; i++) if (!Object.is(actual[i], expected[i])) differing.push(i);
  expect(differing, `slots ${differing.slice(0, 5).join(', ')} differ`).toEqual([]);
}
