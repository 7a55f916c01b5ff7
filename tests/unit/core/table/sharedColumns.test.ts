import { afterEach, describe, expect, test } from 'vitest';
import {
  allocFloat64, allocInt32, canShare, isShared, joinRegions, memorySource, mergeParts, parseCsvPart, readCsv, runAsync, shareTable, splitParser,
  type ByteSource, type CsvPart, type PartColumn, type RemotePartRunner, type Table,
} from '../../../../src/core/table';

const isolated = globalThis as { crossOriginIsolated?: boolean };
afterEach(() => {
  delete isolated.crossOriginIsolated;
});

const table: Table = {
  name: 't',
  rowCount: 3,
  columns: [
    { name: 'x', type: 'float', inferredType: 'float', shapes: { numeric: 2, datetime: 0, boolean: 0, other: 0 }, values: new Float64Array([1.5, NaN, -2]) },
    { name: 's', type: 'categorical', inferredType: 'categorical', shapes: { numeric: 0, datetime: 0, boolean: 0, other: 3 }, codes: new Int32Array([0, -1, 1]), dictionary: ['a', 'b'] },
  ],
};

describe('shared columns', () => {
  test('sharing needs a cross-origin-isolated context; Node and plain pages keep ArrayBuffers', () => {
    expect(canShare()).toBe(false);
    expect(isShared(allocFloat64(4))).toBe(false);
    expect(shareTable(table)).toBe(table);
    isolated.crossOriginIsolated = true;
    expect(canShare()).toBe(true);
    expect(isShared(allocInt32(4))).toBe(true);
  });

  test('shareTable moves every column to shared memory with the same cells, and leaves shared ones alone', () => {
    const shared = shareTable(table, true);
    expect(shared.columns.every((c) => isShared('values' in c ? c.values : c.codes))).toBe(true);
    expect(shared).toEqual({ ...table, columns: shared.columns });
    expect(Array.from((shared.columns[0] as { values: Float64Array }).values)).toEqual([1.5, NaN, -2]);
    expect(Array.from((shared.columns[1] as { codes: Int32Array }).codes)).toEqual([0, -1, 1]);
    expect(shareTable(shared, true)).toBe(shared);
    // The original is untouched and still on its own buffers.
    expect(isShared((table.columns[0] as { values: Float64Array }).values)).toBe(false);
  });
});

/** A part whose columns are views at `offset` of shared arrays holding `rows` rows. */
function regionPart(columns: { values?: Float64Array; codes?: Int32Array; dictionary?: string[] }[], offset: number, rows: number, start: number, end: number): CsvPart {
  const cols: PartColumn[] = columns.map((c) => ({
    values: c.values ? c.values.subarray(offset, offset + rows) : null,
    codes: c.codes ? c.codes.subarray(offset, offset + rows) : null,
    dictionary: c.dictionary ?? null,
    sawFloat: false, pattern: '', mismatches: 0, missing: 0,
  }));
  return { start, end, rows, columns: cols, raggedRows: [], raggedCount: 0, openQuote: -1 };
}

describe('joinRegions', () => {
  test('moves the second part down after the first, remapping codes, in the same memory', () => {
    const values = allocFloat64(10, true);
    const codes = allocInt32(10, true);
    values.set([1, 2, 3], 0);
    values.set([4, NaN], 6);
    codes.set([0, 1, 0], 0);
    codes.set([0, -1], 6); // "c", missing
    const a = regionPart([{ values }, { codes, dictionary: ['a', 'b'] }], 0, 3, 0, 50);
    const b = regionPart([{ values }, { codes, dictionary: ['c'] }], 6, 2, 50, 80);
    const joined = joinRegions(a, b, 6)!;
    expect(joined.rows).toBe(5);
    expect(Array.from(joined.columns[0].values!)).toEqual([1, 2, 3, 4, NaN]);
    expect(Array.from(joined.columns[1].codes!)).toEqual([0, 1, 0, 2, -1]);
    expect(joined.columns[1].dictionary).toEqual(['a', 'b', 'c']);
    expect(joined.columns[0].values!.buffer).toBe(values.buffer);
    expect(joined.columns[1].codes!.buffer).toBe(codes.buffer);
    expect(mergeParts(a, b).columns.map((c) => Array.from(c.values ?? c.codes!))).toEqual(joined.columns.map((c) => Array.from(c.values ?? c.codes!)));
  });

  test('declines (null) when a column outgrew its region, and refuses parts that do not meet', () => {
    const values = allocFloat64(10, true);
    const a = regionPart([{ values }], 0, 3, 0, 50);
    const grown: CsvPart = { ...regionPart([{ values }], 6, 2, 50, 80), columns: [{ ...a.columns[0], values: new Float64Array(2) }] };
    expect(joinRegions(a, grown, 6)).toBeNull();
    expect(joinRegions(regionPart([{ values }], 0, 7, 0, 50), regionPart([{ values }], 6, 2, 50, 80), 6)).toBeNull();
    expect(() => joinRegions(a, regionPart([{ values }], 6, 2, 51, 80), 6)).toThrow(/do not meet/);
  });
});

describe('splitParser on shared memory', () => {
  const regionRunner = (source: ByteSource): RemotePartRunner => (plan, start, stop, onProgress, region) =>
    runAsync(parseCsvPart(plan, start, stop, { onProgress: (p) => onProgress(p.bytes, p.rows) }, Infinity, region), source);

  function csv(rows: number): string {
    const lines = ['when,n,city,score'];
    for (let i = 0; i < rows; i++) lines.push(`2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')},${i % 7 === 0 ? '' : i - 50},${['Oslo', 'Lima', '"Ha, Noi"', ''][i % 4]},${(i * 0.37).toFixed(2)}`);
    return lines.join('\n') + '\n';
  }

  test.each([200, 5_000])('%i rows: both halves parse into one shared buffer per column, same table as one thread', async (rows) => {
    const source = memorySource(csv(rows), 's.csv');
    const single = await readCsv(source, { chunkBytes: 997 });
    const split = await readCsv(source, { chunkBytes: 997 }, {}, splitParser(regionRunner(source), 1, true));
    expect(split.table).toEqual(single.table);
    for (const c of split.table.columns) {
      const array = 'values' in c ? c.values : c.codes;
      expect(isShared(array)).toBe(true);
      expect(array.byteOffset).toBe(0);
    }
  });

  test('a sample that underestimates the rows still gives the right table (columns outgrow their regions)', async () => {
    // Short rows first make the sample predict far fewer rows than the file holds.
    const text = 'a,b\n' + Array.from({ length: 300 }, (_, i) => `${i},${'x'.repeat(60)}`).join('\n') + '\n' + Array.from({ length: 3000 }, (_, i) => `${i},y`).join('\n') + '\n';
    const source = memorySource(text, 'u.csv');
    const single = await readCsv(source, { chunkBytes: 512 });
    const split = await readCsv(source, { chunkBytes: 512 }, {}, splitParser(regionRunner(source), 1, true));
    expect(split.table).toEqual(single.table);
    expect(split.table.rowCount).toBe(3300);
    // The regions were too small, so the halves were merged by copying (onto plain memory in Node).
    expect(split.table.columns.every((c) => !isShared('values' in c ? c.values : c.codes))).toBe(true);
  });
});
