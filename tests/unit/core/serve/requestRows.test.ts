/**
 * The row reader's tabular bodies: cell lists as sent, row objects built on demand, and the same
 * answer from JSON, CSV and the numbers read straight from the bytes. The lazy parts live on a
 * class's prototype, not as getters of an object literal: each such literal kept the parsed body
 * reachable from the old generation, so under load every request's body was promoted (see
 * requestRows.ts).
 */
import { describe, expect, test } from 'vitest';
import { numberSplit } from '../../../../src/core/serve/numberSplit';
import { rowReader } from '../../../../src/core/serve/requestRows';
import { flatRecord } from '../../../../src/core/table';
import type { ServedColumn } from '../../../../src/core/serve/types';

const columns: ServedColumn[] = [
  { name: 'x', type: 'float' },
  { name: 'y', type: 'float' },
];
const reader = rowReader(columns, 1000, null, numberSplit, flatRecord);
const body = JSON.stringify({ dataframe_split: { columns: ['x', 'y'], data: [[1.5, null], [2, 3]] } });

describe('tabular bodies', () => {
  const reads = {
    json: () => reader.invocations('application/json', body),
    csv: () => reader.invocations('text/csv', 'x,y\n1.5,\n2,3\n'),
    numbers: () => reader.numbers('application/json; charset=utf-8', new TextEncoder().encode(body), 1),
  };

  test.each(Object.keys(reads) as (keyof typeof reads)[])('%s: cell lists, then row objects on demand, with no getter on the result itself', (kind) => {
    const read = reads[kind]();
    if (!read || !read.ok) throw new Error(`${kind} was refused`);
    expect(read.columns).toEqual(['x', 'y']);
    const cells = kind === 'csv' ? [['1.5', null], ['2', '3']] : [[1.5, null], [2, 3]];
    expect(read.cells).toEqual(cells);
    expect(read.rows).toEqual(cells.map(([x, y]) => ({ x, y })));
    expect(read.rows).toBe(read.rows);
    for (const key of ['rows', 'cells']) expect(Object.getOwnPropertyDescriptor(read, key)?.get).toBeUndefined();
  });

  test('the numbers path keeps the numbers, NaN for a missing value', () => {
    const read = reads.numbers();
    if (!read || !read.ok) throw new Error('refused');
    expect(read.numbers?.n).toBe(2);
    expect(Array.from(read.numbers!.values)).toEqual([1.5, NaN, 2, 3]);
  });
});

describe('nested row objects', () => {
  const nested = rowReader([{ name: 'user.age', type: 'float' }, { name: 'user.home.country', type: 'categorical' }, { name: 'n', type: 'float' }], 1000, null, numberSplit, flatRecord);

  test('a model trained on nested JSON reads nested rows by path, as the JSON reader made its columns', () => {
    const read = nested.invocations('application/json', JSON.stringify({ dataframe_records: [{ user: { age: 30, home: { country: 'DE' } }, n: 1 }, { 'user.age': 41, 'user.home.country': 'FR', n: 2 }] }));
    if (!read.ok) throw new Error(read.message);
    expect(read.rows.map((r) => ({ ...r }))).toEqual([{ 'user.age': 30, 'user.home.country': 'DE', n: 1 }, { 'user.age': 41, 'user.home.country': 'FR', n: 2 }]);
    expect(read.rows.map((r, i) => nested.check(r, i, false))).toEqual([null, null]);
  });

  test('a nested field the model does not take is named by its path', () => {
    const read = nested.invocations('application/json', JSON.stringify({ instances: [{ user: { age: 30, home: { country: 'DE' }, extra: 1 }, n: 1 }] }));
    if (!read.ok) throw new Error(read.message);
    expect(nested.check(read.rows[0], 0, false)).toMatchObject({ ok: false, column: 'user.extra' });
  });

  test('a model with plain names leaves row objects as sent', () => {
    const read = reader.invocations('application/json', JSON.stringify({ dataframe_records: [{ x: 1, y: { z: 2 } }] }));
    if (!read.ok) throw new Error(read.message);
    expect(read.rows[0]).toEqual({ x: 1, y: { z: 2 } });
  });
});
