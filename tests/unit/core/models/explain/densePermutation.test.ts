/**
 * The dense-network path of permutation importance against the straightforward computation
 * (`permutationImportance`, every shuffled table predicted in full): numeric, one-hot, binary and
 * few-valued columns; regression, binary and multiclass networks; non-finite inputs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { permutationImportance, rocAuc, type Importance } from '../../../../../src/core/evaluate';
import { modelImportance } from '../../../../../src/core/models/explain';
import { readDenseNet, type DenseNet } from '../../../../../src/core/models/explain/denseNet';
import { netForward } from '../../../../../src/core/models/explain/denseForward';
import { densePermutationImportance } from '../../../../../src/core/models/explain/densePermutation';
import { runExperiment, type ExperimentResult } from '../../../../../src/core/models/experiment';
import { disposeModel, predictAsync } from '../../../../../src/core/models/predict';
import type { NetworkModel } from '../../../../../src/core/models/types';
import { featureGroups, splitRows, transformRecipe, type Recipe, type Transformed } from '../../../../../src/core/recipe';
import { createRng } from '../../../../../src/core/stats';
import { tableOf } from '../../recipe/tableOf';

const COLORS = ['red', 'blue', 'green', 'grey'];

/** x numeric (many values), colour one-hot, flag binary, level with 4 values, noise. */
function table(n: number, task: Recipe['task']) {
  const rng = createRng(11);
  const x = Array.from({ length: n }, () => Math.round(1000 * rng.normal()) / 1000);
  const color = x.map(() => COLORS[rng.int(4)]);
  const flag = x.map(() => (rng.next() < 0.3 ? 1 : 0));
  const level = x.map(() => rng.int(4));
  const noise = x.map(() => rng.normal());
  const z = x.map((v, i) => 2 * v + COLORS.indexOf(color[i]) - 3 * flag[i] + 0.5 * level[i] + 0.3 * rng.normal());
  const y = task === 'regression' ? z : task === 'binary' ? z.map((v) => (v > 1 ? 'yes' : 'no')) : z.map((v) => (v < 0 ? 'low' : v < 2.5 ? 'mid' : 'high'));
  return tableOf({ x, color, flag, level, noise, y });
}

const recipe = (task: Recipe['task']): Recipe => ({
  version: 1,
  target: 'y',
  task,
  steps: [
    { kind: 'encode', method: 'onehot', columns: ['color'] },
    { kind: 'scale', method: 'standard', columns: ['x', 'noise'] },
  ],
  split: { method: 'random', testFraction: 0.3, seed: 1 },
});

/** A continuous score of every output, so any changed prediction changes it. */
const meanOutput = (out: Float32Array) => {
  let s = 0;
  for (let i = 0; i < out.length; i++) s += out[i] * ((i % 7) + 1);
  return s / out.length;
};

function expectSame(fast: Importance[], slow: Importance[], relative: number): void {
  expect(fast.map((f) => f.name)).toEqual(slow.map((s) => s.name));
  fast.forEach((f, g) => {
    slow[g].drops.forEach((d, r) => expect(Math.abs(f.drops[r] - d)).toBeLessThanOrEqual(relative * (Math.abs(d) + 1e-3)));
    expect(Math.abs(f.mean - slow[g].mean)).toBeLessThanOrEqual(relative * (Math.abs(slow[g].mean) + 1e-3));
  });
}

describe.each<[Recipe['task'], string]>([
  ['regression', 'elu'],
  ['binary', 'relu'],
  ['multiclass', 'tanh'],
])('a %s network (%s)', (task, activation) => {
  let r: ExperimentResult;
  let test_: Transformed;
  let net: DenseNet;
  beforeAll(async () => {
    const t = table(500, task);
    r = await runExperiment(t, recipe(task), { kind: 'mlp', seed: 3, options: { epochs: 4, layers: 2, units: 12, activation } });
    test_ = transformRecipe(r.fitted, t, splitRows(t, 'y', recipe(task).split).test);
    net = (await readDenseNet(r.model as NetworkModel))!;
  });
  afterAll(() => disposeModel(r.model));

  const options = () => ({ X: test_.X, n: test_.n, d: test_.featureNames.length, score: meanOutput, groups: featureGroups(r.fitted), repeats: 5, seed: 7 });

  test('equals the straightforward computation with the same arithmetic (1e-9)', async () => {
    expect(net).not.toBeNull();
    const groups = featureGroups(r.fitted);
    // The cases the fast path treats apart are all here.
    expect(groups.find((g) => g.name === 'color')!.columns.length).toBe(4);
    const fast = await densePermutationImportance(net, options());
    const slow = await permutationImportance({ ...options(), predict: netForward(net) });
    expectSame(fast, slow, 1e-9);
    expect(fast.some((f) => f.mean !== 0)).toBe(true);
  });

  test('equals it with TF.js predicting each shuffled table (float32 rounding)', async () => {
    const fast = await densePermutationImportance(net, options());
    const slow = await permutationImportance({ ...options(), predict: (X, n) => predictAsync(r.model, X, n) });
    expectSame(fast, slow, 1e-4);
  });

  test('non-finite inputs give what the full forward pass gives', async () => {
    const X = Float32Array.from(test_.X);
    const d = test_.featureNames.length;
    const j = test_.featureNames.indexOf('x');
    X[j] = NaN;
    X[3 * d + j] = Infinity;
    // Rows with a non-finite prediction are left out of this score, so a mismatch shows.
    const finiteMean = (out: Float32Array) => meanOutput(out.map((v) => (Number.isFinite(v) ? v : 0)));
    const o = { ...options(), X, score: finiteMean };
    expectSame(await densePermutationImportance(net, o), await permutationImportance({ ...o, predict: netForward(net) }), 1e-9);
  });
});

test('modelImportance takes the dense path with the primary metric: same as scoring every shuffled table', async () => {
  const t = table(500, 'binary');
  const r = await runExperiment(t, recipe('binary'), { kind: 'mlp', seed: 5, options: { epochs: 4, layers: 2, units: 12 } });
  try {
    const test_ = transformRecipe(r.fitted, t, splitRows(t, 'y', recipe('binary').split).test);
    const net = (await readDenseNet(r.model as NetworkModel))!;
    const y = test_.y!;
    const slow = await permutationImportance({
      X: test_.X,
      n: test_.n,
      d: test_.featureNames.length,
      predict: netForward(net),
      score: (out) => rocAuc(y, Float32Array.from(y, (_, i) => out[i * 2 + 1])),
      groups: featureGroups(r.fitted),
      repeats: 5,
      seed: 0,
    });
    const fast = await modelImportance(r.model, test_, r.fitted, { repeats: 5, seed: 0 });
    expectSame(fast, slow.sort((a, b) => b.mean - a.mean), 1e-9);
    expect(fast[0].name).toMatch(/^(x|flag|color)$/);
  } finally {
    disposeModel(r.model);
  }
});
