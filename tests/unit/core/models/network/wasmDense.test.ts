import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { useBackend } from '../../../../../src/core/models';
import { buildNetwork } from '../../../../../src/core/models/network/build';
import { createDenseStep } from '../../../../../src/core/models/network/denseStep';
import type { Task } from '../../../../../src/core/recipe';

beforeAll(async () => {
  expect(await useBackend('wasm')).toBe('wasm');
});

const EPS = 1e-7;

/** The loss the tape path minimises (loop.ts's rowLoss, row-weighted mean, plus l2 · Σ kernel²), written independently. */
function referenceLoss(p: tf.Tensor, y: tf.Tensor, w: tf.Tensor | null, task: Task, kernels: tf.Tensor[], l2: number): tf.Scalar {
  let rows: tf.Tensor;
  if (task === 'regression') rows = p.sub(y).square().sum(1);
  else {
    const q = p.clipByValue(EPS, 1 - EPS);
    rows = task === 'binary' ? y.mul(q.log()).add(tf.sub(1, y).mul(tf.sub(1, q).log())).neg().sum(1) : y.mul(q.log()).sum(1).neg();
  }
  const data = (w ? rows.mul(w.reshape([-1])) : rows).mean();
  return (l2 > 0 ? data.add(tf.addN(kernels.map((k) => k.square().sum())).mul(l2)) : data) as tf.Scalar;
}

function fixture(task: Task, n: number, d: number, k: number, weighted: boolean) {
  const x = tf.randomNormal([n, d], 0, 1, 'float32', 1) as tf.Tensor2D;
  const y = tf.tidy(() => {
    if (task === 'regression') return tf.randomNormal([n, k], 0, 1, 'float32', 2);
    if (task === 'binary') return tf.randomUniform([n, 1], 0, 1, 'float32', 2).round();
    return tf.oneHot(tf.randomUniform([n], 0, k, 'int32', 2), k).toFloat();
  }) as tf.Tensor2D;
  const w = weighted ? (tf.randomUniform([n, 1], 0.5, 2, 'float32', 4) as tf.Tensor2D) : null;
  return { x, y, w };
}

const cases: { name: string; task: Task; hidden: number[]; l2: number; weighted: boolean; k: number }[] = [
  { name: 'binary, 2 × 16 relu, L2, row weights', task: 'binary', hidden: [16, 16], l2: 1e-2, weighted: true, k: 1 },
  { name: 'multiclass, 1 × 8 relu', task: 'multiclass', hidden: [8], l2: 0, weighted: false, k: 3 },
  { name: 'regression with 2 outputs, 3 × 6 relu, L2, row weights', task: 'regression', hidden: [6, 6, 6], l2: 1e-3, weighted: true, k: 2 },
  { name: 'multiclass logistic (no hidden layer), L2', task: 'multiclass', hidden: [], l2: 1e-2, weighted: false, k: 4 },
  { name: 'binary logistic (one output column everywhere)', task: 'binary', hidden: [], l2: 0, weighted: true, k: 1 },
];

test.each(cases)('raw WASM gradient = TF.js autodiff of the loop loss: $name', ({ task, hidden, l2, weighted, k }) => {
  const net = buildNetwork({ inputs: 5, hidden, activation: 'relu', outputs: k, output: task === 'binary' ? 'sigmoid' : task === 'multiclass' ? 'softmax' : 'linear', seed: 3 });
  const vars = net.model.trainableWeights.map((v) => v.read() as tf.Variable);
  const step = createDenseStep(net, vars, { task, learningRate: 1e-3, l2, dropout: 0, batchSize: 64 });
  expect(step.engine).toBe('wasm');
  // 23 rows: a partial batch of a 64-row arena.
  const { x, y, w } = fixture(task, 23, 5, k, weighted);
  const [ours, ref] = tf.tidy(() => {
    const { g } = step.gradient(x, y, w, () => 0);
    const kernels = net.dense.map((l) => l.trainableWeights[0].read());
    const { grads } = tf.variableGrads(() => referenceLoss(net.model.apply(x) as tf.Tensor, y, w, task, kernels, l2), vars);
    return [g.arraySync(), tf.concat(vars.map((v) => grads[v.name].reshape([-1]))).arraySync() as number[]];
  });
  expect(ours).toHaveLength(ref.length);
  const scale = Math.max(...ref.map(Math.abs));
  ours.forEach((v, i) => expect(Math.abs(v - ref[i])).toBeLessThan(1e-5 * scale + 1e-7));
  step.dispose();
  net.model.dispose();
  tf.dispose([x, y, ...(w ? [w] : [])]);
});

