/**
 * A plain-JavaScript forward pass of a network made only of dense layers, for explanations: they
 * predict hundreds of thousands of slightly changed rows in small batches, where TF.js's per-call
 * overhead (and, on a GPU, the read back) costs more than the arithmetic.
 */
import type { PredictFn } from '../../evaluate';
import { readBack } from '../network/readBack';
import type { NetworkModel } from '../types';

interface Dense {
  kernel: Float32Array;
  bias: Float32Array;
  inputs: number;
  units: number;
  activation: string;
}

const ACTIVATIONS: Record<string, (v: number) => number> = {
  linear: (v) => v,
  relu: (v) => (v > 0 ? v : 0),
  tanh: Math.tanh,
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  elu: (v) => (v > 0 ? v : Math.expm1(v)),
  selu: (v) => 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * Math.expm1(v)),
};

/** The network's predictions as `predictAsync` gives them (binary: both class columns), or null when it has other layers. */
export async function denseForward(model: NetworkModel): Promise<PredictFn | null> {
  if (model.embeddings?.length) return null;
  const layers = model.model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  if (!layers.every((l) => l.getClassName() === 'Dense' && l.getWeights().length === 2)) return null;
  const dense: Dense[] = [];
  for (const l of layers) {
    const [k, b] = l.getWeights();
    const activation = String(l.getConfig().activation ?? 'linear');
    if (!(activation in ACTIVATIONS) && activation !== 'softmax') return null;
    dense.push({ kernel: Float32Array.from(await readBack(k)), bias: Float32Array.from(await readBack(b)), inputs: k.shape[0], units: k.shape[1]!, activation });
  }
  const width = Math.max(...dense.map((l) => Math.max(l.inputs, l.units)));
  const last = dense[dense.length - 1];
  const k = model.task === 'binary' ? 2 : last.units;
  return (X, n) => {
    const d = dense[0].inputs;
    const out = new Float32Array(n * k);
    let h = new Float64Array(width);
    let next = new Float64Array(width);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) h[j] = X[i * d + j];
      for (const l of dense) {
        next.set(l.bias.subarray(0, l.units));
        for (let j = 0; j < l.inputs; j++) {
          const v = h[j];
          if (v === 0) continue;
          const row = j * l.units;
          for (let u = 0; u < l.units; u++) next[u] += v * l.kernel[row + u];
        }
        if (l.activation === 'softmax') softmax(next, l.units);
        else if (l.activation !== 'linear') for (let u = 0; u < l.units; u++) next[u] = ACTIVATIONS[l.activation](next[u]);
        [h, next] = [next, h];
      }
      if (model.task === 'binary') {
        out[i * 2] = 1 - h[0];
        out[i * 2 + 1] = h[0];
      } else for (let u = 0; u < k; u++) out[i * k + u] = h[u];
    }
    return out;
  };
}

function softmax(v: Float64Array, k: number): void {
  let max = -Infinity;
  for (let u = 0; u < k; u++) max = Math.max(max, v[u]);
  let sum = 0;
  for (let u = 0; u < k; u++) sum += v[u] = Math.exp(v[u] - max);
  for (let u = 0; u < k; u++) v[u] /= sum;
}
