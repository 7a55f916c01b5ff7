/**
 * Explanations through `runExperiment`: partial dependence in the columns' own units, exact linear
 * contributions, sampled contributions with errors for the MLP, a tree model's row values in its
 * columns' units, and cancellation.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { explainModel } from '../../../../../src/core/models/explainModel';
import { runExperiment, type ExperimentResult } from '../../../../../src/core/models/experiment';
import { disposeModel, predict } from '../../../../../src/core/models/predict';
import { trainModel } from '../../../../../src/core/models/registry';
import { toTrainData } from '../../../../../src/core/models/experiment';
import { splitRows, transformRecipe, type Recipe } from '../../../../../src/core/recipe';
import { createRng } from '../../../../../src/core/stats';
import { tableOf } from '../../recipe/tableOf';

const COLORS = ['red', 'blue', 'green'];
const EFFECT: Record<string, number> = { red: 5, blue: 0, green: -3 };

/** y = 2·x + a colour effect + a little noise; `noise` carries nothing. Binary: y > 40. */
function table(n: number, binary: boolean) {
  const rng = createRng(5);
  const x = Array.from({ length: n }, () => Math.round(1000 * (10 + 20 * rng.next())) / 1000);
  const color = x.map(() => COLORS[rng.int(3)]);
  const noise = x.map(() => rng.normal());
  const y = x.map((v, i) => 2 * v + EFFECT[color[i]] + 0.1 * rng.normal());
  return tableOf({ x, color, noise, y: binary ? y.map((v) => (v > 40 ? 'high' : 'low')) : y });
}

/** The colour of a table row, read back from its dictionary codes. */
function colorOf(t: ReturnType<typeof table>, row: number): string {
  const c = t.columns[1] as { codes: Int32Array; dictionary: string[] };
  return c.dictionary[c.codes[row]];
}

const recipe = (task: Recipe['task']): Recipe => ({
  version: 1,
  target: 'y',
  task,
  steps: [
    { kind: 'encode', method: 'onehot', columns: ['color'] },
    { kind: 'scale', method: 'standard', columns: ['x', 'noise'] },
  ],
  split: { method: 'random', testFraction: 0.25, seed: 1 },
});

describe('linear regression on y = 2·x + colour', () => {
  let r: ExperimentResult;
  beforeAll(async () => {
    r = await runExperiment(table(400, false), recipe('regression'), { kind: 'linear' });
  });
  afterAll(() => disposeModel(r.model));

  test('partial dependence has slope 2 in the units of x, though the model saw x scaled', () => {
    const curve = r.explanation!.dependence!.curves.find((c) => c.column === 'x')!;
    expect(curve.kind).toBe('numeric');
    expect(curve.title).toBe('x');
    expect(curve.x[0]).toBeGreaterThan(10);
    expect(curve.x.at(-1)).toBeLessThan(30);
    const slope = (curve.pd.at(-1)! - curve.pd[0]) / (curve.x.at(-1)! - curve.x[0]);
    expect(slope).toBeCloseTo(2, 2);
    // A linear model's ICE lines are the PD line shifted.
    for (const line of curve.ice) expect((line.at(-1)! - line[0]) / (curve.x.at(-1)! - curve.x[0])).toBeCloseTo(2, 2);
  });

  test('the colour curve has one point per category, apart by the true effects', () => {
    const curve = r.explanation!.dependence!.curves.find((c) => c.column === 'color')!;
    expect(curve.kind).toBe('category');
    expect([...curve.labels].sort()).toEqual(['blue', 'green', 'red']);
    const at = (c: string) => curve.pd[curve.labels.indexOf(c)];
    expect(at('red') - at('blue')).toBeCloseTo(5, 1);
    expect(at('green') - at('blue')).toBeCloseTo(-3, 1);
    expect(r.explanation!.dependence!.output).toBe('predicted y');
  });

  test('contributions are exact: coefficient × (x − mean x), adding up to the prediction', () => {
    const set = r.explanation!.contributions!;
    expect(set.method).toBe('coefficients');
    expect(set.scale).toBe('target units');
    expect(set.rows.length).toBeGreaterThan(10);
    const t = table(400, false);
    const test = transformRecipe(r.fitted, t, splitRows(t, 'y', r.recipe.split).test);
    const d = test.featureNames.length;
    const meanX = test.rows.reduce((s, row) => s + (t.columns[0] as { values: Float64Array }).values[row], 0) / test.n;
    for (const row of set.rows) {
      const i = test.rows.indexOf(row.row);
      const p = predict(r.model, test.X.slice(i * d, (i + 1) * d), 1)[0];
      expect(row.score).toBeCloseTo(p, 4);
      const x = row.contributions.find((c) => c.feature === 'x')!;
      expect(x.value).toBeCloseTo((t.columns[0] as { values: Float64Array }).values[row.row], 3);
      expect(x.contribution).toBeCloseTo(2 * (x.value - meanX), 1);
      expect(row.contributions.find((c) => c.feature === 'color')!.text).toBe(colorOf(t, row.row));
      expect(row.contributions.every((c) => c.se === undefined)).toBe(true);
      // The row's target as the file has it, beside the prediction the contributions add up to.
      const y = t.columns.find((c) => c.name === 'y') as { values: Float64Array };
      expect(row.actual).toBeCloseTo(y.values[row.row], 4);
      if (row.reason === 'largest error') expect(Math.abs(p - (row.actual as number))).toBeCloseTo(row.error, 3);
    }
  });

  test('permutation importance ranks x, then colour, and gives noise almost nothing', () => {
    const p = r.explanation!.permutation;
    expect(p.map((q) => q.name)).toEqual(['x', 'color', 'noise']);
    expect(p[0].sd).toBeGreaterThan(0);
    expect(Math.abs(p[2].mean)).toBeLessThan(0.05);
    expect(r.explanation!.permutationRows).toBe(100);
  });
});

