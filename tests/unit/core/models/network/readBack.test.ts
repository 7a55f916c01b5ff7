/**
 * On WebGPU a synchronous read (dataSync) goes through a canvas: in Chromium on SwiftShader it
 * returns zeros and the device is lost at the next read, so every read that training, evaluation,
 * search and explanation make must be asynchronous. Node has no WebGPU; the CPU backend takes the
 * same code paths, and the engine's synchronous read is counted there.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import { disposeModel, modelImportance, predict, predictAsync, randomSearch, runExperiment, useBackend, type Checkpoint, type ModelSpec } from '../../../../../src/core/models';
import { fitRecipe, proposeRecipe, splitRows, transformRecipe } from '../../../../../src/core/recipe';
import { penguins } from '../../recipe/tableOf';

beforeAll(async () => {
  await useBackend('cpu');
});
afterEach(() => {
  vi.restoreAllMocks();
});

const syncReads = () => vi.spyOn(tf.engine(), 'readSync');

const specs: ModelSpec[] = [
  { kind: 'mlp', seed: 1, options: { epochs: 3, layers: 1, units: 8, earlyStopping: true } },
  { kind: 'mlp', seed: 2, options: { epochs: 2, layers: 2, units: 8, dropout: 0.2, earlyStopping: false } },
  // selu trains through the autodiff tape and tfjs-core's Adam rather than the hand-derived step.
  { kind: 'mlp', seed: 7, options: { epochs: 2, layers: 1, units: 8, activation: 'selu' } },
  { kind: 'logistic', seed: 3, options: { epochs: 3 } },
];

for (const spec of specs) {
  test(`${spec.kind} ${JSON.stringify(spec.options)}: training, evaluation, cross-validation and a resumed run read nothing synchronously`, async () => {
    const table = penguins();
    const recipe = proposeRecipe(table, undefined, 'Species');
    const reads = syncReads();
    let first: Checkpoint | null = null;
    const r = await runExperiment(table, recipe, spec, { onCheckpoint: (c) => (first ??= structuredClone(c)) }, { crossValidate: 2 });
    disposeModel(r.model);
    expect(first).not.toBeNull();
    const again = await runExperiment(table, recipe, spec, { resumeFrom: first! });
    disposeModel(again.model);
    expect(reads).not.toHaveBeenCalled();
    // The resumed run ends where the straight one did (the checkpoint path, FlatAdam's β powers included).
    expect(again.metrics).toEqual(r.metrics);
  });
}

test('a random search and permutation importance read nothing synchronously', async () => {
  const table = penguins();
  const recipe = proposeRecipe(table, undefined, 'Body Mass (g)');
  const reads = syncReads();
  const board = await randomSearch(table, recipe, { kinds: ['mlp', 'linear'], trials: 2, seed: 4 });
  expect(board).toHaveLength(2);
  const split = splitRows(table, recipe.target, recipe.split);
  const fitted = fitRecipe(table, recipe, split.train);
  const test_ = transformRecipe(fitted, table, split.test);
  const r = await runExperiment(table, recipe, { kind: 'mlp', seed: 5, options: { epochs: 2 } });
  const importance = await modelImportance(r.model, test_, fitted, { repeats: 1 });
  expect(importance.length).toBeGreaterThan(0);
  expect(reads).not.toHaveBeenCalled();
  disposeModel(r.model);
});

test('predictAsync gives exactly what predict gives, across chunks and for every task', async () => {
  const table = penguins();
  for (const target of ['Species', 'Sex', 'Body Mass (g)']) {
    const recipe = proposeRecipe(table, undefined, target);
    const r = await runExperiment(table, recipe, { kind: 'mlp', seed: 6, options: { epochs: 1 } });
    const split = splitRows(table, recipe.target, recipe.split);
    const fitted = fitRecipe(table, recipe, split.train);
    const rows = transformRecipe(fitted, table, split.train);
    // 8,192 rows per chunk: tile the rows past two chunks.
    const n = 20_000;
    const d = rows.featureNames.length;
    const X = new Float32Array(n * d);
    for (let i = 0; i < n; i++) X.set(rows.X.subarray((i % rows.n) * d, (i % rows.n + 1) * d), i * d);
    expect(Array.from(await predictAsync(r.model, X, n))).toEqual(Array.from(predict(r.model, X, n)));
    disposeModel(r.model);
  }
});
