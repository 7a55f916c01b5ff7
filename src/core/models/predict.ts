import * as tf from '@tensorflow/tfjs';
import { plainColumns, splitInputs } from './network/build';
import { readBack } from './network/readBack';
import { predictTrees } from './trees/predictTrees';
import type { Trained } from './types';

/** Rows per forward pass, to bound memory on large tables. */
const CHUNK = 8192;

/** The baseline's constant output for n rows. */
function baselineRows(output: readonly number[], n: number): Float32Array {
  const k = output.length;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) out.set(output, i * k);
  return out;
}

/** The network's outputs for `rows` rows of X from row `start` (binary: both class columns). */
function chunkOutput(trained: Extract<Trained, { kind: 'tf' }>, X: Float32Array, d: number, start: number, rows: number): tf.Tensor {
  return tf.tidy(() => {
    const x = tf.tensor2d(X.subarray(start * d, (start + rows) * d), [rows, d]);
    // One batch per chunk: predict's default 32-row batches each slice the whole input, and a WASM
    // slice copies all of it (minutes for a 20,000 × 1,000 TF-IDF matrix); outputs are the same bits.
    const input = trained.embeddings ? splitInputs(plainColumns(d, trained.embeddings), trained.embeddings, x, d) : x;
    const p = trained.model.predict(input, { batchSize: rows }) as tf.Tensor;
    return trained.task === 'binary' ? tf.concat([tf.sub(1, p), p], 1) : p;
  });
}

const widthOf = (trained: Extract<Trained, { kind: 'tf' }>) => (trained.task === 'regression' ? 1 : trained.numClasses);

/**
 * Predictions for n rows of X (row-major n × d): class probabilities n × k (binary: k = 2) or
 * regression values (n). Reads synchronously, so never call it on the WebGPU backend (its
 * synchronous read goes through a canvas: slow, and on SwiftShader it returns zeros and loses the
 * device); `predictAsync` works on every backend.
 */
export function predict(trained: Trained, X: Float32Array, n: number): Float32Array {
  if (trained.kind === 'baseline') return baselineRows(trained.output, n);
  if (trained.kind === 'trees') return predictTrees(trained, X, n);
  const d = n === 0 ? 0 : X.length / n;
  const out = new Float32Array(n * widthOf(trained));
  for (let start = 0; start < n; start += CHUNK) {
    const values = chunkOutput(trained, X, d, start, Math.min(CHUNK, n - start));
    out.set(values.dataSync() as Float32Array, start * widthOf(trained));
    values.dispose();
  }
  return out;
}

/** As `predict`, reading each chunk back as its backend needs (`readBack`): the one to use on WebGPU. */
export async function predictAsync(trained: Trained, X: Float32Array, n: number): Promise<Float32Array> {
  if (trained.kind === 'baseline') return baselineRows(trained.output, n);
  if (trained.kind === 'trees') return predictTrees(trained, X, n);
  const d = n === 0 ? 0 : X.length / n;
  const out = new Float32Array(n * widthOf(trained));
  for (let start = 0; start < n; start += CHUNK) {
    const values = chunkOutput(trained, X, d, start, Math.min(CHUNK, n - start));
    try {
      out.set(await readBack(values), start * widthOf(trained));
    } finally {
      values.dispose();
    }
  }
  return out;
}

/** Frees a trained model's tensors (no-op for the baseline). */
export function disposeModel(trained: Trained): void {
  if (trained.kind === 'tf') trained.model.dispose();
}
