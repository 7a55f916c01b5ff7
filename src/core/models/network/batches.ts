/**
 * Mini-batches for the training loop: each epoch's row order is applied once, in JavaScript, so a
 * batch is one contiguous slice uploaded as a tensor (a gather on the backend cost about ten times
 * the upload per batch, mostly checking every index in JavaScript).
 */
import * as tf from '@tensorflow/tfjs';
import type { HostRows } from './wasmDense';

/** Row-major matrices of the same rows: features (n × d), targets (n × k) and optional row weights (n). */
export interface Rows {
  X: Float32Array;
  d: number;
  Y: Float32Array;
  k: number;
  W: Float32Array | null;
  n: number;
}

export interface Batch {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  w: tf.Tensor2D | null;
}

/** Copies rows `order` of a row-major `width`-column matrix into `out`, in that order. */
export function permuteRows(src: Float32Array, width: number, order: ArrayLike<number>, out: Float32Array): Float32Array {
  for (let i = 0; i < order.length; i++) {
    const from = order[i] * width;
    const to = i * width;
    for (let j = 0; j < width; j++) out[to + j] = src[from + j];
  }
  return out;
}

/** The training rows, reordered per epoch into buffers it reuses. */
export function epochBatches(rows: Rows) {
  const X = new Float32Array(rows.n * rows.d);
  const Y = new Float32Array(rows.n * rows.k);
  const W = rows.W ? new Float32Array(rows.n) : null;
  return {
    /** Applies this epoch's row order. */
    shuffle(order: Int32Array): void {
      permuteRows(rows.X, rows.d, order, X);
      permuteRows(rows.Y, rows.k, order, Y);
      if (W && rows.W) permuteRows(rows.W, 1, order, W);
    },
    /** Rows [start, end) of the current order, as views of its buffers. */
    rows(start: number, end: number): HostRows {
      return { x: X.subarray(start * rows.d, end * rows.d), y: Y.subarray(start * rows.k, end * rows.k), w: W ? W.subarray(start, end) : null, m: end - start };
    },
    /** Rows [start, end) of the current order as tensors (the caller disposes them). */
    batch(start: number, end: number): Batch {
      const { x, y, w, m } = this.rows(start, end);
      return { x: tf.tensor2d(x, [m, rows.d]), y: tf.tensor2d(y, [m, rows.k]), w: w ? tf.tensor2d(w, [m, 1]) : null };
    },
  };
}

/**
 * Targets as the loss expects them: 0/1 for binary, one-hot for multiclass, standardised values
 * for regression (`scale`).
 */
export function targetMatrix(y: Int32Array | Float32Array, task: 'binary' | 'multiclass' | 'regression', numClasses: number, scale: { mean: number; sd: number }): { Y: Float32Array; k: number } {
  if (task === 'regression') return { Y: Float32Array.from(y, (v) => (v - scale.mean) / scale.sd), k: 1 };
  if (task === 'binary') return { Y: Float32Array.from(y), k: 1 };
  const Y = new Float32Array(y.length * numClasses);
  for (let i = 0; i < y.length; i++) Y[i * numClasses + y[i]] = 1;
  return { Y, k: numClasses };
}
