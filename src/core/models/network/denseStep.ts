/**
 * The training step of a dense stack with its backward pass written out by hand: about 40 TF.js
 * ops a batch where the autodiff tape plus tfjs-core's Adam ran about 150 (per-op overhead, not
 * arithmetic, is what a 2 × 64 MLP spends its time on). Weights live in one flat vector between
 * epochs' ends so Adam is a dozen ops (`FlatAdam`); `push` copies them into the layers.
 * Every matrix product is untransposed (transposes are explicit ops) because tfjs-backend-wasm
 * sends only those to XNNPACK; a transposed operand falls back to a scalar loop 5–10× slower.
 */
import * as tf from '@tensorflow/tfjs';
import type { Task } from '../../recipe';
import type { Network } from './build';
import { FlatAdam } from './flatAdam';
import { createWasmDense, type HostRows, type WasmDense, type WasmDenseSpec } from './wasmDense';
import { SPLIT_MIN_BATCH_ROWS, seedsFrom, startGradientHelper } from './sharedGradient';

export interface DenseStepConfig {
  task: Task;
  learningRate: number;
  /** Weight of Σ kernel² added to the loss. */
  l2: number;
  /** Drop rate after each hidden layer, [0, 1). */
  dropout: number;
  /** Largest batch (rows) `step` will be given. */
  batchSize: number;
  /** Whether batches carry row weights (class weights). */
  weighted?: boolean;
  /** 'ops' keeps every backend on TF.js ops; 'auto' (default) takes the raw WASM kernels when they are there. */
  engine?: 'auto' | 'ops';
  /** Compute each batch of the raw WASM step as two halves, the second on a helper thread when there is one (`splitsBatches`). */
  split?: boolean;
}

export interface DenseStep {
  optimizer: FlatAdam;
  /**
   * The gradient of the batch's loss (row-weighted mean, plus the L2 penalty) with respect to the
   * flat weights (the model's trainable weights in order, flattened and concatenated), and the
   * check scalar that `step` returns. Call inside a tidy scope.
   */
  gradient(x: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor2D | null, seed: () => number): { g: tf.Tensor1D; watch: tf.Scalar };
  /**
   * One batch: forward, backward, Adam. Returns a value that is non-finite exactly when the
   * batch's loss is (the classification loss itself, clipped, is non-finite only when a
   * probability is NaN, and so is the sum of the output gradient): a number at once from the raw
   * WASM step, a scalar to read later (the caller disposes it) from TF.js ops. `seed` gives each
   * dropout mask its seed.
   */
  step(rows: HostRows, seed: () => number): tf.Scalar | number;
  /** 'wasm' when the raw WASM kernels run the step, 'ops' when TF.js ops do. */
  engine: 'wasm' | 'ops';
  /** Batches a helper thread has taken half of so far. */
  helped(): number;
  /** Writes the flat weights into the layers' variables (before evaluating or checkpointing). */
  push(): void;
  /** Reads the layers' variables into the flat weights (after a checkpoint was restored into them). */
  pull(): void;
  dispose(): void;
}

/** Whether `net` can use the hand-derived step: no embeddings, and an activation whose derivative follows from its output. */
export function canStepDense(net: Network): boolean {
  return net.embeddings.length === 0 && net.activation !== 'selu';
}

interface Slot {
  offset: number;
  size: number;
  shape: number[];
}

/** f′ from f's output `a` (pre-dropout) for the hidden activations this step supports. */
function derivative(activation: Network['activation'], a: tf.Tensor): tf.Tensor {
  if (activation === 'relu') return a.step();
  if (activation === 'tanh') return tf.sub(1, a.square());
  if (activation === 'sigmoid') return a.mul(tf.sub(1, a));
  return a.minimum(0).add(1); // elu (α = 1): 1 above zero, e^x = a + 1 below
}

function activate(activation: Network['activation'], a: tf.Tensor): tf.Tensor {
  if (activation === 'tanh') return a.tanh();
  if (activation === 'sigmoid') return a.sigmoid();
  return a.elu();
}

/** A transposed copy; a vector's transpose is a reshape, which copies nothing. */
const transposed = (t: tf.Tensor2D): tf.Tensor2D => (t.shape[0] === 1 || t.shape[1] === 1 ? t.reshape([t.shape[1], t.shape[0]]) : t.transpose());

