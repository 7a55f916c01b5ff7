import { describe, expect, test } from 'vitest';
import { fitRecipe, transformRecipe, yeoJohnson, type Recipe } from '../../../../src/core/recipe';
import { inputValue, yeoJohnsonInverse } from '../../../../src/core/recipe/inputValue';
import { tableOf } from './tableOf';

const votes = [120, 6346, 98000, 15, 2300, 410, 77000, 5, 880, 12345];
const budget = [1.5e6, 2.2e7, 1.1e8, 3e5, 8e6, 4.4e6, 9.9e7, 1e5, 6e6, 3.3e7];
const rating = [-2.5, 0, 3.25, -1, 7.5, 0.5, -0.25, 2, 1, 4];
const table = tableOf({ votes, budget, rating, y: votes.map((_, i) => i % 2) });

function fitted(steps: Recipe['steps']) {
  return fitRecipe(table, { version: 1, target: 'y', task: 'regression', steps, split: { method: 'random', testFraction: 0.2, seed: 1 } });
}

describe('inputValue', () => {
  test('undoes log, Yeo-Johnson and every scaling, in reverse order, back to the value the file holds', () => {
    for (const method of ['standard', 'minmax', 'robust'] as const) {
      const f = fitted([
        { kind: 'power', method: 'log', columns: ['votes'] },
        { kind: 'power', method: 'yeo-johnson', columns: ['rating', 'budget'] },
        { kind: 'scale', method, columns: ['votes', 'rating', 'budget'] },
      ]);
      const { X } = transformRecipe(f, table);
      const d = f.featureNames.length;
      for (const [j, name] of f.featureNames.entries()) {
        const original = { votes, budget, rating }[name as 'votes'];
        for (let r = 0; r < votes.length; r++) {
          const back = inputValue(f, name, X[r * d + j]);
          // The model saw a float32: six significant digits survive, whole numbers stay whole.
          expect(Math.abs(back - original[r]) / Math.max(1, Math.abs(original[r])), `${method} ${name} row ${r}`).toBeLessThan(2e-6);
        }
      }
      expect(inputValue(f, 'votes', X[1 * d + f.featureNames.indexOf('votes')])).toBe(6346);
    }
  });

  test('leaves alone what has no inverse or is not an input column', () => {
    const f = fitted([{ kind: 'clip', columns: ['rating'], lower: 0.1, upper: 0.9 }]);
    expect(inputValue(f, 'rating', 3.25)).toBe(3.25);
    expect(inputValue(f, 'not a column', 8.755)).toBe(8.755);
    expect(inputValue(fitted([{ kind: 'power', method: 'log', columns: ['votes'] }]), 'votes', NaN)).toBeNaN();
  });

  test('yeoJohnsonInverse undoes yeoJohnson on both sides of zero, for the special lambdas too', () => {
    for (const lambda of [-1.5, 0, 0.5, 1, 2, 3.2]) {
      for (const x of [-40, -2.5, -0.5, 0, 0.25, 3, 1e4]) expect(yeoJohnsonInverse(yeoJohnson(x, lambda), lambda)).toBeCloseTo(x, 6);
    }
  });
});
