/**
 * A network made only of dense layers, read out of TF.js for explanations, which predict many
 * slightly changed copies of the same rows. The first layer is linear in the inputs, so callers
 * keep its pre-activations and change only the terms of the inputs they vary; `denseTail` runs
 * the rest of the network from those pre-activations.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Task } from '../../recipe';
import { readBack } from '../network/readBack';
import type { NetworkModel } from '../types';

export type DenseActivation = 'linear' | 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'selu' | 'softmax';

export interface DenseLayer {
  /** Row-major inputs × units (float32 values held as doubles, so sums accumulate in doubles). */
  kernel: Float64Array;
  bias: Float64Array;
  inputs: number;
  units: number;
  activation: DenseActivation;
  /** The TF.js weights themselves (owned by the model), for the batched path. */
  tensors: { kernel: tf.Tensor2D; bias: tf.Tensor1D };
}

export interface DenseNet {
  task: Task;
  layers: DenseLayer[];
  /** Inputs of the first layer: the feature count. */
  inputs: number;
  /** Columns of a prediction as `predictAsync` gives them (binary: both classes). */
  outputs: number;
}

const KNOWN = new Set<string>(['linear', 'relu', 'tanh', 'sigmoid', 'elu', 'selu', 'softmax']);

/** The network's dense layers, or null when it has other layers (embeddings, dropout at predict time is none). */
export async function readDenseNet(model: NetworkModel): Promise<DenseNet | null> {
  if (model.embeddings?.length) return null;
  const layers = model.model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  if (!layers.length || !layers.every((l) => l.getClassName() === 'Dense' && l.getWeights().length === 2)) return null;
  const dense: DenseLayer[] = [];
  for (const [i, l] of layers.entries()) {
    const [k, b] = l.getWeights();
    const activation = String(l.getConfig().activation ?? 'linear');
    if (!KNOWN.has(activation) || (activation === 'softmax' && i < layers.length - 1)) return null;
    dense.push({
      kernel: Float64Array.from(await readBack(k)),
      bias: Float64Array.from(await readBack(b)),
      inputs: k.shape[0],
      units: k.shape[1]!,
      activation: activation as DenseActivation,
      tensors: { kernel: k as tf.Tensor2D, bias: b as tf.Tensor1D },
    });
  }
  const last = dense[dense.length - 1];
  return { task: model.task, layers: dense, inputs: dense[0].inputs, outputs: model.task === 'binary' ? 2 : last.units };
}

/** First-layer pre-activations (bias included) of n rows of X, row-major n × units. */
export function firstLayer(net: DenseNet, X: Float32Array, n: number): Float64Array {
  const { kernel, bias, inputs: d, units } = net.layers[0];
  const A = new Float64Array(n * units);
  for (let i = 0; i < n; i++) {
    const at = i * units;
    for (let u = 0; u < units; u++) A[at + u] = bias[u];
    for (let j = 0; j < d; j++) {
      const v = X[i * d + j];
      // One-hot and indicator inputs are mostly 0.
      if (v === 0) continue;
      const row = j * units;
      for (let u = 0; u < units; u++) A[at + u] += v * kernel[row + u];
    }
  }
  return A;
}

/** Applies a hidden or output activation to `v[from, from + units)` in place. */
export function activate(v: Float64Array | Float32Array, from: number, units: number, activation: DenseActivation): void {
  const to = from + units;
  switch (activation) {
    case 'linear':
      return;
    case 'relu':
      for (let u = from; u < to; u++) v[u] = v[u] > 0 ? v[u] : 0;
      return;
    case 'tanh':
      for (let u = from; u < to; u++) v[u] = Math.tanh(v[u]);
      return;
    case 'sigmoid':
      for (let u = from; u < to; u++) v[u] = 1 / (1 + Math.exp(-v[u]));
      return;
    case 'elu':
      for (let u = from; u < to; u++) v[u] = v[u] > 0 ? v[u] : Math.expm1(v[u]);
      return;
    case 'selu':
      for (let u = from; u < to; u++) v[u] = 1.0507009873554805 * (v[u] > 0 ? v[u] : 1.6732632423543772 * Math.expm1(v[u]));
      return;
    case 'softmax': {
      let max = -Infinity;
      for (let u = from; u < to; u++) max = Math.max(max, v[u]);
      let sum = 0;
      for (let u = from; u < to; u++) sum += v[u] = Math.exp(v[u] - max);
      for (let u = from; u < to; u++) v[u] /= sum;
    }
  }
}

/** Writes the last layer's m rows of activations as predictions (binary: 1 − p and p). */
export function writePredictions(net: DenseNet, h: ArrayLike<number>, m: number, out: Float32Array): void {
  const units = net.layers[net.layers.length - 1].units;
  if (net.task === 'binary') {
    for (let i = 0; i < m; i++) {
      out[i * 2] = 1 - h[i * units];
      out[i * 2 + 1] = h[i * units];
    }
  } else for (let i = 0; i < m * units; i++) out[i] = h[i];
}
