import { expect, test } from 'vitest';
import { kFolds, resolveFolds, splitRows } from '../../../../src/core/recipe';
import { tableOf } from './tableOf';

const n = 200;
const t = tableOf({
  y: Array.from({ length: n }, (_, i) => (i < 20 ? 'rare' : i === 21 ? null : 'common')),
  when: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1) + ((i * 37) % n) * 86_400_000).toISOString()),
}, { when: 'datetime' });

test('stratified keeps class proportions, excludes missing targets, and repeats by seed', () => {
  const s = splitRows(t, 'y', { method: 'stratified', testFraction: 0.25, seed: 5 });
  expect(s.missingTarget).toBe(1);
  expect(s.train.length + s.test.length).toBe(199);
  expect(Array.from(s.test).filter((i) => i < 20)).toHaveLength(5);
  expect(new Set([...s.train, ...s.test]).size).toBe(199);
  expect(splitRows(t, 'y', { method: 'stratified', testFraction: 0.25, seed: 5 })).toEqual(s);
  expect(splitRows(t, 'y', { method: 'stratified', testFraction: 0.25, seed: 6 }).test).not.toEqual(s.test);
});

test('random split sizes and time split holds out the latest rows', () => {
  const r = splitRows(t, 'y', { method: 'random', testFraction: 0.2, seed: 1 });
  expect(r.test.length).toBe(40);
  const time = splitRows(t, 'y', { method: 'time', testFraction: 0.1, seed: 1, timeColumn: 'when' });
  const when = (t.columns[1] as { values: Float64Array }).values;
  const latestTrain = Math.max(...Array.from(time.train, (i) => when[i]));
  expect(Math.min(...Array.from(time.test, (i) => when[i]))).toBeGreaterThan(latestTrain);
  expect(() => splitRows(t, 'y', { method: 'random', testFraction: 1.5, seed: 1 })).toThrow(/between 0 and 1/);
});

test('kFolds partitions rows, stratified folds balance classes; auto folds below 20,000 rows', () => {
  const rows = Int32Array.from({ length: 50 }, (_, i) => i * 2);
  const strata = Array.from(rows, (r) => (r < 20 ? 'a' : 'b'));
  const folds = kFolds(rows, 5, 9, strata);
  const tested = folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
  expect(tested).toEqual(Array.from(rows));
  for (const f of folds) {
    expect(f.test.length).toBe(10);
    expect(Array.from(f.test).filter((r) => r < 20)).toHaveLength(2);
    expect(f.train.length).toBe(40);
  }
  expect(resolveFolds({ method: 'random', testFraction: 0.2, seed: 1, folds: 'auto' }, 500)).toBe(5);
  expect(resolveFolds({ method: 'random', testFraction: 0.2, seed: 1 }, 25_000)).toBe(0);
});
