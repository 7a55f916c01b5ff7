/**
 * The rest of a dense network from its first layer's pre-activations to predictions, for a batch
 * of rows. Two ways, same arithmetic up to rounding:
 * - plain loops in doubles, for small batches (TF.js costs tens of µs per op, more than the rows)
 *   and on TF.js's CPU backend (its matMul is itself plain JavaScript, and slower);
 * - TF.js ops on any other backend for large batches: on WASM the 64 × 64 hidden layer runs in
 *   XNNPACK's SIMD kernels, measured 15–20× faster than the loops on 40,000 rows (35–45 ms
 *   against ~700 ms per pass on the bench machine), which is most of permutation importance.
 */
import * as tf from '@tensorflow/tfjs';
import { readBack } from '../network/readBack';
import { activate, writePredictions, type DenseActivation, type DenseLayer, type DenseNet } from './denseNet';

export interface DenseTail {
  /** Predictions (m × `net.outputs`) of m rows given their first-layer pre-activations (m × units). */
  run(A1: Float64Array | Float32Array, m: number): Promise<Float32Array>;
  /** Whether large batches go to TF.js, which computes in float32: callers may then build inputs in float32. */
  float32: boolean;
}

/** Below this many rows the loops win over TF.js's per-op cost. */
const BATCHED_ROWS = 1024;

/** The tail for `net` on the current TF.js backend. */
export function denseTail(net: DenseNet): DenseTail {
  const batched = tf.getBackend() !== 'cpu';
  return { float32: batched, run: async (A1, m) => (batched && m >= BATCHED_ROWS ? tailBatched(net, A1, m) : tailLoops(net, A1, m)) };
}

function activateRows(H: Float64Array, m: number, units: number, activation: DenseActivation): void {
  if (activation === 'softmax') for (let i = 0; i < m; i++) activate(H, i * units, units, activation);
  else activate(H, 0, m * units, activation);
}

/** One layer over m rows of H (m × layer.inputs), zero inputs skipped (half a ReLU layer's are 0). */
function layerLoops(H: Float64Array, m: number, layer: DenseLayer): Float64Array {
  const { kernel, bias, inputs, units } = layer;
  const next = new Float64Array(m * units);
  for (let i = 0; i < m; i++) {
    const at = i * units;
    const from = i * inputs;
    for (let u = 0; u < units; u++) next[at + u] = bias[u];
    for (let j = 0; j < inputs; j++) {
      const v = H[from + j];
      if (v === 0) continue;
      const row = j * units;
      for (let u = 0; u < units; u++) next[at + u] += v * kernel[row + u];
    }
  }
  activateRows(next, m, units, layer.activation);
  return next;
}

function tailLoops(net: DenseNet, A1: Float64Array | Float32Array, m: number): Float32Array {
  const [first, ...rest] = net.layers;
  let H: Float64Array = Float64Array.from(A1.subarray(0, m * first.units));
  activateRows(H, m, first.units, first.activation);
  for (const layer of rest) H = layerLoops(H, m, layer);
  const out = new Float32Array(m * net.outputs);
  writePredictions(net, H, m, out);
  return out;
}

const FUSED = new Set<DenseActivation>(['linear', 'relu', 'elu', 'sigmoid']);

function activateTensor(h: tf.Tensor2D, activation: DenseActivation): tf.Tensor2D {
  switch (activation) {
    case 'linear':
      return h;
    case 'relu':
      return tf.relu(h);
    case 'tanh':
      return tf.tanh(h);
    case 'sigmoid':
      return tf.sigmoid(h);
    case 'elu':
      return tf.elu(h);
    case 'selu':
      return tf.selu(h);
    case 'softmax':
      return tf.softmax(h);
  }
}

async function tailBatched(net: DenseNet, A1: Float64Array | Float32Array, m: number): Promise<Float32Array> {
  const rows = A1.subarray(0, m * net.layers[0].units);
  return fromPreActivations(net, m, () => tf.tensor2d(rows instanceof Float32Array ? rows : Float32Array.from(rows), [m, net.layers[0].units]));
}

/** Predictions of m rows from the tensor of their first-layer pre-activations that `pre` makes (inside a tidy). */
async function fromPreActivations(net: DenseNet, m: number, pre: () => tf.Tensor2D): Promise<Float32Array> {
  const [first, ...rest] = net.layers;
  const result = tf.tidy(() => {
    let h = activateTensor(pre(), first.activation);
    for (const layer of rest) {
      const { kernel, bias } = layer.tensors;
      h = FUSED.has(layer.activation)
        ? (tf.fused.matMul({ a: h, b: kernel, bias, activation: layer.activation as 'linear' | 'relu' | 'elu' | 'sigmoid' }) as tf.Tensor2D)
        : activateTensor(tf.add(tf.matMul(h, kernel), bias) as tf.Tensor2D, layer.activation);
    }
    return h;
  });
  try {
    const values = await readBack(result);
    const out = new Float32Array(m * net.outputs);
    writePredictions(net, values, m, out);
    return out;
  } finally {
    result.dispose();
  }
}

/**
 * TF.js backends only: all n rows of A1 (uploaded once) moved by E·T, with E n × K and T K × units
 * (a shuffled column's change, or a one-hot group's ±1 per value). When most rows change, this
 * spares building each changed row's pre-activations in JavaScript, which cost more than the
 * network itself on the bench (~2 s against ~1 s for 826,867 rows): the product runs in the backend.
 */
export interface ShiftedTail {
  run(E: Float32Array, T: Float32Array, K: number): Promise<Float32Array>;
  dispose(): void;
}

export function shiftedTail(net: DenseNet, A1: Float64Array, n: number): ShiftedTail | null {
  if (tf.getBackend() === 'cpu' || n < BATCHED_ROWS) return null;
  const units = net.layers[0].units;
  const base = tf.tensor2d(Float32Array.from(A1.subarray(0, n * units)), [n, units]);
  return {
    run: (E, T, K) => fromPreActivations(net, n, () => tf.add(base, tf.matMul(tf.tensor2d(E, [n, K]), tf.tensor2d(T, [K, units]))) as tf.Tensor2D),
    dispose: () => base.dispose(),
  };
}
