import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import {
  disposeModel,
  layersFiles,
  loadLayersFiles,
  predict,
  randomSearch,
  runExperiment,
  trainModel,
  useBackend,
  type TrainData,
} from '../../../../src/core/models';
import { fitRecipe, proposeRecipe, splitRows, transformRecipe } from '../../../../src/core/recipe';
import { penguins } from '../recipe/tableOf';

beforeAll(async () => {
  await useBackend('cpu');
});

function penguinData(): TrainData {
  const t = penguins();
  const recipe = proposeRecipe(t, undefined, 'Species');
  const split = splitRows(t, 'Species', recipe.split);
  const fitted = fitRecipe(t, recipe, split.train);
  const tr = transformRecipe(fitted, t, split.train);
  return { task: 'multiclass', X: tr.X, n: tr.n, d: tr.featureNames.length, y: tr.y!, numClasses: 3 };
}

test('same data + recipe + spec + seed on the CPU backend → same metrics to 6 decimals (dropout on)', async () => {
  const t = penguins();
  const recipe = proposeRecipe(t, undefined, 'Species');
  const spec = { kind: 'mlp' as const, seed: 11, options: { epochs: 15, dropout: 0.3, batchSize: 32, earlyStopping: false } };
  const run = async (seed: number) => {
    const r = await runExperiment(t, recipe, { ...spec, seed });
    disposeModel(r.model);
    return Object.fromEntries(['logLoss', 'accuracy', 'brier', 'rocAuc'].map((k) => [k, r.metrics[k].toFixed(6)]));
  };
  const a = await run(11);
  expect(await run(11)).toEqual(a);
  expect(await run(12)).not.toEqual(a);
});

// Five trainings, not ten: a leak of even one tensor per training already shows after the second.
test('no tensor leaks: the count after 5 trainings equals the count after 1', async () => {
  const data = penguinData();
  const once = async () => {
    const r = await trainModel({ kind: 'mlp', seed: 1, options: { epochs: 3, dropout: 0.2, classWeight: 'balanced', schedule: 'plateau' } }, data);
    predict(r.model, data.X, data.n);
    disposeModel(r.model);
  };
  await once();
  const after1 = tf.memory().numTensors;
  for (let i = 0; i < 4; i++) await once();
  expect(tf.memory().numTensors).toBe(after1);
});

test('a non-finite loss stops training with advice, and leaks nothing', async () => {
  const before = tf.memory().numTensors;
  const n = 64;
  const data: TrainData = { task: 'regression', X: new Float32Array(n * 2).fill(1e30), n, d: 2, y: Float32Array.from({ length: n }, (_, i) => i), numClasses: 1 };
  data.X[0] = -1e30;
  await expect(trainModel({ kind: 'mlp', options: { learningRate: 1 } }, data)).rejects.toThrow(/Training loss became (NaN|Infinity) at epoch 1.*Lower the learning rate.*scale the features/);
  expect(tf.memory().numTensors).toBe(before);
});

test('an aborted signal rejects with AbortError and frees the model', async () => {
  const data = penguinData();
  const before = tf.memory().numTensors;
  const controller = new AbortController();
  const run = trainModel({ kind: 'mlp', options: { epochs: 100 } }, data, { signal: controller.signal, onEpoch: (e) => e.epoch === 2 && controller.abort() });
  await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  expect(tf.memory().numTensors).toBe(before);
});

test('layers files round-trip to the same predictions', async () => {
  const data = penguinData();
  const r = await trainModel({ kind: 'mlp', seed: 5, options: { epochs: 5 } }, data);
  const files = await layersFiles(r.model as Extract<typeof r.model, { kind: 'tf' }>);
  expect(JSON.parse(files.modelJson).weightsManifest[0].paths).toEqual(['weights.bin']);
  const loaded = await loadLayersFiles(files);
  const again = predict({ kind: 'tf', modelKind: 'mlp', task: 'multiclass', numClasses: 3, model: loaded }, data.X, data.n);
  expect(Array.from(again)).toEqual(Array.from(predict(r.model, data.X, data.n)));
  loaded.dispose();
  disposeModel(r.model);
});

test('randomSearch returns a leaderboard sorted by the metric, defaults first', async () => {
  const t = penguins();
  const board = await randomSearch(t, proposeRecipe(t, undefined, 'Species'), { kinds: ['logistic', 'mlp'], trials: 4, seed: 3, metric: 'accuracy' });
  expect(board).toHaveLength(4);
  for (let i = 1; i < board.length; i++) expect(board[i - 1].score).toBeGreaterThanOrEqual(board[i].score);
  expect(board.filter((e) => Object.keys(e.spec.options ?? {}).length === 0)).toHaveLength(2);
  expect(board[0].score).toBeGreaterThan(0.9);
});

test('embedding-encoded columns feed embedding layers in the MLP; the saved model scores the same', async () => {
  const t = penguins();
  const proposed = proposeRecipe(t, undefined, 'Species');
  const recipe = { ...proposed, steps: proposed.steps.map((s) => (s.kind === 'encode' ? { ...s, method: 'embedding' as const } : s)) };
  const before = tf.memory().numTensors;
  const r = await runExperiment(t, recipe, { kind: 'mlp', seed: 2, options: { epochs: 40 } });
  expect(r.fitted.embeddings).toEqual([
    { feature: r.fitted.featureNames.indexOf('Island'), size: 4 },
    { feature: r.fitted.featureNames.indexOf('Sex'), size: 5 }, // MALE, FEMALE, (missing), '.' and the 0 slot
  ]);
  const net = r.model as Extract<typeof r.model, { kind: 'tf' }>;
  expect(net.model.inputs).toHaveLength(3);
  expect(r.comparison.beatsBaseline).toBe(true);
  const split = splitRows(t, 'Species', recipe.split);
  const test = transformRecipe(r.fitted, t, split.test);
  const loaded = await loadLayersFiles(await layersFiles(net));
  const again = predict({ ...net, model: loaded }, test.X, test.n);
  expect(Array.from(again)).toEqual(Array.from(predict(net, test.X, test.n)));
  loaded.dispose();
  disposeModel(r.model);
  expect(tf.memory().numTensors).toBe(before);
});