/** `vars` are the model's trainable weights in order (the flat layout and the checkpoint order). */
export function createDenseStep(net: Network, vars: tf.Variable[], cfg: DenseStepConfig): DenseStep {
  const slots: Slot[] = [];
  let offset = 0;
  for (const v of vars) {
    slots.push({ offset, size: v.size, shape: [...v.shape] });
    offset += v.size;
  }
  const slotOf = (t: tf.LayerVariable) => {
    const i = vars.indexOf(t.read() as tf.Variable);
    if (i < 0) throw new Error(`Layer weight ${t.name} is not among the model's trainable weights; the hand-derived step cannot train it.`);
    return slots[i];
  };
  const layers = net.dense.map((l) => ({ kernel: slotOf(l.trainableWeights[0]), bias: slotOf(l.trainableWeights[1]) }));
  const params = tf.tidy(() => tf.variable(tf.concat(vars.map((v) => v.reshape([-1]))), false));
  // 2·l2 on kernel entries, 0 on biases: the penalty's gradient is one multiply-add on the flat vector.
  const l2Mask = cfg.l2 > 0 ? tf.tidy(() => {
    const mask = new Float32Array(offset);
    for (const l of layers) mask.fill(2 * cfg.l2, l.kernel.offset, l.kernel.offset + l.kernel.size);
    return tf.tensor1d(mask);
  }) : null;
  const optimizer = new FlatAdam(cfg.learningRate, vars);
  const last = layers.length - 1;
  const keepScale = 1 / (1 - cfg.dropout);

  const gradient = (x: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor2D | null, seed: () => number) => {
    const n = x.shape[0];
    const weights = layers.map((l) => ({
      kernel: params.slice(l.kernel.offset, l.kernel.size).reshape(l.kernel.shape) as tf.Tensor2D,
      bias: params.slice(l.bias.offset, l.bias.size),
    }));
    // Forward: inputs of each layer, hidden activations (pre-dropout) and dropout masks (already scaled).
    const inputs: tf.Tensor2D[] = [x];
    const acts: tf.Tensor2D[] = [];
    const drops: (tf.Tensor2D | null)[] = [];
    for (let i = 0; i < last; i++) {
      const { kernel, bias } = weights[i];
      const fused = net.activation === 'relu';
      const z = tf.fused.matMul({ a: inputs[i], b: kernel, bias, activation: fused ? 'relu' : 'linear' });
      const a = (fused ? z : activate(net.activation, z)) as tf.Tensor2D;
      const drop = cfg.dropout > 0 ? (tf.randomUniform(a.shape, 0, 1, 'float32', seed()).greaterEqual(cfg.dropout).toFloat().mul(keepScale) as tf.Tensor2D) : null;
      acts.push(a);
      drops.push(drop);
      inputs.push(drop ? a.mul(drop) : a);
    }
    const out = tf.fused.matMul({ a: inputs[last], b: weights[last].kernel, bias: weights[last].bias });
    // Gradient of the (row-weighted) mean loss with respect to the output layer's pre-activation.
    let watch: tf.Scalar | null = null;
    let dz: tf.Tensor2D;
    if (cfg.task === 'regression') {
      const e = out.sub(y);
      const se = e.square();
      watch = (w ? se.mul(w) : se).mean() as tf.Scalar;
      dz = (w ? e.mul(w) : e).mul(2 / n);
    } else {
      const p = cfg.task === 'binary' ? out.sigmoid() : out.softmax();
      const diff = p.sub(y);
      dz = (w ? diff.mul(w) : diff).mul(1 / n);
    }
    const grads: tf.Tensor[] = new Array(vars.length);
    for (let i = last; i >= 0; i--) {
      const l = layers[i];
      grads[slots.indexOf(l.kernel)] = tf.matMul(transposed(inputs[i]), dz);
      const gb = dz.sum(0);
      grads[slots.indexOf(l.bias)] = gb;
      if (i === last && !watch) watch = gb.sum() as tf.Scalar;
      if (i > 0) {
        let dh = tf.matMul(dz, transposed(weights[i].kernel));
        const drop = drops[i - 1];
        if (drop) dh = dh.mul(drop);
        dz = dh.mul(derivative(net.activation, acts[i - 1]));
      }
    }
    const g = tf.concat(grads.map((t) => t.reshape([-1]))) as tf.Tensor1D;
    return { g: l2Mask ? (g.add(params.mul(l2Mask)) as tf.Tensor1D) : g, watch: watch! };
  };
  const spec: WasmDenseSpec = {
    task: cfg.task,
    layers: layers.map((l) => ({ inputs: l.kernel.shape[0], outputs: l.kernel.shape[1], kernel: l.kernel.offset, bias: l.bias.offset })),
    size: offset,
    batchSize: cfg.batchSize,
    dropout: cfg.dropout,
    l2: cfg.l2,
  };
  const inputs = layers[0].kernel.shape[0];
  const outputs = layers[last].kernel.shape[1];
  const part = (rows: HostRows, from: number, to: number): HostRows => ({
    x: rows.x.subarray(from * inputs, to * inputs), y: rows.y.subarray(from * outputs, to * outputs), w: rows.w ? rows.w.subarray(from, to) : null, m: to - from,
  });
  const raw = cfg.engine === 'ops' ? null : createWasmDense(spec, net.activation);
  // The second half of split batches: on the helper when it answers, else here, with identical results.
  const rawB = raw && cfg.split ? createWasmDense(spec, net.activation) : null;
  const helper = rawB ? startGradientHelper(spec, inputs, outputs, cfg.weighted ?? false) : null;
  const rawStep = (first: WasmDense, second: WasmDense | null) => (rows: HostRows, seed: () => number): number => {
    const { m, v } = optimizer.moments;
    if (!second || rows.m < SPLIT_MIN_BATCH_ROWS) return first.gradient(rows, params, seed) + first.adam(params, m, v, optimizer.advance());
    const half = Math.ceil(rows.m / 2);
    const rest = part(rows, half, rows.m);
    const base = seed();
    const sent = helper?.request(rest, params, base, rows.m) ?? false;
    let watch = first.gradient(part(rows, 0, half), params, seed, rows.m);
    const answer = sent ? helper!.collect() : null;
    if (answer) watch += answer.watch;
    else watch += second.gradient(rest, params, seedsFrom(base), rows.m);
    return watch + first.adam(params, m, v, optimizer.advance(), answer ? answer.grad : second.gradientView());
  };
  const tensorsOf = (rows: HostRows) => ({
    x: tf.tensor2d(rows.x.subarray(0, rows.m * inputs), [rows.m, inputs]),
    y: tf.tensor2d(rows.y.subarray(0, rows.m * outputs), [rows.m, outputs]),
    w: rows.w ? tf.tensor2d(rows.w.subarray(0, rows.m), [rows.m, 1]) : null,
  });
  const hostOf = (x: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor2D | null): HostRows => ({
    x: x.dataSync() as Float32Array, y: y.dataSync() as Float32Array, w: w ? (w.dataSync() as Float32Array) : null, m: x.shape[0],
  });

  return {
    optimizer,
    engine: raw ? 'wasm' : 'ops',
    helped: () => helper?.answered() ?? 0,
    gradient: raw
      ? (x, y, w, seed) => {
        const watch = raw.gradient(hostOf(x, y, w), params, seed);
        return { g: tf.tensor1d(raw.lastGradient(params)), watch: tf.scalar(watch) };
      }
      : gradient,
    step: raw
      ? rawStep(raw, rawB)
      : (rows, seed) => tf.tidy(() => {
        const { x, y, w } = tensorsOf(rows);
        const { g, watch } = gradient(x, y, w, seed);
        optimizer.update(params, g);
        return watch;
      }),
    push: () => tf.tidy(() => vars.forEach((v, i) => v.assign(params.slice(slots[i].offset, slots[i].size).reshape(slots[i].shape)))),
    pull: () => tf.tidy(() => params.assign(tf.concat(vars.map((v) => v.reshape([-1]))))),
    dispose: () => {
      optimizer.dispose();
      params.dispose();
      l2Mask?.dispose();
      raw?.dispose();
      helper?.stop();
      rawB?.dispose();
    },
  };
}
