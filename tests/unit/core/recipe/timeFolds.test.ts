import { describe, expect, test } from 'vitest';
import { RecipeError, splitRows, timeFolds } from '../../../../src/core/recipe';
import { tableOf } from './tableOf';

const day = (i: number) => new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

describe('timeFolds', () => {
  // Rows out of time order, one missing time: row r is day (r * 7) % 23.
  const n = 23;
  const table = tableOf({ t: Array.from({ length: n }, (_, r) => (r === 5 ? null : day((r * 7) % 23))), y: Array.from({ length: n }, (_, r) => r) }, { t: 'datetime' });
  const spec = { method: 'time' as const, testFraction: 0.2, seed: 1, timeColumn: 't' };
  const time = (r: number) => (r === 5 ? -Infinity : (r * 7) % 23);

  test('as TimeSeriesSplit: k + 1 blocks in time order (the first takes the remainder), fold i trains on blocks 0..i and tests on the next', () => {
    const rows = Int32Array.from({ length: n }, (_, r) => r);
    const folds = timeFolds(table, spec, rows, 4);
    expect(folds.map((f) => [f.train.length, f.test.length])).toEqual([[7, 4], [11, 4], [15, 4], [19, 4]]);
    for (const f of folds) {
      const latestTrain = Math.max(...Array.from(f.train, time));
      expect(Array.from(f.test, time).every((t) => t > latestTrain)).toBe(true);
    }
    // The row with no time trains first, as in the time split.
    expect(Array.from(folds[0].train)).toContain(5);
    // The last fold ends with the latest rows.
    expect(Math.max(...Array.from(folds[3].test, time))).toBe(22);
  });

  test('too few rows for k folds, or fewer than 2 folds, is a RecipeError naming the counts', () => {
    const rows = Int32Array.from([0, 1, 2]);
    expect(() => timeFolds(table, spec, rows, 3)).toThrow(RecipeError);
    expect(() => timeFolds(table, spec, rows, 3)).toThrow('Cannot make 3 time-ordered folds from 3 rows; use 2 to 2 folds.');
    expect(() => timeFolds(table, spec, rows, 1)).toThrow(RecipeError);
  });

  test('the time split orders rows the same way: its test rows are the latest', () => {
    const split = splitRows(table, 'y', spec);
    const latestTrain = Math.max(...Array.from(split.train, time));
    expect(Array.from(split.test, time).every((t) => t > latestTrain)).toBe(true);
    expect(split.test.length).toBe(5);
  });
});
