import { describe, expect, test } from 'vitest';
import { compareSlices } from '../../../../src/core/gate';
import type { ComparisonInput } from '../../../../src/core/abtest';
import { tableOf } from '../recipe/tableOf';

/** 80 rows: 40 in "north", 40 in "south"; the challenger is perfect in the north and coin-flip wrong in the south. */
function fixture() {
  const n = 80;
  const region = Array.from({ length: n }, (_, i) => (i < 40 ? 'north' : 'south'));
  const y = Array.from({ length: n }, (_, i) => i % 2);
  const table = tableOf({ region, y: y.map(String) }, {}, 't');
  const proba = (p: number[]) => Float64Array.from(p.flatMap((v) => [1 - v, v]));
  const champion = proba(y.map((v) => (v ? 0.8 : 0.2)));
  const challenger = proba(y.map((v, i) => (i < 40 ? (v ? 0.9 : 0.1) : v ? 0.1 + (i % 4) * 0.05 : 0.9)));
  const input: ComparisonInput = { task: 'binary', yTrue: Float64Array.from(y), predictions: [{ name: 'A', probabilities: champion }, { name: 'B', probabilities: challenger }], rows: Int32Array.from({ length: n }, (_, i) => i), dropped: { missingTarget: 0, unseenClass: 0, refused: 0 } };
  return { table, input };
}

describe('compareSlices', () => {
  test('scores both models on each slice of the same rows', () => {
    const { table, input } = fixture();
    const slices = compareSlices(table, 'y', input, { minRows: 30 });
    expect(slices.map((s) => [s.column, s.label, s.rows, s.metric])).toEqual([
      ['region', 'north', 40, 'rocAuc'],
      ['region', 'south', 40, 'rocAuc'],
    ]);
    expect(slices[0]).toMatchObject({ champion: 1, challenger: 1, loss: 0 });
    expect(slices[1]).toMatchObject({ champion: 1, challenger: 0, loss: 1 });
  });
  test('leaves out slices under minRows and the target column', () => {
    const { table, input } = fixture();
    expect(compareSlices(table, 'y', input, { minRows: 41 })).toEqual([]);
  });
  test('names columns the test file lacks', () => {
    const { table, input } = fixture();
    expect(() => compareSlices(table, 'y', input, { minRows: 30, columns: ['country'] })).toThrow(/slices\.columns names 'country', which the test file lacks \(columns: region, y\)/);
  });
});
