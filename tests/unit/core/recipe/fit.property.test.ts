import fc from 'fast-check';
import { expect, test } from 'vitest';
import { fitRecipe, transformRecipe, type Recipe } from '../../../../src/core/recipe';
import { tableOf } from './tableOf';

const recipe: Recipe = {
  version: 1,
  target: 'y',
  task: 'regression',
  steps: [
    { kind: 'clip', columns: ['num'], lower: 0.1, upper: 0.9 },
    { kind: 'power', columns: ['num'], method: 'yeo-johnson' },
    { kind: 'impute', columns: ['num'], strategy: 'median', indicator: true },
    { kind: 'impute', columns: ['cat'], strategy: 'most_frequent' },
    { kind: 'encode', columns: ['cat'], method: 'onehot', topK: 3 },
    { kind: 'scale', columns: ['num'], method: 'robust' },
  ],
  split: { method: 'random', testFraction: 0.3, seed: 3 },
};

const num = fc.option(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { nil: null });
const cat = fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { nil: null });
const row = fc.record({ num, cat, y: fc.double({ min: -10, max: 10, noNaN: true }) });

test('fitting on the training rows ignores whatever the test rows hold', () => {
  fc.assert(
    fc.property(fc.array(row, { minLength: 4, maxLength: 30 }), fc.array(row, { minLength: 1, maxLength: 30 }), fc.array(row, { minLength: 1, maxLength: 30 }), (train, testA, testB) => {
      const build = (rows: typeof train) =>
        tableOf({ num: rows.map((r) => r.num), cat: rows.map((r) => r.cat ?? null), y: rows.map((r) => r.y) }, { num: 'float', cat: 'categorical', y: 'float' });
      const trainRows = train.map((_, i) => i);
      const a = fitRecipe(build([...train, ...testA]), recipe, trainRows);
      const b = fitRecipe(build([...train, ...testB]), recipe, trainRows);
      expect(a).toEqual(b);
      // And transforming the training rows gives the same matrix either way.
      expect(transformRecipe(a, build([...train, ...testA]), trainRows).X).toEqual(transformRecipe(b, build([...train, ...testB]), trainRows).X);
    }),
    { numRuns: 60, seed: 11 },
  );
});
