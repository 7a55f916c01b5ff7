/**
 * The dense ReLU step on tfjs-backend-wasm without TF.js's per-op machinery. Through TF.js ops a
 * batch of 128 rows ran ~45 kernels at 10–15 µs of engine overhead each (allocation, tracking,
 * disposal) around ~150 µs of arithmetic, so the studio trained at half scikit-learn's rows/s.
 * Here the products, transposes and ReLU masks still run in the backend's own kernels (called
 * with the arguments its TF.js kernels pass), on buffers allocated once in the backend's heap; the
 * loss gradient and Adam are plain loops over the same heap. Each bias gradient comes out of its
 * kernel-gradient product as one more row (the layer input gets a row of ones).
 *
 * XNNPACK packs and caches the right-hand operand per tensor id (it assumes weights never
 * change), so every operand gets a fresh id for one call and is disposed right after, which also
 * frees the cached operator.
 */
import * as tf from '@tensorflow/tfjs';
import { FLOAT32, LINEAR, RELU, wasmKernels, type Kernels, type WasmBackend } from './wasmKernels';
import { createRng } from '../../stats';
import type { Task } from '../../recipe';
import type { AdamStep } from './flatAdam';

/** Added to and taken from a double, it rounds |x| < ~1e-38 to a multiple of 2⁻¹²⁵: never a subnormal float32. */
const FLUSH = 1e-22;
/**
 * The same for weights, coarser: |w| < ~1e-24 becomes 0. Weights of a dead unit decay towards 0
 * under L2 (to 1e-35 within 20 epochs of the flights bench), and their products with gradients
 * are subnormal: one backward product slowed 7× until this rounding was added.
 */
const WEIGHT_FLUSH = 1e-8;

/**
 * Adam on the heap, with the L2 term (2·l2·p on kernel entries) added to the gradient as it is
 * read. Returns 0, or NaN when a gradient entry was not finite.
 */
function adamInPlace(h: Float32Array, p: number, mo: number, vo: number, g: number, extra: Float32Array, from: number, to: number, l2: number, step: AdamStep): number {
  const { scale, epsHat, beta1, beta2 } = step;
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  let check = 0;
  for (let j = from; j < to; j++) {
    const gj = h[g + j] + extra[j] + l2 * h[p + j];
    check += gj * 0;
    // Adding and taking back FLUSH (in doubles) rounds |x| below ~1e-38 to a multiple of 2⁻¹²⁵, so
    // no moment is stored as a subnormal float32 (slow arithmetic); a branch here mispredicts on sign.
    const m1 = beta1 * h[mo + j] + c1 * gj + FLUSH - FLUSH;
    const v1 = beta2 * h[vo + j] + c2 * gj * gj + FLUSH - FLUSH;
    h[mo + j] = m1;
    h[vo + j] = v1;
    h[p + j] = h[p + j] - (scale * m1) / (Math.sqrt(v1) + epsHat) + WEIGHT_FLUSH - WEIGHT_FLUSH;
  }
  return check;
}


export interface WasmDenseLayer {
  /** Inputs and outputs of the layer. */
  inputs: number;
  outputs: number;
  /** Offsets (in floats) of its kernel (inputs × outputs, row-major) and bias in the flat weights. */
  kernel: number;
  bias: number;
}

export interface WasmDenseSpec {
  task: Task;
  layers: WasmDenseLayer[];
  /** Total number of weights (the flat vector's length). */
  size: number;
  /** Largest batch (rows). */
  batchSize: number;
  dropout: number;
  l2: number;
}

/** A batch as row-major host arrays: features (m × inputs), targets (m × outputs), optional row weights. */
export interface HostRows {
  x: Float32Array;
  y: Float32Array;
  w: Float32Array | null;
  m: number;
}

export interface WasmDense {
  /**
   * Forward and backward for one batch with the flat weights held by `params`: writes the gradient
   * of the row-weighted mean loss into its own buffer and returns the check value
   * (non-finite exactly when the loss is). `seed` seeds each hidden layer's dropout mask.
   * `divisor` is the batch's row count when `rows` is part of a batch (default: rows.m).
   */
  gradient(rows: HostRows, params: tf.Variable, seed: () => number, divisor?: number): number;
  /** The last gradient, as a view of the heap (valid until the next call into the backend). */
  gradientView(): Float32Array;
  /** A copy of the last gradient, with the L2 term for `params`. */
  lastGradient(params: tf.Variable): Float32Array;
  /**
   * Adam on the flat weights and moments (tensors of the active backend, updated in place).
   * Returns NaN when the gradient held a non-finite value, else 0: XNNPACK's fused ReLU clamps NaN
   * to 0, so a diverged first layer would otherwise leave the loss finite and the model silently broken.
   * `extra`, when given, is the gradient of the batch's other rows, added to this one's.
   */
  adam(params: tf.Variable, m: tf.Variable, v: tf.Variable, step: AdamStep, extra?: Float32Array): number;
  dispose(): void;
}

