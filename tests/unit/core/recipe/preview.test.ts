/** Prepare's preview: the first rows of X exactly as training builds them, formatted for people. */
import { expect, test } from 'vitest';
import { fitRecipe, proposeRecipe, splitRows, transformRecipe, type Recipe } from '../../../../src/core/recipe';
import { previewMatrix } from '../../../../src/core/recipe/preview';
import { formatNumber } from '../../../../src/core/format';
import { penguins } from './tableOf';
import { parseCsv } from '../../../../src/core/table';

const table = penguins();
const recipe = proposeRecipe(table, undefined, 'Species');

test('the first 20 rows with a target, fitted on the training split, under the fitted feature names', () => {
  const p = previewMatrix(table, recipe);
  const fitted = fitRecipe(table, recipe, splitRows(table, 'Species', recipe.split).train);
  const X = transformRecipe(fitted, table, Int32Array.from({ length: 40 }, (_, i) => i));
  expect(p.featureNames).toEqual(fitted.featureNames);
  expect(p.featureNames.some((n) => n.includes('='))).toBe(true);
  expect(p.rows).toHaveLength(20);
  expect(p.fileRows).toEqual(Array.from(X.rows.subarray(0, 20), (r) => r + 1));
  const d = fitted.featureNames.length;
  expect(p.rows[5]).toEqual(Array.from(X.X.subarray(5 * d, 6 * d), (v) => formatNumber(v)));
  expect(p.note).toBe(`${d} features in all, as the recipe is written; fitted on ${fitted.trainRows} training rows.`);
});

test('for tree models, one-hot columns become category codes and scaling is skipped', () => {
  const written = previewMatrix(table, recipe);
  const trees = previewMatrix(table, recipe, { trees: true, rows: 5 });
  expect(trees.rows).toHaveLength(5);
  expect(trees.featureNames.length).toBeLessThan(written.featureNames.length);
  expect(trees.featureNames).toContain('Island');
  expect(trees.note).toMatch(/as tree models use the recipe/);
});

test('rows left out by a row step are skipped, so the preview still fills up', () => {
  const filtered: Recipe = { ...recipe, steps: [{ kind: 'filter', column: 'Island', op: '=', value: 'Biscoe' }, ...recipe.steps] };
  const p = previewMatrix(table, filtered, { rows: 20 });
  expect(p.rows).toHaveLength(20);
  const island = table.columns.find((c) => c.name === 'Island')!;
  expect(p.fileRows.every((r) => 'codes' in island && island.dictionary[island.codes[r - 1]] === 'Biscoe')).toBe(true);
});

test('a recipe that cannot be fitted explains why', () => {
  expect(() => previewMatrix(table, { ...recipe, steps: [{ kind: 'scale', columns: ['Island'], method: 'standard' }] })).toThrow(/Island/);
});

test('a date part "year" reads as a year, and the sine of a whole turn as 0', () => {
  const dates = parseCsv(['when,y', ...Array.from({ length: 30 }, (_, i) => `20${10 + (i % 12)}-${String((i % 12) + 1).padStart(2, '0')}-15,${i % 2}`)].join('\n')).table;
  const r: Recipe = { version: 1, target: 'y', task: 'binary', split: { method: 'random', testFraction: 0.2, seed: 1 },
    steps: [{ kind: 'datetime', columns: ['when'], parts: ['year', 'month'], cyclic: true }] };
  const p = previewMatrix(dates, r, { rows: 12 });
  const year = p.featureNames.findIndex((n) => /year/.test(n));
  expect(p.rows.map((row) => row[year])).toContain('2015');
  const cells = p.rows.flat();
  expect(cells.some((c) => /e−1[0-9]/.test(c))).toBe(false);
  expect(cells).toContain('0');
});
