import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  cellText, cellValue, cellWords, datetimeWords, DataError, detectFormat, memorySource, parseCsv, readTable, tableFromArrowIPC, tableToArrowIPC, tableTransferables,
  type ReadResult,
} from '../../../../src/core/table';

const fixtures = join(process.cwd(), 'tests/fixtures/table');
const col = (r: ReadResult, name: string) => r.table.columns.find((c) => c.name === name)!;
const read = (text: string | Uint8Array, name: string) => readTable(memorySource(text, name));

async function dataError(promise: Promise<unknown>): Promise<DataError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

describe('readTable JSON', () => {
  test('array of records; nested objects become columns named by their path, arrays JSON text', async () => {
    const r = await read('[{"a":1,"b":"x","c":{"k":[1,2]}},{"a":2.5,"b":null,"d":true},{"a":null,"b":"y","d":false}]', 'r.json');
    expect(r.meta.format).toBe('json');
    expect(r.table.columns.map((c) => [c.name, c.type])).toEqual([['a', 'float'], ['b', 'identifier'], ['c.k', 'categorical'], ['d', 'boolean']]);
    expect(cellText(col(r, 'c.k'), 0)).toBe('[1,2]');
    expect(r.warnings.find((w) => w.code === 'json-flattened')?.message).toBe('Nested fields of "r.json" became a column named by their path ("c.k"). Scoring requests may send them under those names or nested, as in the file.');
    expect(cellValue(col(r, 'd'), 1)).toBe(true);
    expect(cellValue(col(r, 'a'), 2)).toBeNull();
  });
  test('NDJSON, by extension and by sniffing', async () => {
    for (const name of ['r.ndjson', 'r.jsonl', 'r.json', 'r.txt']) {
      const r = await read('{"a":1,"t":"2024-01-02"}\n\n{"a":2,"t":"2024-01-03"}\n', name);
      expect(r.meta.format).toBe('ndjson');
      expect(r.table.rowCount).toBe(2);
      expect(cellValue(col(r, 't'), 1)).toBe(Date.UTC(2024, 0, 3));
    }
  });
  test('a JSON that is not records names what it found', async () => {
    const e = await dataError(read('{"a": 1, "b": [{"x": 1}]}', 'obj.json'));
    expect(e.message).toContain("The JSON's top level is an object with keys a, b; expected an array of records");
    expect(e.message).toContain('"b"');
    expect((await dataError(read('[1, 2]', 'nums.json'))).message).toContain('Element 1 of "nums.json" is a number');
    expect((await dataError(read('[{"a":1},', 'cut.json'))).message).toContain('cut.json');
  });
  test('deeply nested JSON is refused without hanging or overflowing', async () => {
    const depth = 1_000_000;
    const e = await dataError(read('['.repeat(depth) + ']'.repeat(depth), 'laughs.json'));
    expect(e.message).toContain('laughs.json');
    const e2 = await dataError(read('{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}\n', 'deep.ndjson'));
    expect(e2.details.row).toBe(1);
  });
  test('nested objects flatten four levels deep, deeper ones stay JSON text; the same path in any record is one column', async () => {
    const r = await read('{"u":{"age":30,"geo":{"c":"DE","p":{"q":{"r":{"s":1}}}}}}\n{"u":{"age":41,"geo":{"c":"FR"}},"v":2}\n', 'n.ndjson');
    expect(r.table.columns.map((c) => c.name)).toEqual(['u.age', 'u.geo.c', 'u.geo.p.q.r', 'v']);
    expect(cellText(col(r, 'u.geo.p.q.r'), 0)).toBe('{"s":1}');
    expect([0, 1].map((i) => cellValue(col(r, 'u.age'), i))).toEqual([30, 41]);
    expect(cellValue(col(r, 'u.geo.p.q.r'), 1)).toBeNull();
  });
  test('__proto__ keys are ordinary columns', async () => {
    const r = await read('[{"__proto__": 1, "constructor": "x"}, {"__proto__": 2, "constructor": "y"}]', 'p.json');
    expect(r.table.columns.map((c) => c.name)).toEqual(['__proto__', 'constructor']);
    expect(cellValue(col(r, '__proto__'), 1)).toBe(2);
  });
});

