/**
 * The arithmetic behind the live decision-boundary view, kept free of TF.js so it is cheap to test:
 * which rows to use, how features are standardised, the grid of points to predict, and how class
 * probabilities become one byte per cell for drawing.
 */

/** Rows kept for the view; more would slow every epoch without changing the picture. */
export const MAX_POINTS = 2_000;

/** A feature's drawing range: the data's min–max widened by 5 % on each side. */
export interface Extent {
  min: number;
  max: number;
}

/**
 * Indices of rows whose features and target are all present, thinned to at most `max` with an
 * even stride (deterministic, so the same data always shows the same points).
 */
export function usableRows(features: Float64Array[], target: ArrayLike<number>, isMissing: (v: number) => boolean, max = MAX_POINTS): Int32Array {
  const keep: number[] = [];
  for (let i = 0; i < target.length; i++) {
    if (isMissing(target[i])) continue;
    if (features.some((f) => !Number.isFinite(f[i]))) continue;
    keep.push(i);
  }
  if (keep.length <= max) return Int32Array.from(keep);
  const out = new Int32Array(max);
  const stride = keep.length / max;
  for (let j = 0; j < max; j++) out[j] = keep[Math.floor(j * stride)];
  return out;
}

export function extentOf(values: Float64Array, rows: Int32Array): Extent {
  let min = Infinity;
  let max = -Infinity;
  for (const i of rows) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  if (!(min < max)) return { min: min - 1, max: max + 1 };
  const pad = (max - min) * 0.05;
  return { min: min - pad, max: max + pad };
}

/** Mean and standard deviation (population) over `rows`; sd 1 for a constant feature. */
export function moments(values: Float64Array, rows: Int32Array): { mean: number; sd: number } {
  let sum = 0;
  for (const i of rows) sum += values[i];
  const mean = rows.length ? sum / rows.length : 0;
  let ss = 0;
  for (const i of rows) ss += (values[i] - mean) ** 2;
  const sd = rows.length ? Math.sqrt(ss / rows.length) : 0;
  return { mean, sd: sd > 0 ? sd : 1 };
}

/**
 * Row-major matrix of `rows` × features, each standardised by its moments; networks learn far
 * faster on z-scores than on raw grams and millimetres.
 */
export function standardMatrix(features: Float64Array[], rows: Int32Array, m: { mean: number; sd: number }[]): Float32Array {
  const d = features.length;
  const X = new Float32Array(rows.length * d);
  rows.forEach((r, i) => {
    for (let j = 0; j < d; j++) X[i * d + j] = (features[j][r] - m[j].mean) / m[j].sd;
  });
  return X;
}

/**
 * Points of a size × size grid over the extents (two features) or `size` points along one
 * extent (one feature), standardised like the training rows. Row-major with y varying slowest,
 * top row first, so cell (col, row) is pixel (col, row) of the drawing.
 */
export function gridMatrix(size: number, extents: Extent[], m: { mean: number; sd: number }[]): Float32Array {
  const at = (e: Extent, t: number) => e.min + (e.max - e.min) * ((t + 0.5) / size);
  if (extents.length === 1) {
    const X = new Float32Array(size);
    for (let i = 0; i < size; i++) X[i] = (at(extents[0], i) - m[0].mean) / m[0].sd;
    return X;
  }
  const X = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    const y = at(extents[1], size - 1 - row);
    for (let col = 0; col < size; col++) {
      const k = (row * size + col) * 2;
      X[k] = (at(extents[0], col) - m[0].mean) / m[0].sd;
      X[k + 1] = (y - m[1].mean) / m[1].sd;
    }
  }
  return X;
}

/**
 * The winning class of each cell and how sure the model is there (0–255, from the top
 * probability rescaled so that chance level, 1/k, is 0).
 */
export function classCells(probs: Float32Array, cells: number, k: number): { cls: Uint8Array; conf: Uint8Array } {
  const cls = new Uint8Array(cells);
  const conf = new Uint8Array(cells);
  const chance = 1 / k;
  for (let c = 0; c < cells; c++) {
    let best = 0;
    let p = probs[c * k];
    for (let j = 1; j < k; j++) {
      if (probs[c * k + j] > p) {
        p = probs[c * k + j];
        best = j;
      }
    }
    cls[c] = best;
    conf[c] = Math.round(Math.max(0, Math.min(1, (p - chance) / (1 - chance))) * 255);
  }
  return { cls, conf };
}

/**
 * Class codes for a classification target: string columns pass their codes through (−1 stays
 * missing); numeric ones (booleans, integer labels) get codes in ascending order of value.
 */
export function classCodes(target: Int32Array | Float64Array, dictionary?: string[]): { codes: Int32Array; classes: string[] } {
  if (target instanceof Int32Array) return { codes: target, classes: dictionary ?? [] };
  const distinct = [...new Set(Array.from(target).filter((v) => Number.isFinite(v)))].sort((a, b) => a - b);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const codes = Int32Array.from(target, (v) => index.get(v) ?? -1);
  return { codes, classes: distinct.map(String) };
}
