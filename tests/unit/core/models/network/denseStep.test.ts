import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { useBackend } from '../../../../../src/core/models';
import { buildNetwork, type NetworkShape } from '../../../../../src/core/models/network/build';
import { canStepDense, createDenseStep } from '../../../../../src/core/models/network/denseStep';
import { FlatAdam } from '../../../../../src/core/models/network/flatAdam';
import type { Task } from '../../../../../src/core/recipe';
import { expectAutodiffGradient } from './autodiffCheck';

beforeAll(async () => {
  await useBackend('cpu');
});

const cases: { name: string; task: Task; hidden: number[]; activation: NetworkShape['activation']; l2: number; weighted: boolean }[] = [
  { name: 'binary, 2 × 8 relu, L2, row weights', task: 'binary', hidden: [8, 8], activation: 'relu', l2: 1e-2, weighted: true },
  { name: 'multiclass, 1 × 6 tanh', task: 'multiclass', hidden: [6], activation: 'tanh', l2: 0, weighted: false },
  { name: 'regression, 2 × 5 sigmoid, L2, row weights', task: 'regression', hidden: [5, 5], activation: 'sigmoid', l2: 1e-3, weighted: true },
  { name: 'binary, 3 × 4 elu', task: 'binary', hidden: [4, 4, 4], activation: 'elu', l2: 0, weighted: false },
  { name: 'multiclass logistic (no hidden layer), L2', task: 'multiclass', hidden: [], activation: 'relu', l2: 1e-2, weighted: false },
];

test.each(cases)('hand-derived gradient = TF.js autodiff of the loop loss: $name', ({ task, hidden, activation, l2, weighted }) => {
  const k = task === 'multiclass' ? 3 : 1;
  const net = buildNetwork({ inputs: 5, hidden, activation, outputs: k, output: task === 'binary' ? 'sigmoid' : task === 'multiclass' ? 'softmax' : 'linear', seed: 3 });
  const vars = net.model.trainableWeights.map((v) => v.read() as tf.Variable);
  const step = createDenseStep(net, vars, { task, learningRate: 1e-3, l2, dropout: 0, batchSize: 32 });
  expectAutodiffGradient(step, net, vars, task, k, l2, weighted);
  step.dispose();
  net.model.dispose();
});

test('FlatAdam on the flat vector = tfjs-core Adam per variable, learning-rate changes included', () => {
  const shapes = [[3, 4], [4], [4, 1], [1]];
  const init = shapes.map((s, i) => tf.randomNormal(s, 0, 1, 'float32', 10 + i));
  const perVar = init.map((t, i) => tf.variable(t.clone(), true, `ref${i}`));
  const adam = tf.train.adam(0.01);
  const named = init.map((t, i) => tf.variable(t.clone(), true, `flat${i}`));
  const flat = new FlatAdam(0.01, named);
  const params = tf.variable(tf.concat(init.map((t) => t.reshape([-1]))));
  for (let s = 0; s < 12; s++) {
    if (s === 6) {
      (adam as unknown as { learningRate: number }).learningRate = 0.003;
      (flat as unknown as { learningRate: number }).learningRate = 0.003;
    }
    const grads = shapes.map((sh, i) => tf.randomNormal(sh, 0, 1 + s, 'float32', 100 * s + i));
    adam.applyGradients(perVar.map((v, i) => ({ name: v.name, tensor: grads[i] })));
    tf.tidy(() => flat.update(params, tf.concat(grads.map((g) => g.reshape([-1])))));
    tf.dispose(grads);
  }
  const ref = tf.concat(perVar.map((v) => v.reshape([-1]))).dataSync();
  const ours = params.dataSync();
  ref.forEach((v, i) => expect(ours[i]).toBeCloseTo(v, 6));
  expect(flat.iterations).toBe(12);
  tf.dispose([...init, ...perVar, ...named, params]);
  adam.dispose();
  flat.dispose();
});

test('embeddings and selu go to the autodiff tape; plain dense stacks to the hand-derived step', () => {
  const shape = { inputs: 3, hidden: [4], outputs: 1, output: 'sigmoid' as const, seed: 1 };
  const nets = [buildNetwork({ ...shape, activation: 'relu' }), buildNetwork({ ...shape, activation: 'selu' }), buildNetwork({ ...shape, activation: 'relu', embeddings: [{ feature: 2, size: 5 }] })];
  expect(nets.map(canStepDense)).toEqual([true, false, false]);
  nets.forEach((n) => n.model.dispose());
});

test('FlatAdam flushes moments that decay towards zero instead of leaving subnormal floats (slow arithmetic)', async () => {
  const w = tf.variable(tf.zeros([4]), true, 'decaying');
  const flat = new FlatAdam(0.01, [w]);
  const params = tf.variable(tf.zeros([4]));
  tf.tidy(() => flat.update(params, tf.tensor1d([1e-3, -1e-3, 2e-3, 0])));
  // With a zero gradient m shrinks by 0.9 a step: unflushed, it is subnormal from about step 740 to 890.
  const tiny = (x: number) => x !== 0 && Math.abs(x) < 1.1754944e-38;
  const subnormalSteps: number[] = [];
  for (let s = 1; s <= 1000; s++) {
    tf.tidy(() => flat.update(params, tf.zeros([4])));
    const [, m] = await flat.getWeights();
    if (Array.from(m.tensor.dataSync()).some(tiny)) subnormalSteps.push(s);
  }
  expect(subnormalSteps).toEqual([]);
  const [, m, v] = await flat.getWeights();
  Array.from(m.tensor.dataSync()).forEach((x) => expect(Math.abs(x)).toBeLessThan(1e-30));
  expect(v.tensor.dataSync()[0]).toBeGreaterThan(1e-12);
  tf.dispose([w, params]);
  flat.dispose();
});