test('raw WASM steps follow the TF.js-ops steps (weights change, so no stale packed operand is reused)', () => {
  const trained = (engine: 'auto' | 'ops') => {
    const net = buildNetwork({ inputs: 6, hidden: [12, 12], activation: 'relu', outputs: 1, output: 'sigmoid', seed: 7 });
    const vars = net.model.trainableWeights.map((v) => v.read() as tf.Variable);
    const step = createDenseStep(net, vars, { task: 'binary', learningRate: 0.01, l2: 1e-4, dropout: 0, batchSize: 40, engine });
    const { x, y } = fixture('binary', 40, 6, 1, false);
    const rows = { x: x.dataSync() as Float32Array, y: y.dataSync() as Float32Array, w: null, m: 40 };
    const before = tf.memory().numTensors;
    for (let s = 0; s < 30; s++) {
      const watch = step.step(rows, () => s);
      if (typeof watch !== 'number') watch.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    step.push();
    const weights = tf.concat(vars.map((v) => v.reshape([-1]))).dataSync();
    const loss = tf.tidy(() => tf.losses.logLoss(y, net.model.apply(x) as tf.Tensor).dataSync()[0]);
    expect(step.optimizer.iterations).toBe(30);
    step.dispose();
    net.model.dispose();
    tf.dispose([x, y]);
    return { engine: step.engine, weights, loss };
  };
  const ops = trained('ops');
  const raw = trained('auto');
  expect([ops.engine, raw.engine]).toEqual(['ops', 'wasm']);
  // Float32 rounding differs (JavaScript doubles in the raw Adam); 30 steps stay within 1e-4.
  raw.weights.forEach((v, i) => expect(Math.abs(v - ops.weights[i])).toBeLessThan(1e-4));
  expect(raw.loss).toBeCloseTo(ops.loss, 4);
});

test('raw WASM dropout: masks come from the seed, so the same seeds give the same step and others a different one', () => {
  const gradientWith = (seed: number) => {
    const net = buildNetwork({ inputs: 5, hidden: [16], activation: 'relu', outputs: 1, output: 'sigmoid', seed: 3 });
    const vars = net.model.trainableWeights.map((v) => v.read() as tf.Variable);
    const step = createDenseStep(net, vars, { task: 'binary', learningRate: 1e-3, l2: 0, dropout: 0.5, batchSize: 32 });
    const { x, y } = fixture('binary', 32, 5, 1, false);
    const g = tf.tidy(() => step.gradient(x, y, null, () => seed).g.dataSync());
    step.dispose();
    net.model.dispose();
    tf.dispose([x, y]);
    return Array.from(g);
  };
  expect(gradientWith(11)).toEqual(gradientWith(11));
  expect(gradientWith(11)).not.toEqual(gradientWith(12));
});

test('non-ReLU activations stay on TF.js ops', () => {
  const net = buildNetwork({ inputs: 3, hidden: [4], activation: 'tanh', outputs: 1, output: 'sigmoid', seed: 1 });
  const vars = net.model.trainableWeights.map((v) => v.read() as tf.Variable);
  const step = createDenseStep(net, vars, { task: 'binary', learningRate: 1e-3, l2: 0, dropout: 0, batchSize: 8 });
  expect(step.engine).toBe('ops');
  step.dispose();
  net.model.dispose();
});