describe('readTable Parquet', () => {
  const bytes = new Uint8Array(readFileSync(join(fixtures, 'small.parquet')));
  /** Expected cells from DuckDB (small.parquet.json, written by make-parquet.mjs). */
  const expected = JSON.parse(readFileSync(join(fixtures, 'small.parquet.json'), 'utf8')).rows as Record<string, unknown>[];
  test('reads columns with types and values as DuckDB wrote them', async () => {
    const r = await read(bytes, 'small.parquet');
    expect(r.meta.format).toBe('parquet');
    expect(r.table.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'], ['x', 'float'], ['flag', 'boolean'], ['day', 'datetime'], ['ts', 'datetime'], ['origin', 'categorical'], ['big', 'integer'],
    ]);
    const rows = Array.from({ length: r.table.rowCount }, (_, i) => Object.fromEntries(r.table.columns.map((c) => [c.name, cellValue(c, i)])));
    const want = expected.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v])));
    expect(rows).toEqual(want);
  });
  test('typeOverrides retype Parquet columns as for CSV, counting values that do not fit', async () => {
    const r = await readTable(memorySource(bytes, 'small.parquet'), { typeOverrides: { id: 'categorical', origin: 'integer', x: 'integer' } });
    expect(r.table.columns.slice(0, 2).map((c) => [c.name, c.type, c.inferredType])).toEqual([['id', 'categorical', 'integer'], ['x', 'integer', 'float']]);
    expect(cellText(col(r, 'id'), 3)).toBe('4');
    expect(r.warnings.filter((w) => w.code === 'type-override').map((w) => [w.column, w.count])).toEqual([['x', 2], ['origin', 3]]);
  });
  test('sniffed without an extension', async () => {
    expect(detectFormat('blob', bytes.subarray(0, 16))).toBe('parquet');
  });
  test('truncated or corrupted footer is a DataError naming the file and footer', async () => {
    for (const broken of [bytes.subarray(0, bytes.length - 10), bytes.subarray(0, 8), Uint8Array.from([...bytes.subarray(0, bytes.length - 12), 1, 2, 3, 4, 5, 6, 7, 8, ...bytes.subarray(bytes.length - 4)])]) {
      const e = await dataError(read(broken, 'cut.parquet'));
      expect(e.message).toContain('cut.parquet');
      expect(e.message).toContain('footer');
    }
  });
});

describe('Arrow IPC', () => {
  const source = parseCsv('n,f,b,d,s,t\n1,1.5,yes,2024-03-15 14:25,ORD,the quick brown fox\n,NA,no,,LAX,jumps over it\n3,2,,2024-01-01,,\n');
  test('round trip keeps names, types, formats and cells', () => {
    const back = tableFromArrowIPC(tableToArrowIPC(source.table), 'data.csv');
    expect(back).toEqual({ ...source.table, columns: source.table.columns.map(({ shapes: _, ...c }) => c) });
  });
  test('readTable reads .arrow files', async () => {
    const r = await read(tableToArrowIPC(source.table), 'x.arrow');
    expect(r.meta.format).toBe('arrow');
    expect(cellText(col(r, 'd'), 0)).toBe('2024-03-15T14:25Z');
  });
  test('datetimes for people read as the file wrote them, in the one date format (UTC, no T or Z)', () => {
    const d = source.table.columns.find((c) => c.name === 'd')!;
    expect([cellWords(d, 0), cellWords(d, 1), cellWords(d, 2)]).toEqual(['2024-03-15 14:25', '', '2024-01-01']);
    expect(cellWords(source.table.columns.find((c) => c.name === 's')!, 0)).toBe('ORD');
    expect(datetimeWords(Date.UTC(2024, 1, 29, 23, 59, 7, 250))).toBe('2024-02-29 23:59:07.250');
    expect(datetimeWords(NaN)).toBe('');
  });
  test('numbers for people keep every digit, with thousands separators and a true minus; years stay plain', () => {
    const t = parseCsv('amount,ratio,year,model_year,n\n1234567.891,-0.5,2014,1999,-12345\n,1e21,,2001,7\n').table;
    const words = (name: string, row: number) => cellWords(t.columns.find((c) => c.name === name)!, row);
    expect([words('amount', 0), words('amount', 1)]).toEqual(['1,234,567.891', '']);
    expect([words('ratio', 0), words('ratio', 1)]).toEqual(['−0.5', '1e+21']);
    expect([words('year', 0), words('model_year', 1)]).toEqual(['2014', '2001']);
    expect([words('n', 0), words('n', 1)]).toEqual(['−12,345', '7']);
  });
  test('garbage .arrow is a DataError', async () => {
    expect((await dataError(read(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), 'bad.arrow'))).message).toContain('bad.arrow');
  });
});

describe('table helpers', () => {
  const { table } = parseCsv('a,b\n1,x\n2,y\n3,z\n');
  test('tableTransferables lists each buffer once', () => {
    expect(tableTransferables(table).length).toBe(2);
  });
  test('readTable rejects an empty file', async () => {
    expect((await dataError(read(new Uint8Array(0), 'e.json'))).message).toContain('e.json');
  });
});
