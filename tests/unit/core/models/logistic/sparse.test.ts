import { beforeAll, describe, expect, test } from 'vitest';
import { disposeModel, predict, resolveOptions, toTrainData, trainModel, useBackend, type ModelSpec, type TrainData, type Trained } from '../../../../../src/core/models';
import { fitRecipe, transformRecipe, type Recipe } from '../../../../../src/core/recipe';
import { tableOf } from '../../recipe/tableOf';
import { trainNetwork } from '../../../../../src/core/models/mlp/train';
import { logisticMeta } from '../../../../../src/core/models/logistic/meta';
import { createRng } from '../../../../../src/core/stats';

beforeAll(async () => {
  expect(await useBackend('cpu')).toBe('cpu');
});

/** n rows of d mostly-zero features (about 4 in a row, as TF-IDF terms) and a class from a few of them. */
function sparseData(n: number, d: number, classes: number, seed: number): TrainData {
  const rng = createRng(seed);
  const X = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let score = 0;
    const votes = new Array<number>(classes).fill(0);
    for (let k = 0; k < 4; k++) {
      const j = rng.int(d);
      X[i * d + j] = Math.fround(0.2 + rng.next());
      score += j < d / 4 ? 1 : j < d / 2 ? -1 : 0;
      votes[Math.floor((j * classes) / d)]++;
    }
    // Binary: more early than middle features, with noise; multiclass: the class whose band of features the row uses most.
    y[i] = classes === 2 ? (score + rng.next() - 0.5 > 0 ? 1 : 0) : votes.indexOf(Math.max(...votes));
  }
  return { task: classes === 2 ? 'binary' : 'multiclass', X, n, d, y, numClasses: classes };
}

const weightsOf = (m: Trained) => {
  if (m.kind !== 'tf') throw new Error('not a network');
  return m.model.getWeights().map((w) => w.dataSync() as Float32Array);
};

describe('logistic regression on sparse rows', () => {
  const data = sparseData(600, 80, 2, 1);

  test('the Adam path follows the dense loop: same epochs, weights within float32 rounding', async () => {
    const spec: ModelSpec = { kind: 'logistic', seed: 3, options: { epochs: 12 } };
    const sparse = await trainModel(spec, data);
    const dense = await trainNetwork(spec, data, {}, [], resolveOptions(logisticMeta, spec.options));
    try {
      expect(sparse.history).toHaveLength(dense.history.length);
      expect(sparse.bestEpoch).toBe(dense.bestEpoch);
      sparse.history.forEach((e, i) => expect(e.valLoss!).toBeCloseTo(dense.history[i].valLoss!, 4));
      const [a, b] = [weightsOf(sparse.model), weightsOf(dense.model)];
      a.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], 3)));
    } finally {
      disposeModel(sparse.model);
      disposeModel(dense.model);
    }
  });

  test.each<[string, Record<string, string | number>]>([
    ['Adam', { epochs: 8 }],
    ['L-BFGS', { solver: 'lbfgs' }],
  ])('%s: the same seed gives the same weights, bit for bit', async (_, options) => {
    const runs = [await trainModel({ kind: 'logistic', seed: 5, options }, data), await trainModel({ kind: 'logistic', seed: 5, options }, data)];
    try {
      expect(weightsOf(runs[0].model)).toEqual(weightsOf(runs[1].model));
      expect(runs[0].history).toEqual(runs[1].history.map((e, i) => ({ ...e, elapsedMs: runs[0].history[i].elapsedMs })));
    } finally {
      runs.forEach((r) => disposeModel(r.model));
    }
  });

  test('L-BFGS converges to the one optimum whatever the seed, and the saved model predicts with its weights', async () => {
    const a = await trainModel({ kind: 'logistic', seed: 1, options: { solver: 'lbfgs' } }, data);
    const b = await trainModel({ kind: 'logistic', seed: 2, options: { solver: 'lbfgs' } }, data);
    try {
      expect(a.history.length).toBeGreaterThan(2);
      expect(a.history.length).toBeLessThan(300);
      const [wa, wb] = [weightsOf(a.model), weightsOf(b.model)];
      // Converged to scikit-learn's tolerance (largest gradient entry ≤ 1e-4), not to the last digit.
      wa.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(wb[i][j], 1)));
      expect(a.history.at(-1)!.metric).toBeGreaterThan(0.7);
      const p = predict(a.model, data.X, data.n);
      const [kernel, bias] = wa;
      for (const i of [0, 17, 599]) {
        let z = bias[0];
        for (let j = 0; j < data.d; j++) z += data.X[i * data.d + j] * kernel[j];
        expect(p[2 * i + 1]).toBeCloseTo(1 / (1 + Math.exp(-z)), 5);
      }
    } finally {
      disposeModel(a.model);
      disposeModel(b.model);
    }
  });

  test.each([['Adam', {}], ['L-BFGS', { solver: 'lbfgs' }]])('multiclass with %s beats chance', async (_, options) => {
    const three = sparseData(900, 70, 3, 2);
    const r = await trainModel({ kind: 'logistic', seed: 4, options: { ...options, epochs: 40 } }, three);
    try {
      expect(r.history.at(-1)!.metric).toBeGreaterThan(0.7);
      expect(weightsOf(r.model)[0]).toHaveLength(70 * 3);
    } finally {
      disposeModel(r.model);
    }
  });
});

