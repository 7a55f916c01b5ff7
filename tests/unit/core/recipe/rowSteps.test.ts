/** Row steps: deduplicate and filter choose the rows of fitting and evaluation, never of scoring. */
import { describe, expect, test } from 'vitest';
import { profileTable } from '../../../../src/core/profile';
import { fitRecipe, parseRecipe, proposeRecipe, RecipeError, splitRows, transformRecipe, type Recipe, type Step } from '../../../../src/core/recipe';
import { tableOf } from './tableOf';

// 40 rows; rows 30..39 repeat rows 0..9 exactly.
const base = Array.from({ length: 30 }, (_, i) => i);
const idx = [...base, ...base.slice(0, 10)];
const table = tableOf({
  size: idx.map((i) => (i === 5 ? null : 10 + i * 1.5)),
  city: idx.map((i) => (i % 7 === 0 ? null : ['Oslo', 'Lima', 'Pune'][i % 3])),
  price: idx.map((i) => 100 + i * 3 + (i % 4)),
});
const encodeCity: Step = { kind: 'encode', method: 'onehot', columns: ['city'] };
const recipe = (steps: Step[]): Recipe => ({ version: 1, target: 'price', task: 'regression', steps: [...steps, encodeCity], split: { method: 'random', testFraction: 0.25, seed: 7 } });
const all = Array.from({ length: 40 }, (_, i) => i);
const kept = (steps: Step[]) => Array.from(transformRecipe(fitRecipe(table, recipe(steps)), table).rows);

describe('deduplicate', () => {
  test('removes the same rows the profile counts as duplicates, keeping the first of each', () => {
    expect(profileTable(table).dataset.duplicateRows).toBe(10);
    expect(kept([{ kind: 'deduplicate' }])).toEqual(base);
  });

  test('no copy of a training row is left among the test rows', () => {
    const r = recipe([{ kind: 'deduplicate' }]);
    const split = splitRows(table, 'price', r.split);
    const fitted = fitRecipe(table, r, split.train);
    const train = transformRecipe(fitted, table, split.train);
    const test = transformRecipe(fitted, table, split.test);
    const original = (row: number) => idx[row];
    const trainKeys = new Set(Array.from(train.rows, original));
    expect(Array.from(test.rows, original).filter((k) => trainKeys.has(k))).toEqual([]);
    expect(train.n + test.n).toBe(30);
    expect(fitted.trainRows).toBe(train.n);
  });

  test('over chosen columns only', () => {
    expect(kept([{ kind: 'deduplicate', columns: ['city'] }])).toEqual([0, 1, 2, 3]);
  });
});

describe('filter', () => {
  test.each<[Step, number[]]>([
    [{ kind: 'filter', column: 'size', op: '>=', value: 50 }, all.filter((r) => idx[r] !== 5 && 10 + idx[r] * 1.5 >= 50)],
    [{ kind: 'filter', column: 'size', op: '<', value: 13 }, all.filter((r) => idx[r] < 2)],
    [{ kind: 'filter', column: 'size', op: 'missing' }, all.filter((r) => idx[r] === 5)],
    [{ kind: 'filter', column: 'size', op: 'present' }, all.filter((r) => idx[r] !== 5)],
    [{ kind: 'filter', column: 'city', op: '=', value: 'Lima' }, all.filter((r) => idx[r] % 7 !== 0 && idx[r] % 3 === 1)],
    [{ kind: 'filter', column: 'city', op: '!=', value: 'Lima' }, all.filter((r) => idx[r] % 7 === 0 || idx[r] % 3 !== 1)],
    [{ kind: 'filter', column: 'price', op: '!=', value: '104' }, all.filter((r) => idx[r] !== 1)],
  ])('%j', (step, expected) => {
    expect(kept([step])).toEqual(expected);
  });

  test('a column missing from the file, a word for a number and an order on text are explained', () => {
    expect(() => fitRecipe(table, recipe([{ kind: 'drop', columns: [] }, { kind: 'filter', column: 'area', op: '>', value: 3 }]))).toThrow(
      /Step 2 \(filter\) keeps rows by column 'area', which is not in the file 't' \(columns: 'size', 'city', 'price'\)\. Pick one of its columns or remove the step\./,
    );
    expect(() => fitRecipe(table, recipe([{ kind: 'filter', column: 'size', op: '>', value: 'big' }]))).toThrow(/compares the numeric column 'size' with 'big', which is not a number/);
    expect(() => fitRecipe(table, recipe([{ kind: 'filter', column: 'city', op: '<', value: 'M' }]))).toThrow(RecipeError);
  });

  test('a filter that keeps nothing says so', () => {
    expect(() => fitRecipe(table, recipe([{ kind: 'filter', column: 'size', op: '>', value: 1e9 }]))).toThrow(/leave no training rows/);
  });
});

