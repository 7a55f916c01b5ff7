/**
 * The trained network as plain data, and a dependency-free forward pass over it: what the offline
 * demo page runs (shipped with `Function.prototype.toString()`, so `cnnRuntime` uses built-ins only).
 */
import type { LayersFiles } from '../../models';

/** One layer of the network, in order; weights are row-major as TF.js stores them (kernel H × W × in × out). */
export type PlainLayer =
  | { type: 'avgpool' | 'maxpool'; size: number; stride: number }
  | { type: 'conv'; filters: number; kernel: number; relu: boolean; weights: Float32Array; bias: Float32Array }
  | { type: 'dense'; units: number; activation: 'relu' | 'softmax'; weights: Float32Array; bias: Float32Array };

interface LayerJson {
  class_name: string;
  config: { name: string; filters?: number; kernel_size?: number[]; pool_size?: number[]; strides?: number[]; units?: number; activation?: string };
}

/** Reads the TF.js layers files `buildCnn` made into plain layers (flatten is implicit: pixels are already row-major). */
export function plainLayers(files: LayersFiles): PlainLayer[] {
  const json = JSON.parse(files.modelJson);
  const specs: { name: string; shape: number[] }[] = json.weightsManifest[0].weights;
  const tensors = new Map<string, Float32Array>();
  let at = 0;
  for (const s of specs) {
    const size = s.shape.reduce((a, b) => a * b, 1);
    tensors.set(s.name, new Float32Array(files.weights.slice(at, at + size * 4).buffer));
    at += size * 4;
  }
  const weightOf = (layer: string, part: string) => {
    const found = [...tensors].find(([name]) => name === `${layer}/${part}` || name.endsWith(`/${layer}/${part}`));
    if (!found) throw new Error(`The model files lack the ${part} of layer ${layer}.`);
    return found[1];
  };
  const layers: PlainLayer[] = [];
  for (const { class_name: kind, config: c } of json.modelTopology.config.layers as LayerJson[]) {
    if (kind === 'AveragePooling2D' || kind === 'MaxPooling2D') layers.push({ type: kind === 'MaxPooling2D' ? 'maxpool' : 'avgpool', size: c.pool_size![0], stride: (c.strides ?? c.pool_size!)[0] });
    else if (kind === 'Conv2D') layers.push({ type: 'conv', filters: c.filters!, kernel: c.kernel_size![0], relu: c.activation === 'relu', weights: weightOf(c.name, 'kernel'), bias: weightOf(c.name, 'bias') });
    else if (kind === 'Dense') layers.push({ type: 'dense', units: c.units!, activation: c.activation === 'softmax' ? 'softmax' : 'relu', weights: weightOf(c.name, 'kernel'), bias: weightOf(c.name, 'bias') });
    else if (kind !== 'Flatten') throw new Error(`The demo page cannot run a ${kind} layer.`);
  }
  return layers;
}

/**
 * Returns `classify(layers, pixels, height, width, channels, mean, std)`: class probabilities of
 * one image (H × W × C bytes, 0–255) after the training normalisation. Self-contained.
 */
export function cnnRuntime() {
  return function classify(layers: PlainLayer[], pixels: ArrayLike<number>, height: number, width: number, channels: number, mean: number[], std: number[]): Float64Array {
    let h = height;
    let w = width;
    let c = channels;
    let x = new Float64Array(h * w * c);
    for (let i = 0; i < x.length; i++) x[i] = (pixels[i] - mean[i % c]) / std[i % c];
    for (const layer of layers) {
      if (layer.type === 'conv') {
        const k = layer.kernel;
        const pad = (k - 1) >> 1;
        const f = layer.filters;
        const out = new Float64Array(h * w * f);
        for (let y = 0; y < h; y++)
          for (let xx = 0; xx < w; xx++)
            for (let o = 0; o < f; o++) {
              let s = layer.bias[o];
              for (let ky = 0; ky < k; ky++) {
                const sy = y + ky - pad;
                if (sy < 0 || sy >= h) continue;
                for (let kx = 0; kx < k; kx++) {
                  const sx = xx + kx - pad;
                  if (sx < 0 || sx >= w) continue;
                  for (let i = 0; i < c; i++) s += x[(sy * w + sx) * c + i] * layer.weights[((ky * k + kx) * c + i) * f + o];
                }
              }
              out[(y * w + xx) * f + o] = layer.relu && s < 0 ? 0 : s;
            }
        x = out;
        c = f;
      } else if (layer.type === 'maxpool' || layer.type === 'avgpool') {
        const oh = Math.floor((h - layer.size) / layer.stride) + 1;
        const ow = Math.floor((w - layer.size) / layer.stride) + 1;
        const out = new Float64Array(oh * ow * c);
        for (let y = 0; y < oh; y++)
          for (let xx = 0; xx < ow; xx++)
            for (let i = 0; i < c; i++) {
              let m = layer.type === 'maxpool' ? -Infinity : 0;
              for (let py = 0; py < layer.size; py++)
                for (let px = 0; px < layer.size; px++) {
                  const v = x[((y * layer.stride + py) * w + xx * layer.stride + px) * c + i];
                  m = layer.type === 'maxpool' ? Math.max(m, v) : m + v / (layer.size * layer.size);
                }
              out[(y * ow + xx) * c + i] = m;
            }
        x = out;
        h = oh;
        w = ow;
      } else if (layer.type === 'dense') {
        const n = x.length;
        const out = new Float64Array(layer.units);
        for (let o = 0; o < layer.units; o++) {
          let s = layer.bias[o];
          for (let i = 0; i < n; i++) s += x[i] * layer.weights[i * layer.units + o];
          out[o] = layer.activation === 'relu' && s < 0 ? 0 : s;
        }
        if (layer.activation === 'softmax') {
          const top = Math.max(...out);
          let sum = 0;
          for (let o = 0; o < out.length; o++) sum += out[o] = Math.exp(out[o] - top);
          for (let o = 0; o < out.length; o++) out[o] /= sum;
        }
        x = out;
      }
    }
    return x;
  };
}