test('an MLP gets sampled contributions with standard errors that add up to its probability', async () => {
  const r = await runExperiment(table(400, true), recipe('binary'), { kind: 'mlp', seed: 2, options: { epochs: 30, layers: 1, units: 8 } });
  try {
    const e = r.explanation!;
    expect(e.permutation[0].name).toBe('x');
    expect(e.dependence!.output).toBe('probability of “low”');
    expect(e.dependence!.curves.length).toBe(3);
    const set = e.contributions!;
    expect(set.method).toBe('sampling');
    expect(set.scale).toBe('probability');
    expect(set.samples!.background).toBe(50);
    const t = table(400, true);
    const test = transformRecipe(r.fitted, t, splitRows(t, 'y', r.recipe.split).test);
    const d = test.featureNames.length;
    for (const row of set.rows) {
      const i = test.rows.indexOf(row.row);
      expect(row.score).toBeCloseTo(predict(r.model, test.X.slice(i * d, (i + 1) * d), 1)[1], 5);
      expect(row.contributions.every((c) => Number.isFinite(c.se) && c.se! >= 0)).toBe(true);
      expect(row.output).toBe('low');
    }
    // The sampling is seeded: a second explanation is identical.
    const again = await explainModel(r.model, test, r.fitted);
    expect(again!.contributions).toEqual(set);
  } finally {
    disposeModel(r.model);
  }
});

test('explaining stops with an AbortError when cancelled, and a baseline explains as constant', async () => {
  const t = table(200, false);
  const r = await runExperiment(t, recipe('regression'), { kind: 'linear' });
  const test = transformRecipe(r.fitted, t, splitRows(t, 'y', r.recipe.split).test);
  const controller = new AbortController();
  controller.abort();
  await expect(explainModel(r.model, test, r.fitted, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  disposeModel(r.model);
  const train = transformRecipe(r.fitted, t, splitRows(t, 'y', r.recipe.split).train);
  const { model } = await trainModel({ kind: 'baseline' }, toTrainData(train, r.fitted));
  const phases: string[] = [];
  const e = await explainModel(model, test, r.fitted, { onPhase: (m) => phases.push(m) });
  expect(e!.constant).toBe(true);
  expect(e!.dependence).toBeUndefined();
  expect(e!.permutation.every((p) => p.mean === 0)).toBe(true);
  expect(phases).toEqual(['Explaining the model: shuffling each input column…']);
});

test("a tree model's row contributions give each value in its column's units, the recipe's log step undone", async () => {
  const t = table(300, false);
  const logged: Recipe = { ...recipe('regression'), steps: [{ kind: 'power', method: 'log', columns: ['x'] }, ...recipe('regression').steps] };
  const r = await runExperiment(t, logged, { kind: 'gbdt', seed: 1, options: { rounds: 20 } });
  const x = (t.columns[0] as { values: Float64Array }).values;
  const rows = r.explanation!.trees!.rows;
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const c = row.contributions.find((k) => k.feature === 'x')!;
    // The model saw log(1 + x) as a float32; back in x's units it is the file's value to about 1e-6.
    expect(Math.abs(c.value - x[row.row]) / x[row.row]).toBeLessThan(1e-6);
  }
});
