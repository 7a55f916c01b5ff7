/**
 * Logistic regression's arithmetic on sparse rows: the gradient of a batch's mean loss, one Adam
 * step over the flat weights, and the loss and accuracy of a set of rows. The flat layout is the
 * TF.js dense layer's: the kernel (d × k, row-major) then the bias (k).
 */
import type { SparseRows } from './sparseRows';

/** Rows with their class codes. */
export interface SparsePart {
  x: SparseRows;
  /** Class codes (0/1 for binary). */
  y: Int32Array | Float32Array;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
/** TF.js's float32 epsilon, as its Adam uses. */
const EPSILON = 1e-7;
/** Probabilities are clipped to [EPS, 1 − EPS] in the reported loss, as the network loop does. */
const EPS = 1e-7;
/** Rounds moments below ~1e-46 away so they never decay into slow subnormal floats. */
const FLUSH = 1e-30;

/** Class scores of row `r` into `z` (length k): bias plus the row's non-zeros times their weights, then sigmoid or softmax. */
export function probabilities(x: SparseRows, r: number, params: Float64Array, k: number, z: Float64Array): void {
  const bias = x.d * k;
  for (let c = 0; c < k; c++) z[c] = params[bias + c];
  for (let q = x.indptr[r], end = x.indptr[r + 1]; q < end; q++) {
    const at = x.indices[q] * k;
    const v = x.values[q];
    for (let c = 0; c < k; c++) z[c] += v * params[at + c];
  }
  if (k === 1) {
    const s = z[0];
    z[0] = s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    return;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (z[c] > max) max = z[c];
  let sum = 0;
  for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c] - max);
  for (let c = 0; c < k; c++) z[c] /= sum;
}

/** `SparseStepper.gradient` for one sigmoid unit, written out: most text models are binary, and the loop over units costs as much as the arithmetic. */
function binaryGradient(x: SparseRows, y: Int32Array | Float32Array, weights: Float32Array | null, order: Int32Array, start: number, end: number, params: Float64Array, g: Float64Array, inv: number): number {
  const { indptr, indices, values } = x;
  const bias = x.d;
  let watch = 0;
  for (let t = start; t < end; t++) {
    const r = order[t];
    const from = indptr[r];
    const to = indptr[r + 1];
    let s = params[bias];
    for (let q = from; q < to; q++) s += values[q] * params[indices[q]];
    const p = s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    const dz = (p - y[r]) * (weights ? weights[r] * inv : inv);
    g[bias] += dz;
    watch += dz;
    for (let q = from; q < to; q++) g[indices[q]] += values[q] * dz;
  }
  return watch;
}

export interface SparseStepper {
  /**
   * Adds the gradient of the row-weighted mean loss of rows `order[start..end)` to the pending
   * gradient; returns the sum of the output gradient, non-finite exactly when a probability is.
   */
  gradient(part: SparsePart, weights: Float32Array | null, order: Int32Array, start: number, end: number): number;
  /** Applies the pending gradient (plus the L2 term on kernel weights) with Adam at `learningRate`, and clears it. */
  adam(learningRate: number): void;
  /** Mean cross-entropy (clipped probabilities) and accuracy of `part` under the current weights. */
  evaluate(part: SparsePart): [number, number];
  params: Float64Array;
}

/**
 * A stepper over `params` (updated in place) for `d` features and `k` output units (1: sigmoid of
 * a binary task; k > 1: softmax over k classes), with L2 weight `l2`.
 */
export function sparseStepper(params: Float64Array, d: number, k: number, l2: number): SparseStepper {
  const size = params.length;
  const kernel = d * k;
  const g = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const z = new Float64Array(k);
  // β₁ᵗ and β₂ᵗ accumulated in float32, as the network loop's Adam does.
  let p1 = Math.fround(BETA1);
  let p2 = Math.fround(BETA2);
  return {
    params,
    gradient(part, weights, order, start, end) {
      const { x, y } = part;
      const inv = 1 / (end - start);
      if (k === 1) return binaryGradient(x, y, weights, order, start, end, params, g, inv);
      let watch = 0;
      for (let t = start; t < end; t++) {
        const r = order[t];
        probabilities(x, r, params, k, z);
        const scale = weights ? weights[r] * inv : inv;
        for (let c = 0; c < k; c++) {
          const target = k === 1 ? y[r] : y[r] === c ? 1 : 0;
          const dz = (z[c] - target) * scale;
          z[c] = dz;
          g[kernel + c] += dz;
          watch += dz;
        }
        for (let q = x.indptr[r], stop = x.indptr[r + 1]; q < stop; q++) {
          const at = x.indices[q] * k;
          const value = x.values[q];
          for (let c = 0; c < k; c++) g[at + c] += value * z[c];
        }
      }
      return watch;
    },
    adam(learningRate) {
      const c1 = 1 - p1;
      const c2 = 1 - p2;
      p1 = Math.fround(p1 * Math.fround(BETA1));
      p2 = Math.fround(p2 * Math.fround(BETA2));
      const scale = (learningRate * Math.sqrt(c2)) / c1;
      const epsHat = EPSILON * Math.sqrt(c2);
      const decay = 2 * l2;
      for (let i = 0; i < size; i++) {
        const gi = i < kernel ? g[i] + decay * params[i] : g[i];
        g[i] = 0;
        const mi = BETA1 * m[i] + (1 - BETA1) * gi + FLUSH - FLUSH;
        const vi = BETA2 * v[i] + (1 - BETA2) * gi * gi + FLUSH - FLUSH;
        m[i] = mi;
        v[i] = vi;
        params[i] -= (scale * mi) / (Math.sqrt(vi) + epsHat);
      }
    },
    evaluate({ x, y }) {
      let loss = 0;
      let hits = 0;
      for (let r = 0; r < x.n; r++) {
        probabilities(x, r, params, k, z);
        if (k === 1) {
          const q = Math.min(1 - EPS, Math.max(EPS, z[0]));
          loss -= y[r] === 1 ? Math.log(q) : Math.log(1 - q);
          if ((z[0] >= 0.5 ? 1 : 0) === y[r]) hits++;
        } else {
          loss -= Math.log(Math.min(1 - EPS, Math.max(EPS, z[y[r]])));
          let best = 0;
          for (let c = 1; c < k; c++) if (z[c] > z[best]) best = c;
          if (best === y[r]) hits++;
        }
      }
      return [loss / x.n, hits / x.n];
    },
  };
}
