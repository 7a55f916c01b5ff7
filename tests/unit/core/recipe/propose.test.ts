import { expect, test } from 'vitest';
import { featureGroups, fitRecipe, inferTask, parseRecipe, proposeRecipe, splitRows, transformRecipe, validateDerive } from '../../../../src/core/recipe';
import { breastCancer, penguins, tableOf } from './tableOf';

test('proposeRecipe for penguins: impute with indicators, one-hot island/sex, scale numbers', () => {
  const t = penguins();
  const recipe = proposeRecipe(t, undefined, 'Species');
  expect(recipe.task).toBe('multiclass');
  expect(recipe.split.method).toBe('stratified');
  expect(recipe.steps.map((s) => s.kind)).toEqual(['impute', 'impute', 'encode', 'scale']);
  expect(recipe.steps[0]).toMatchObject({ strategy: 'median', indicator: true });
  expect(recipe.steps[2]).toMatchObject({ method: 'onehot', columns: ['Island', 'Sex'] });
  const split = splitRows(t, recipe.target, recipe.split);
  const fitted = fitRecipe(t, recipe, split.train);
  expect(fitted.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
  const test = transformRecipe(fitted, t, split.test);
  expect(test.X.every(Number.isFinite)).toBe(true);
  expect(test.featureNames).toContain('Island=Biscoe');
  expect(JSON.parse(JSON.stringify(fitted))).toEqual(fitted);
});

test('proposeRecipe drops identifiers and constants, turns text into words, expands dates, logs heavy right skew', () => {
  const n = 40;
  const t = tableOf(
    {
      id: Array.from({ length: n }, (_, i) => `row-${i}`),
      note: Array.from({ length: n }, (_, i) => `free text ${i % 3}`),
      same: Array.from({ length: n }, () => 1),
      income: Array.from({ length: n }, (_, i) => (i === 0 ? 1e6 : 100 + i)),
      when: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2021, 0, 1 + i)).toISOString()),
      y: Array.from({ length: n }, (_, i) => i * 1.5),
    },
    { note: 'text', when: 'datetime' },
  );
  const r = proposeRecipe(t, undefined, 'y');
  expect(r.task).toBe('regression');
  expect(r.steps[0]).toEqual({ kind: 'drop', columns: ['id', 'same'] });
  expect(r.steps).toContainEqual({ kind: 'text', columns: ['note'] });
  expect(r.steps[1]).toMatchObject({ kind: 'datetime', columns: ['when'], parts: ['year', 'month', 'day', 'weekday'] });
  expect(r.steps[2]).toEqual({ kind: 'power', method: 'log', columns: ['income'] });
  expect(fitRecipe(t, r).featureNames).toEqual(expect.arrayContaining(['when_weekday_sin', 'note:free', 'note:text']));
});

test('inferTask rules', () => {
  expect(inferTask(breastCancer().columns.at(-1)!)).toMatchObject({ task: 'binary', classes: ['benign', 'malignant'] });
  expect(inferTask(tableOf({ v: [1, 2, 3, 1, 2] }).columns[0])).toMatchObject({ task: 'multiclass', classes: ['1', '2', '3'] });
  expect(inferTask(tableOf({ v: Array.from({ length: 30 }, (_, i) => i) }).columns[0]).task).toBe('regression');
  expect(inferTask(tableOf({ v: [0.5, 1.5, 0.5] }).columns[0]).task).toBe('regression');
  expect(inferTask(tableOf({ v: [true, false, null] }).columns[0])).toMatchObject({ task: 'binary', classes: ['false', 'true'] });
  expect(() => inferTask(tableOf({ v: ['a', 'a'] }).columns[0])).toThrow(/at least two/);
});

test('validateDerive returns a message for unknown columns and syntax errors', () => {
  const schema = [{ name: 'a', type: 'float' as const }, { name: 'city', type: 'categorical' as const }];
  expect(validateDerive(schema, 'b', 'd => d.a * 2')).toEqual({ ok: true });
  const unknown = validateDerive(schema, 'b', 'd => d.nope + 1');
  expect(unknown.ok).toBe(false);
  expect(!unknown.ok && unknown.message).toMatch(/d\.nope.*available: a, city/);
  expect(validateDerive(schema, 'b', 'd => d.a +').ok).toBe(false);
});

test('parseRecipe normalises defaults and rejects bad shapes with the place', () => {
  const r = parseRecipe({ version: 1, target: 'y', task: 'regression', steps: [] });
  expect(r.split).toEqual({ method: 'random', testFraction: 0.2, seed: 42 });
  expect(() => parseRecipe({ version: 2, target: 'y', task: 'regression', steps: [] }, 'r.json')).toThrow(/r.json: version 2/);
  expect(() => parseRecipe({ version: 1, target: 'y', task: 'binary', steps: [{ kind: 'scale' }] })).toThrow(/step 1 \(scale\) needs "columns"/);
});

test('featureGroups maps one-hot, indicator and datetime columns back to their input column', () => {
  const t = tableOf({ when: ['2024-01-01', '2024-02-01', null], city: ['a', 'b', null], city_size: [1, null, 3], y: [1, 2, 3.5] }, { when: 'datetime' });
  const fitted = fitRecipe(t, proposeRecipe(t, undefined, 'y'));
  const groups = Object.fromEntries(featureGroups(fitted).map((g) => [g.name, g.columns.map((j) => fitted.featureNames[j])]));
  // One row each, so the categories tie and sort by code unit: '(' before 'a'.
  expect(groups.city).toEqual(['city=(missing)', 'city=a', 'city=b']);
  expect(groups.city_size).toEqual(['city_size', 'city_size_missing']);
  expect(groups.when).toContain('when_month_sin');
});
