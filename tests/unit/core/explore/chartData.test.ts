import { describe, expect, test } from 'vitest';
import { chartData } from '../../../../src/core/explore';
import type { Table } from '../../../../src/core/table/types';

function table(): Table {
  const n = 8;
  return {
    name: 't',
    rowCount: n,
    columns: [
      { name: 'x', type: 'float', inferredType: 'float', values: Float64Array.from([1, 2, 3, 4, 5, 6, 7, NaN]) },
      { name: 'y', type: 'float', inferredType: 'float', values: Float64Array.from([2, 4, 6, 8, 10, 12, NaN, 1]) },
      { name: 'g', type: 'categorical', inferredType: 'categorical', codes: Int32Array.from([0, 1, 0, 1, 0, 1, 0, -1]), dictionary: ['a', 'b'] },
    ],
  };
}

describe('chartData', () => {
  test('scatter keeps only rows where both axes are present, with colour groups', () => {
    const data = chartData(table(), { kind: 'scatter', x: 'x', y: 'y', color: 'g' });
    if (data.kind !== 'scatter') throw new Error(data.kind);
    expect(data.rows).toBe(6);
    expect([...data.x].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (let i = 0; i < data.rows; i++) expect(data.y[i]).toBe(2 * data.x[i]);
    expect(data.groups).toEqual(['a', 'b']);
    for (let i = 0; i < data.rows; i++) expect(data.groups[data.group![i]]).toBe(data.x[i] % 2 ? 'a' : 'b');
  });

  test('scatter turns into a density grid past maxPoints, counting every row', () => {
    const data = chartData(table(), { kind: 'scatter', x: 'x', y: 'y', maxPoints: 3 });
    if (data.kind !== 'density') throw new Error(data.kind);
    expect(data.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(data.xDomain).toEqual([1, 6]);
  });

  test('bar counts rows per category, or averages y', () => {
    const counts = chartData(table(), { kind: 'bar', x: 'g' });
    expect(counts).toMatchObject({ kind: 'bar', categories: ['a', 'b'], values: [[4], [3]], measure: 'count' });
    const means = chartData(table(), { kind: 'bar', x: 'g', y: 'y' });
    // a: rows 0,2,4 (y 2,6,10; row 6 has no y) → 6; b: rows 1,3,5 → 8
    expect(means).toMatchObject({ categories: ['a', 'b'], values: [[6], [8]], measure: 'mean' });
  });

  test('box summarises y per x group', () => {
    const data = chartData(table(), { kind: 'box', x: 'g', y: 'x' });
    if (data.kind !== 'box') throw new Error(data.kind);
    const a = data.groups.find((g) => g.group === 'a')!;
    expect(a.count).toBe(4);
    expect(a.median).toBe(4); // 1,3,5,7
  });

  test('a text axis where a number is needed explains itself', () => {
    expect(() => chartData(table(), { kind: 'scatter', x: 'g', y: 'y' })).toThrow(/"g" is categorical/);
  });
});
