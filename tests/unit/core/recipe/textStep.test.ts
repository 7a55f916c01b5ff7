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

  test('its sparse rows hold X exactly: terms between numeric columns, −0 and missing values included', () => {
    const mixed = tableOf({ price: [10, -0, 30, null, 0, 60, 70, 80], review: reviews, extra: [1, 0, 3, 4, 5, 6, 7, 8], spare: [0, 0, 0, 0, 0, 0, 0, 0], label: ['y', 'n', 'y', 'n', 'n', 'y', 'y', 'n'] });
    const text: Step = { kind: 'text', columns: ['review'], minDf: 1 };
    const sparse = fitRecipe(mixed, recipeOf([{ kind: 'drop', columns: ['spare'] }, text]));
    const dense = fitRecipe(mixed, recipeOf([text, { kind: 'drop', columns: ['spare'] }]));
    expect(sparse.featureNames).toEqual(dense.featureNames);
    expect(sparse.featureNames[0]).toBe('price');
    expect(sparse.featureNames.at(-1)).toBe('extra');
    const a = transformRecipe(sparse, mixed);
    const b = transformRecipe(dense, mixed);
    expect(b.sparse).toBeUndefined();
    const m = a.sparse!;
    const d = sparse.featureNames.length;
    expect([m.n, m.d]).toEqual([8, d]);
    const fromSparse = new Float32Array(8 * d);
    for (let r = 0; r < 8; r++) {
      for (let q = m.indptr[r]; q < m.indptr[r + 1]; q++) {
        if (q > m.indptr[r]) expect(m.indices[q]).toBeGreaterThan(m.indices[q - 1]);
        fromSparse[r * d + m.indices[q]] = m.values[q];
      }
    }
    const bits = (x: Float32Array) => Array.from(x, (v) => Object.is(v, -0) ? '-0' : String(v));
    expect(bits(fromSparse)).toEqual(bits(b.X));
    expect(bits(a.X)).toEqual(bits(b.X));
    expect(Object.is(a.X[d], -0)).toBe(true);
    expect(a.X[3 * d]).toBeNaN();
    expect(m.values.length).toBe(Array.from(b.X).filter((v) => v !== 0 || Object.is(v, -0)).length);
  });

  test('a recipe whose only features are terms gives the same X', () => {
    const texts = tableOf({ review: reviews, spare: [1, 2, 3, 4, 5, 6, 7, 8], label: ['y', 'n', 'y', 'n', 'n', 'y', 'y', 'n'] });
    const text: Step = { kind: 'text', columns: ['review'], minDf: 1 };
    const sparse = fitRecipe(texts, recipeOf([{ kind: 'drop', columns: ['spare'] }, text]));
    const dense = fitRecipe(texts, recipeOf([text, { kind: 'drop', columns: ['spare'] }]));
    expect(sparse.featureNames).toEqual(dense.featureNames);
    const a = transformRecipe(sparse, texts);
    expect(a.sparse!.values.every((v) => v === Math.fround(v) && v > 0)).toBe(true);
    expect(a.X).toEqual(transformRecipe(dense, texts).X);
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
