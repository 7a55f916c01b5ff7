import { describe, expect, test } from 'vitest';
import { fitRecipe, transformRecipe, type Recipe, type Step } from '../../../../src/core/recipe';
import { tableOf } from './tableOf';

const reviews = ['Great phone, great battery', 'broken screen', 'Great value', null, 'battery died, screen broken', 'great great great', 'Ünïcode screen review', 'broken screen'];
const table = tableOf({
  review: reviews,
  price: [10, 20, 30, 40, 50, 60, 70, 80],
  extra: [1, 2, 3, 4, 5, 6, 7, 8],
  label: ['y', 'n', 'y', 'n', 'n', 'y', 'y', 'n'],
});
const recipeOf = (steps: Step[]): Recipe => ({ version: 1, target: 'label', task: 'binary', split: { method: 'random', testFraction: 0.25, seed: 1, folds: 0 }, steps } as Recipe);

describe('a text step at the end of the recipe goes into X as sparse rows', () => {
  test.each<[string, Step]>([
    ['TF-IDF words', { kind: 'text', columns: ['review'], minDf: 1 }],
    ['TF-IDF words and pairs without stop words', { kind: 'text', columns: ['review'], minDf: 1, ngrams: [1, 2], stopWords: true }],
    ['hashing', { kind: 'text', columns: ['review'], method: 'hashing', maxFeatures: 16 }],
  ])('%s: the same features and values as dense columns', (_, text) => {
    const train = Int32Array.from([0, 1, 2, 3, 4, 5]);
    const rows = Int32Array.from([7, 6, 3, 0, 1]);
    // A drop step after the text step makes the recipe build the text step's dense columns.
    const sparse = fitRecipe(table, recipeOf([{ kind: 'drop', columns: ['extra'] }, text]), train);
    const dense = fitRecipe(table, recipeOf([text, { kind: 'drop', columns: ['extra'] }]), train);
    expect(sparse.featureNames).toEqual(dense.featureNames);
    expect(sparse.featureNames.length).toBeGreaterThan(2);
    const a = transformRecipe(sparse, table, rows);
    const b = transformRecipe(dense, table, rows);
    expect(a.n).toBe(5);
    expect(a.X).toEqual(b.X);
    expect(Array.from(a.X).some((v) => v !== 0 && v !== 10 && v !== 20)).toBe(true);
  });

  test('a later step that needs the text step’s outputs still finds them', () => {
    const fitted = fitRecipe(table, recipeOf([{ kind: 'text', columns: ['review'], minDf: 2 }, { kind: 'drop', columns: ['review:broken'] }]));
    expect(fitted.featureNames).not.toContain('review:broken');
    expect(fitted.featureNames).toContain('review:great');
    const t = transformRecipe(fitted, table);
    const j = fitted.featureNames.indexOf('review:great');
    expect(t.X[5 * fitted.featureNames.length + j]).toBeGreaterThan(0);
  });
});