describe('logistic regression on the recipe’s sparse rows (a recipe ending in a text step)', () => {
  const rng = createRng(9);
  const words = Array.from({ length: 90 }, (_, i) => `w${i}x`);
  const texts = Array.from({ length: 300 }, () => Array.from({ length: 6 }, () => words[rng.int(words.length)]).join(' '));
  const label = texts.map((t) => (t.split(' ').filter((w) => Number(w.slice(1, -1)) < 30).length + rng.next() > 2 ? 'yes' : 'no'));
  const recipe: Recipe = { version: 1, target: 'label', task: 'binary', split: { method: 'random', testFraction: 0.2, seed: 1, folds: 0 }, steps: [{ kind: 'text', columns: ['text'], minDf: 1 }] };
  const size = Array.from({ length: 300 }, (_, i) => (i % 7) / 7);
  const fitted = fitRecipe(tableOf({ text: texts, size, label }), recipe);
  const t = transformRecipe(fitted, tableOf({ text: texts, size, label }));

  test.each<[string, Record<string, string | number>]>([
    ['L-BFGS', { solver: 'lbfgs' }],
    ['Adam', { epochs: 5 }],
  ])('%s trains the weights that X gives, bit for bit, without building X', async (_, options) => {
    expect(fitted.featureNames.length).toBeGreaterThan(64);
    const data = toTrainData(t, fitted);
    let reads = 0;
    const sparseOnly: TrainData = { ...data, sparse: t.sparse!, get X(): Float32Array { reads++; return t.X; } };
    const denseOnly: TrainData = { ...data };
    delete denseOnly.sparse;
    const runs = [await trainModel({ kind: 'logistic', seed: 2, options }, sparseOnly), await trainModel({ kind: 'logistic', seed: 2, options }, denseOnly)];
    try {
      expect(reads).toBe(0);
      expect(weightsOf(runs[0].model)).toEqual(weightsOf(runs[1].model));
      expect(runs[0].history.map((e) => e.loss)).toEqual(runs[1].history.map((e) => e.loss));
    } finally {
      runs.forEach((r) => disposeModel(r.model));
    }
  });

  test('a missing value among the sparse rows is named as in X', async () => {
    const holed = tableOf({ text: texts, size: size.map((v, i) => (i === 3 ? null : v)), label });
    const f = fitRecipe(holed, recipe);
    const data = toTrainData(transformRecipe(f, holed), f);
    expect(data.sparse).toBeDefined();
    const denseOnly: TrainData = { ...data };
    delete denseOnly.sparse;
    const column = f.featureNames.indexOf('size');
    const message = `Feature column ${column} (row 4) holds NaN`;
    await expect(trainModel({ kind: 'logistic', options: { solver: 'lbfgs' } }, data)).rejects.toThrow(message);
    await expect(trainModel({ kind: 'logistic', options: { solver: 'lbfgs' } }, denseOnly)).rejects.toThrow(message);
  });
});