/** Whether `activation` and the backend allow the raw step; null otherwise (callers use TF.js ops). */
export function createWasmDense(spec: WasmDenseSpec, activation: string): WasmDense | null {
  const { layers, batchSize: B, task, size } = spec;
  // The bias gradient comes out of the kernel-gradient product as its last row, so each bias must follow its kernel.
  if (activation !== 'relu' || layers.some((l) => l.bias !== l.kernel + l.inputs * l.outputs)) return null;
  const found = wasmKernels();
  if (!found) return null;
  const { backend, kernels } = found;
  const { wasm } = backend;
  const L = layers.length;
  const dims = [layers[0].inputs, ...layers.map((l) => l.outputs)];
  const k = dims[L];

  // One arena: activations (input rows first), output-side gradients, transposes, the flat gradient.
  let floats = 0;
  const take = (n: number) => {
    const at = floats;
    floats += n;
    return at;
  };
  const acts = dims.map((d) => take(B * d));
  const dz = dims.map((d, i) => (i === 0 ? -1 : take(B * d)));
  // Each layer's input, transposed, with a row of ones below it: (inputs + 1) × rows. Reused as a mask afterwards.
  const actT = layers.map((l) => take(B * (l.inputs + 1)));
  const kernelT = layers.map((l, i) => (i > 0 ? take(l.inputs * l.outputs) : -1)); // layer 0 has no input gradient
  const grad = take(size);
  const keepScale = take(1);
  const base = wasm._malloc(floats * 4) >>> 0;
  if (!base) return null;
  const at = (f: number) => (base >> 2) + f; // float index in HEAPF32 of arena float `f`
  const keep = 1 / (1 - spec.dropout);
  wasm.HEAPF32[at(keepScale)] = keep;
  const zeros = new Float32Array(size);

  const offsetOf = (t: tf.Tensor): number => {
    const info = backend.dataIdMap.get(t.dataId);
    if (!info) throw new Error('A training tensor is not on the WASM backend.');
    return info.memoryOffset >> 2;
  };
  const shapes = new Map<string, Uint8Array>();
  const shape = (...dimensions: number[]) => {
    const key = dimensions.join('x');
    let bytes = shapes.get(key);
    if (!bytes) shapes.set(key, (bytes = new Uint8Array(new Int32Array(dimensions).buffer)));
    return bytes;
  };
  const flip = shape(1, 0);
  /** Runs `f` with ids for heap ranges [index, index + n) (HEAPF32 indices), disposed after. */
  const withIds = (ranges: [number, number][], f: (...ids: number[]) => void) => {
    const ids = ranges.map(([index, n]) => {
      const id = backend.dataIdNextNumber++;
      wasm.tfjs.registerTensor(id, n, index * 4);
      return id;
    });
    try {
      f(...ids);
    } finally {
      for (const id of ids) wasm.tfjs.disposeData(id);
    }
  };
  /** out (r × c) = a (r × inner) · b (inner × c) [+ bias, ReLU]. */
  const matMul = (a: number, r: number, inner: number, b: number, c: number, out: number, bias = -1, activation = LINEAR) => {
    const ranges: [number, number][] = [[a, r * inner], [b, inner * c], [out, r * c]];
    withIds(bias >= 0 ? [...ranges, [bias, c]] : ranges, (aId, bId, outId, biasId = 0) =>
      kernels.fusedMatMul(aId, shape(1, r, inner), 3, bId, shape(1, inner, c), 3, 0, 0, activation, biasId, 0, 0, outId));
  };
  const transpose = (src: number, r: number, c: number, dst: number) =>
    withIds([[src, r * c], [dst, r * c]], (srcId, dstId) => kernels.transpose(srcId, shape(r, c), 2, FLOAT32, dstId, flip, 2));
  /** g ← g · [a > 0] (· keep with dropout): the ReLU's derivative, and dropout's (a unit it dropped is 0). */
  const reluBackward = (g: number, a: number, n: number, mask: number) =>
    withIds([[g, n], [a, n], [mask, n], [at(keepScale), 1]], (gId, aId, maskId, keepId) => {
      kernels.step(aId, 0, FLOAT32, maskId);
      kernels.multiply(gId, shape(n), 1, maskId, shape(n), 1, FLOAT32, gId);
      if (spec.dropout > 0) kernels.multiply(gId, shape(n), 1, keepId, shape(1), 1, FLOAT32, gId);
    });

  const gradient = (rows: HostRows, params: tf.Variable, seed: () => number, divisor = rows.m): number => {
    const m = rows.m;
    const p = offsetOf(params);
    wasm.HEAPF32.set(rows.x.subarray(0, m * dims[0]), at(acts[0]));
    for (let i = 0; i < L; i++) {
      const l = layers[i];
      const hidden = i < L - 1;
      matMul(at(acts[i]), m, l.inputs, p + l.kernel, l.outputs, at(acts[i + 1]), p + l.bias, hidden ? RELU : LINEAR);
      if (hidden && spec.dropout > 0) {
        const h = wasm.HEAPF32;
        const rng = createRng(seed());
        for (let j = at(acts[i + 1]), end = j + m * l.outputs; j < end; j++) h[j] = rng.next() >= spec.dropout ? h[j] * keep : 0;
      }
    }
    // Gradient of the row-weighted mean loss with respect to the output layer's pre-activation; a
    // confident prediction gives a subnormal float32 here, and XNNPACK's products slow down ~10× on those.
    const h = wasm.HEAPF32;
    const z = at(acts[L]);
    const g = at(dz[L]);
    const { y, w } = rows;
    let watch = 0;
    for (let r = 0; r < m; r++) {
      const rw = (w ? w[r] : 1) / divisor;
      const o = r * k;
      if (task === 'regression') {
        for (let j = 0; j < k; j++) {
          const e = h[z + o + j] - y[o + j];
          watch += e * e * rw;
          h[g + o + j] = 2 * e * rw + FLUSH - FLUSH;
        }
      } else if (task === 'binary') {
        const d = (1 / (1 + Math.exp(-h[z + o])) - y[o]) * rw;
        h[g + o] = d + FLUSH - FLUSH;
        watch += d;
      } else {
        let max = -Infinity;
        for (let j = 0; j < k; j++) max = Math.max(max, h[z + o + j]);
        let sum = 0;
        for (let j = 0; j < k; j++) sum += Math.exp(h[z + o + j] - max);
        for (let j = 0; j < k; j++) {
          const d = (Math.exp(h[z + o + j] - max) / sum - y[o + j]) * rw;
          h[g + o + j] = d + FLUSH - FLUSH;
          watch += d;
        }
      }
    }
    if (task === 'regression') watch /= k;
    for (let i = L - 1; i >= 0; i--) {
      const l = layers[i];
      const a = at(acts[i]);
      const dOut = at(dz[i + 1]);
      const aT = at(actT[i]);
      // Kernel and bias gradient in one product: [aᵀ; 1ᵀ] · dOut is the kernel's rows, then the bias row.
      transpose(a, m, l.inputs, aT);
      wasm.HEAPF32.fill(1, aT + l.inputs * m, aT + (l.inputs + 1) * m);
      matMul(aT, l.inputs + 1, m, dOut, l.outputs, at(grad) + l.kernel);
      if (i === 0) break;
      // Gradient at the layer's input: dOut · kernelᵀ (a one-column kernel is its own transpose, as memory).
      let kT = p + l.kernel;
      if (l.outputs > 1) transpose(p + l.kernel, l.inputs, l.outputs, (kT = at(kernelT[i])));
      const dIn = at(dz[i]);
      matMul(dOut, m, l.outputs, kT, l.inputs, dIn);
      reluBackward(dIn, a, m * l.inputs, aT);
    }
    return watch;
  };

  return {
    gradient,
    lastGradient: (params) => {
      // The gradient as `step` uses it: Adam adds the L2 term as it reads the buffer.
      const G = at(grad);
      const h = wasm.HEAPF32;
      const last = h.slice(G, G + size);
      const p = offsetOf(params);
      for (const l of layers) for (let j = l.kernel; j < l.bias; j++) last[j] += 2 * spec.l2 * h[p + j];
      return last;
    },
    adam: (params, mVar, vVar, step, extra = zeros) => {
      const h = wasm.HEAPF32;
      const [p, mo, vo, G] = [offsetOf(params), offsetOf(mVar), offsetOf(vVar), at(grad)];
      let check = 0;
      for (const l of layers) {
        check += adamInPlace(h, p, mo, vo, G, extra, l.kernel, l.bias, 2 * spec.l2, step);
        check += adamInPlace(h, p, mo, vo, G, extra, l.bias, l.bias + l.outputs, 0, step);
      }
      return check;
    },
    gradientView: () => wasm.HEAPF32.subarray(at(grad), at(grad) + size),
    dispose: () => wasm._free(base),
  };
}
