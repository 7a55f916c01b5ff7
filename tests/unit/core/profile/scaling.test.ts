// The profile's tall-table paths: counting sort on integer lattices, hash-bucketed duplicates and
// cross sections shared out between workers. Each is checked against the plain computation.
import { describe, expect, test } from 'vitest';
import { CROSS_SECTIONS, findDuplicates, profileColumn, profileCross, profileSections } from '../../../../src/core/profile';
import { sortFinite } from '../../../../src/core/profile/sortFinite';
import { profileColumnInto } from '../../../../src/core/profile/profileColumn';
import { bucketRows } from '../../../../src/core/profile/duplicates';
import { createRng } from '../../../../src/core/stats/rng';
import { sortFloat64 } from '../../../../src/core/stats';
import type { Table } from '../../../../src/core/table/types';
import { columnFrom, tableFrom } from './helpers';

/** The sort every path must reproduce bit for bit: finite values through the radix sort. */
function reference(values: Float64Array): Float64Array {
  return sortFloat64(Float64Array.from(values.filter((v) => Number.isFinite(v))));
}

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('sortFinite', () => {
  const rng = createRng(7);
  const n = 40_000;
  const cases: [string, (i: number) => number][] = [
    ['small integers with gaps, NaN and ±Infinity', (i) => (i % 97 === 0 ? NaN : i % 501 === 0 ? (i % 2 ? Infinity : -Infinity) : Math.floor(rng.next() * 300) * 3 - 200)],
    ['minute timestamps over a month (epoch ms)', () => Date.UTC(2024, 0, 1) + Math.floor(rng.next() * 43_200) * 60_000],
    ['one repeated value', () => 42],
    ['integers too spread out to count', () => Math.floor(rng.next() * 1e12)],
    ['floats', () => rng.next() * 100 - 50],
    ['integers with -0 (general path keeps -0 before +0)', (i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : (i % 11) - 5)],
    ['huge integers beyond 2^53', (i) => 2 ** 60 + (i % 5) * 2 ** 10],
  ];
  test.each(cases)('%s: same array and counts as gathering and radix-sorting', (_, make) => {
    const values = Float64Array.from({ length: n }, (_, i) => make(i));
    const got = sortFinite(values);
    expect(same(got.sorted, reference(values))).toBe(true);
    expect(got.missing).toBe(values.filter((v) => v !== v).length);
    expect(got.infinite).toBe(values.filter((v) => v === Infinity || v === -Infinity).length);
  });

  test('sorts into a scratch buffer when it is long enough, and never touches the column', () => {
    const values = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
    const copy = values.slice();
    const scratch = new Float64Array(n + 10);
    const got = sortFinite(values, scratch);
    expect(got.sorted.buffer).toBe(scratch.buffer);
    expect(same(got.sorted, reference(values))).toBe(true);
    expect(same(values, copy)).toBe(true);
    expect(sortFinite(values, new Float64Array(5)).sorted.buffer).not.toBe(scratch.buffer);
  });

  test('a column profile is the same with or without a scratch buffer', () => {
    const column = columnFrom('d', Array.from({ length: 30_000 }, (_, i) => (i % 13 === 0 ? null : (i * 37) % 2000)), 'integer');
    expect(profileColumnInto(column, new Float64Array(30_000))).toEqual(profileColumn(column));
  });
});

/** Duplicates by brute force: each row against every earlier row. */
function bruteDuplicates(t: Table): { rows: number; firsts: [number, number][] } {
  const key = (r: number) => JSON.stringify(t.columns.map((c) => ('values' in c ? (c.values[r] !== c.values[r] ? 'NaN' : c.values[r] === 0 ? 0 : c.values[r]) : c.codes[r])));
  const seen = new Map<string, number>();
  const pairs: [number, number][] = [];
  for (let r = 0; r < t.rowCount; r++) {
    const k = key(r);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, r);
    else pairs.push([r, first]);
  }
  return { rows: pairs.length, firsts: pairs.slice(0, 5) };
}

describe('findDuplicates on hash buckets', () => {
  test('bucketRows lists every row once, ascending within each bucket', () => {
    const hashes = Uint32Array.from({ length: 5_000 }, (_, i) => Math.imul(i % 700, 2654435761) >>> 0);
    const { starts, order } = bucketRows(hashes);
    expect(starts[0]).toBe(0);
    expect(starts[starts.length - 1]).toBe(5_000);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 5_000 }, (_, i) => i));
    for (let b = 0; b + 1 < starts.length; b++) {
      for (let a = starts[b] + 1; a < starts[b + 1]; a++) expect(order[a]).toBeGreaterThan(order[a - 1]);
    }
  });

  test.each([1, 2, 3])('seed %i: counts and examples equal a brute-force check (NaN = NaN, -0 = 0)', (seed) => {
    const rng = createRng(seed);
    const rows = 3_000;
    const pick = <T,>(xs: T[]) => xs[Math.floor(rng.next() * xs.length)];
    const t = tableFrom({
      a: Array.from({ length: rows }, () => pick([1, 2, null, 0, -0])),
      b: Array.from({ length: rows }, () => pick(['x', 'y', null])),
      c: Array.from({ length: rows }, () => pick([0.5, 1.5, 2.5, null])),
    }, { a: 'float' });
    const got = findDuplicates(t);
    const want = bruteDuplicates(t);
    expect(got.duplicateRows).toBe(want.rows);
    expect(got.duplicateExamples.map((e) => [e.row, e.firstRow])).toEqual(want.firsts);
  });
});

describe('profileSections', () => {
  const t = tableFrom({
    x: [1, 2, 3, 4, 5, 6, 1, 2],
    y: [2, 4, 6, 8, 11, 12, 2, 4],
    g: ['a', 'b', 'a', 'b', 'a', null, 'a', 'b'],
  });
  test('any split of the sections between two calls gives profileCross together', () => {
    const whole = profileCross(t, { target: 'g' });
    const first = profileSections(t, ['duplicates', 'target'], { target: 'g' });
    const second = profileSections(t, ['missing', 'correlations', 'pca'], { target: 'g' });
    expect({ ...first, ...second }).toEqual(whole);
    expect(Object.keys(first).sort()).toEqual(['duplicates', 'target']);
    expect(CROSS_SECTIONS).toEqual(['duplicates', 'missing', 'correlations', 'target', 'pca']);
  });
  test('progress counts one step per named section from the offset', () => {
    const steps: [number, number][] = [];
    profileSections(t, ['missing', 'pca'], {}, { onProgress: (d, total) => steps.push([d, total]) }, 3, 5);
    expect(steps).toEqual([[4, 5], [5, 5]]);
  });
});
