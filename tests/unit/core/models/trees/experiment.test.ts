/**
 * Tree models end to end through `runExperiment`: a generated table with a category column and
 * gaps in a number column trains on the native recipe (no imputation, no scaling, categories as
 * codes) and comes back with gain, TreeSHAP and permutation explanations.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { runExperiment, type ExperimentResult } from '../../../../../src/core/models/experiment';
import { rawScores } from '../../../../../src/core/models/trees/predictTrees';
import type { TreeEnsemble } from '../../../../../src/core/models/trees/types';
import type { ModelSpec } from '../../../../../src/core/models/types';
import { proposeRecipe, splitRows, transformRecipe } from '../../../../../src/core/recipe';
import { createRng } from '../../../../../src/core/stats';
import { tableOf } from '../../recipe/tableOf';

const CITIES = ['Oslo', 'Lima', 'Pune', 'Kyiv', 'Baku', 'Doha'];

/**
 * Loan outcomes: approved when the city is Lima, Kyiv or Doha and income is high enough, or when
 * age is missing (a form left blank on purpose); `noise` carries nothing.
 */
function loans(n: number, seed: number) {
  const rng = createRng(seed);
  const rows = Array.from({ length: n }, () => {
    const city = CITIES[rng.int(CITIES.length)];
    const age = rng.next() < 0.15 ? null : Math.round(20 + 50 * rng.next());
    const income = Math.round(20_000 + 80_000 * rng.next());
    const good = age === null || (['Lima', 'Kyiv', 'Doha'].includes(city) && income > 45_000);
    return { city, age, income, noise: rng.normal(), approved: (rng.next() < 0.05 ? !good : good) ? 'yes' : 'no' };
  });
  const column = <K extends keyof (typeof rows)[0]>(k: K) => rows.map((r) => r[k]);
  return tableOf({ city: column('city'), age: column('age'), income: column('income'), noise: column('noise'), approved: column('approved') }, {}, 'loans');
}

async function experiment(spec: ModelSpec): Promise<ExperimentResult> {
  const table = loans(600, 3);
  return runExperiment(table, proposeRecipe(table, undefined, 'approved'), spec);
}

describe.each<ModelSpec>([
  { kind: 'gbdt', seed: 1, options: { rounds: 200 } },
  { kind: 'forest', seed: 1, options: { trees: 40 } },
])('runExperiment with $kind', (spec) => {
  let result: ExperimentResult;
  beforeAll(async () => {
    result = await experiment(spec);
  });

  test('trains on the native recipe: no impute or scale steps, the city as ordinal codes', () => {
    expect(result.recipe.steps.some((s) => s.kind === 'impute')).toBe(true);
    expect(result.fitted.steps.map((s) => s.kind)).toEqual(['encode']);
    expect(result.fitted.steps[0]).toMatchObject({ kind: 'encode', method: 'ordinal' });
    expect([...result.fitted.featureNames].sort()).toEqual(['age', 'city', 'income', 'noise']);
    const model = result.model as TreeEnsemble;
    expect(model.categorical).toEqual([result.fitted.featureNames.indexOf('city')]);
    expect(model.trees.some((t) => t.categories.some((c) => c !== null))).toBe(true);
  });

  test('learns the rule: clearly better than the baseline', () => {
    expect(result.comparison.beatsBaseline).toBe(true);
    expect(result.metrics.rocAuc).toBeGreaterThan(0.9);
    expect(result.metrics.accuracy).toBeGreaterThan(0.85);
  });

  test('gain importance: shares of every feature summing to 1, the noise column last', () => {
    const gain = result.explanation!.trees!.gain;
    expect(gain.map((g) => g.feature).sort()).toEqual(['age', 'city', 'income', 'noise']);
    expect(gain.reduce((s, g) => s + g.share, 0)).toBeCloseTo(1, 12);
    for (const g of gain) expect(g.share).toBeGreaterThanOrEqual(0);
    expect(gain[0].feature).not.toBe('noise');
  });

  test('row contributions add up from the expected score to the model’s raw score', () => {
    const trees = result.explanation!.trees!;
    expect(trees.rows.length).toBeGreaterThan(0);
    expect(trees.rows.some((r) => r.reason === 'largest error')).toBe(true);
    const table = loans(600, 3);
    const test = transformRecipe(result.fitted, table, splitRows(table, 'approved', result.recipe.split).test);
    const raw = rawScores(result.model as TreeEnsemble, test.X, test.n);
    for (const row of trees.rows) {
      expect(row.output).toBe('yes');
      expect(row.contributions.map((c) => c.feature).sort()).toEqual(['age', 'city', 'income', 'noise']);
      const i = Array.from(test.rows).indexOf(row.row);
      const k = (result.model as TreeEnsemble).outputs === 1 ? 0 : 1;
      const sum = row.contributions.reduce((s, c) => s + c.contribution, trees.expected[k]);
      expect(sum).toBeCloseTo(row.score, 9);
      expect(row.score).toBeCloseTo(raw[i * (result.model as TreeEnsemble).outputs + k], 6);
      // The row's true class, as the file has it, so the page can say what the model got wrong.
      const approved = table.columns.find((c) => c.name === 'approved')!;
      expect(row.actual).toBe('codes' in approved ? approved.dictionary[approved.codes[row.row]] : undefined);
    }
    // The largest errors are rows whose true class got a low probability.
    const worst = trees.rows.find((r) => r.reason === 'largest error')!;
    const probability = (result.model as TreeEnsemble).link === 'sigmoid' ? 1 / (1 + Math.exp(-worst.score)) : worst.score;
    expect(probability < 0.5).toBe(worst.actual === 'yes');
  });

  test('permutation importance lists the input columns', () => {
    const permutation = result.explanation!.permutation;
    expect(permutation.map((p) => p.name).sort()).toEqual(['age', 'city', 'income', 'noise']);
    expect(result.explanation!.permutationRows).toBe(result.rows.test);
    const top = [...permutation].sort((a, b) => b.mean - a.mean)[0];
    expect(['age', 'city', 'income']).toContain(top.name);
  });
});

test('as-written keeps the imputation, scaling and one-hot columns', async () => {
  const result = await experiment({ kind: 'gbdt', seed: 1, options: { rounds: 5, earlyStopping: false, recipeSteps: 'as-written' } });
  expect(result.fitted.steps.map((s) => s.kind)).toContain('impute');
  expect(result.fitted.steps.map((s) => s.kind)).toContain('scale');
  expect(result.fitted.featureNames).toContain('age_missing');
  expect((result.model as TreeEnsemble).categorical).toEqual([]);
});