describe('row steps stay out of scoring', () => {
  const fitted = fitRecipe(table, recipe([{ kind: 'deduplicate' }, { kind: 'filter', column: 'size', op: '>', value: 20 }, { kind: 'impute', strategy: 'median', columns: ['size'] }]));

  test('the fitted steps the scorer replays hold no row step; the row steps are kept aside', () => {
    expect(fitted.steps.map((s) => s.kind)).toEqual(['impute', 'encode']);
    expect(fitted.rowSteps?.map((s) => s.kind)).toEqual(['deduplicate', 'filter']);
  });

  test('a table without the target (scoring) keeps every row', () => {
    const scoring = { ...table, columns: table.columns.filter((c) => c.name !== 'price') };
    const t = transformRecipe(fitted, scoring);
    expect(t.n).toBe(40);
    expect(t.removedByRowSteps).toBeUndefined();
  });

  test('evaluation counts the rows the steps removed', () => {
    const t = transformRecipe(fitted, table);
    expect(t.removedByRowSteps).toBe(40 - t.n);
    expect(t.n).toBe(base.filter((i) => i !== 5 && 10 + i * 1.5 > 20).length);
  });
});

describe('recipe JSON', () => {
  test('row steps round-trip through parseRecipe, and bad ones are explained', () => {
    const r = recipe([{ kind: 'deduplicate', columns: ['city'] }, { kind: 'filter', column: 'size', op: '<=', value: 3 }]);
    expect(parseRecipe(JSON.parse(JSON.stringify(r)))).toEqual({ ...r, split: { ...r.split } });
    const bad = (step: unknown) => () => parseRecipe({ ...r, steps: [step] }, 'my.json');
    expect(bad({ kind: 'filter', column: 'size', op: '~' })).toThrow(/my\.json: step 1 \(filter\) has "op" "~"; use one of =, !=, <, <=, >, >=, missing, present/);
    expect(bad({ kind: 'filter', column: 'size', op: '>' })).toThrow(/needs "value"/);
    expect(bad({ kind: 'filter', op: 'missing' })).toThrow(/needs "column"/);
    expect(bad({ kind: 'deduplicate', columns: 'city' })).toThrow(/\(deduplicate\) may have "columns"/);
  });

  test('fitting twice gives the same rows and numbers, bit for bit', () => {
    const r = recipe([{ kind: 'deduplicate' }, { kind: 'filter', column: 'city', op: 'present' }, { kind: 'impute', strategy: 'mean', columns: ['size'] }]);
    const a = transformRecipe(fitRecipe(table, r), table);
    const b = transformRecipe(fitRecipe(table, JSON.parse(JSON.stringify(r)) as Recipe), table);
    expect(Array.from(b.rows)).toEqual(Array.from(a.rows));
    expect(Array.from(b.X)).toEqual(Array.from(a.X));
  });
});

describe('proposeRecipe', () => {
  test('proposes no deduplicate step, even when rows repeat: Explore offers it, the person decides', () => {
    expect(proposeRecipe(table, profileTable(table), 'price').steps.some((s) => s.kind === 'deduplicate')).toBe(false);
    expect(proposeRecipe(table, undefined, 'price').steps.some((s) => s.kind === 'deduplicate')).toBe(false);
  });
});
