import * as tf from '@tensorflow/tfjs';
import { plainColumns, splitInputs } from './network/build';
import type { Trained } from './types';

/** Rows per forward pass, to bound memory on large tables. */
const CHUNK = 8192;

/**
 * Predictions for n rows of X (row-major n × d): class probabilities n × k (binary: k = 2) or
 * regression values (n).
 */
export function predict(trained: Trained, X: Float32Array, n: number): Float32Array {
  if (trained.kind === 'baseline') {
    const k = trained.output.length;
    const out = new Float32Array(n * k);
    for (let i = 0; i < n; i++) out.set(trained.output, i * k);
    return out;
  }
  const d = n === 0 ? 0 : X.length / n;
  const width = trained.task === 'regression' ? 1 : trained.numClasses;
  const out = new Float32Array(n * width);
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    const values = tf.tidy(() => {
      const x = tf.tensor2d(X.subarray(start * d, (start + rows) * d), [rows, d]);
      const p = trained.model.predict(trained.embeddings ? splitInputs(plainColumns(d, trained.embeddings), trained.embeddings, x, d) : x) as tf.Tensor;
      return trained.task === 'binary' ? tf.concat([tf.sub(1, p), p], 1) : p;
    });
    out.set(values.dataSync() as Float32Array, start * width);
    values.dispose();
  }
  return out;
}

/** Frees a trained model's tensors (no-op for the baseline). */
export function disposeModel(trained: Trained): void {
  if (trained.kind === 'tf') trained.model.dispose();
}
