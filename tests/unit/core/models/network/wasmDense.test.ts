import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { useBackend } from '../../../../../src/core/models';
import { buildNetwork } from '../../../../../src/core/models/network/build';
import { createDenseStep } from '../../../../../src/core/models/network/denseStep';
import type { Task } from '../../../../../src/core/recipe';
import { expectAutodiffGradient, fixture } from './autodiffCheck';

beforeAll(async () => {
  expect(await useBackend('wasm')).toBe('wasm');
});

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
  expectAutodiffGradient(step, net, vars, task, k, l2, weighted);
  step.dispose();
  net.model.dispose();
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
