/** Rows of a mostly-zero feature matrix (TF-IDF terms, wide one-hot codes) in compressed sparse row form. */

import type { SparseMatrix } from '../../recipe';
import { iota } from '../../stats';

/** Compressed sparse rows, as the recipe makes them for text features. */
export type SparseRows = SparseMatrix;

/**
 * Share of non-zero entries at or below which logistic regression trains on sparse rows: a
 * row then costs its non-zeros instead of its width, and the dense kernels cannot catch up.
 */
export const SPARSE_DENSITY = 0.2;
/** Narrower matrices stay dense: the per-batch Adam update over every weight dominates there anyway. */
export const SPARSE_MIN_WIDTH = 64;

/**
 * Rows `rows` of the row-major `n × d` matrix `X` as sparse rows, or null as soon as more than
 * `maxDensity` of their entries prove non-zero (one pass; the arrays grow as entries arrive).
 */
export function sparseRowsOf(X: Float32Array, d: number, rows: ArrayLike<number>, maxDensity = 1): SparseRows | null {
  const n = rows.length;
  const limit = maxDensity * n * d;
  const indptr = new Int32Array(n + 1);
  let indices = new Int32Array(Math.max(1024, Math.ceil(Math.min(limit, n * d) / 4)));
  let values = new Float64Array(indices.length);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const from = rows[i] * d;
    if (k + d > indices.length) {
      if (k > limit) return null;
      const capacity = Math.max(2 * indices.length, k + d);
      indices = grown(indices, new Int32Array(capacity));
      values = grown(values, new Float64Array(capacity));
    }
    for (let j = 0; j < d; j++) {
      const v = X[from + j];
      if (v !== 0) {
        indices[k] = j;
        values[k++] = v;
      }
    }
    indptr[i + 1] = k;
  }
  if (k > limit) return null;
  return { n, d, indptr, indices: indices.subarray(0, k), values: values.subarray(0, k) };
}

function grown<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * The training rows as sparse rows: the recipe's when it made them, else read from X; null when
 * more than `maxDensity` of the entries are non-zero.
 */
export function trainingRows(data: { X: Float32Array; sparse?: SparseMatrix; n: number; d: number }, maxDensity = 1): SparseRows | null {
  if (!data.sparse) return sparseRowsOf(data.X, data.d, allRows(data.n), maxDensity);
  return data.sparse.values.length > maxDensity * data.n * data.d ? null : data.sparse;
}

/** All `n` rows of `X`, in order. */
export const allRows = iota;
