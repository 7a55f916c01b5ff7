import { expect, test } from 'vitest';
import { denseForward } from '../../../../../src/core/models/explain/denseForward';
import { disposeModel, predict } from '../../../../../src/core/models/predict';
import { trainModel } from '../../../../../src/core/models/registry';
import type { ModelSpec, NetworkModel, TrainData } from '../../../../../src/core/models/types';
import { createRng } from '../../../../../src/core/stats';

function data(task: TrainData['task'], numClasses: number): TrainData {
  const rng = createRng(4);
  const n = 120;
  const d = 5;
  const X = Float32Array.from({ length: n * d }, () => rng.normal());
  const y = task === 'regression' ? Float32Array.from({ length: n }, (_, i) => X[i * d] * 3 + X[i * d + 1]) : Int32Array.from({ length: n }, (_, i) => (X[i * d] > 0 ? 1 : 0) + (numClasses > 2 && X[i * d + 1] > 0.5 ? 1 : 0));
  return { task, X, n, d, y, numClasses };
}

test.each<[string, ModelSpec, TrainData['task'], number]>([
  ['binary MLP (tanh)', { kind: 'mlp', seed: 1, options: { epochs: 3, layers: 2, units: 6, activation: 'tanh' } }, 'binary', 2],
  ['multiclass MLP (relu, softmax)', { kind: 'mlp', seed: 1, options: { epochs: 3, layers: 1, units: 7 } }, 'multiclass', 3],
  ['regression MLP (elu)', { kind: 'mlp', seed: 1, options: { epochs: 3, layers: 1, units: 4, activation: 'elu' } }, 'regression', 1],
  ['logistic regression', { kind: 'logistic', seed: 1, options: { epochs: 3 } }, 'binary', 2],
  ['linear regression', { kind: 'linear' }, 'regression', 1],
])('denseForward gives the same predictions as TF.js: %s', async (_, spec, task, k) => {
  const train = data(task, k);
  const { model } = await trainModel(spec, train, {});
  try {
    const forward = (await denseForward(model as NetworkModel))!;
    const ours = await forward(train.X, train.n);
    const theirs = predict(model, train.X, train.n);
    expect(ours).toHaveLength(theirs.length);
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 5));
  } finally {
    disposeModel(model);
  }
});
