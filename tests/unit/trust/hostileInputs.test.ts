import { describe, expect, test } from 'vitest';
import { cellText, DataError, isNumeric, memorySource, readTable, type ReadResult } from '../../../src/core/table';
import * as hostile from '../../fixtures/hostile/hostile';

/**
 * Every hostile file either loads into the table it describes or fails with a `DataError` whose
 * message names the file and says what to do. None may hang (vitest's timeout) or throw anything
 * else (a RangeError from deep recursion, a TypeError from a prototype key).
 */
async function read(file: hostile.HostileFile): Promise<ReadResult> {
  return readTable(memorySource(file.bytes, file.name));
}

async function readError(file: hostile.HostileFile): Promise<DataError> {
  const error = await read(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  expect((error as DataError).message).toContain(`"${file.name}"`);
  return error as DataError;
}

const names = (r: ReadResult) => r.table.columns.map((c) => c.name);
const cells = (r: ReadResult, column: number) => Array.from({ length: r.table.rowCount }, (_, i) => cellText(r.table.columns[column], i));

describe('header names that are special on JavaScript objects', () => {
  test('CSV: __proto__, constructor, prototype… are ordinary columns and pollute nothing', async () => {
    const result = await read(hostile.protoHeadersCsv());
    expect(names(result)).toEqual(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']);
    expect(cells(result, 0)).toEqual(['1', '6', '11']);
    expect(cells(result, 4)).toEqual(['5', '10', '15']);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
    expect(Object.prototype).not.toHaveProperty('1');
  });

  test('JSON: a "__proto__" key is read as data, not as the record prototype', async () => {
    const result = await read(hostile.protoHeadersJson());
    expect(names(result)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(cells(result, 0)).toEqual(['1', '2', '3']);
    expect(cells(result, 1)).toEqual(['c1', 'c2', 'c3']);
    expect(({} as Record<string, unknown>).prototype).toBeUndefined();
  });
});

describe('shapes at the edges', () => {
  test('one data row', async () => {
    const result = await read(hostile.oneRowCsv());
    expect(result.table.rowCount).toBe(1);
    expect(cells(result, 1)).toEqual(['x']);
  });

  test('zero data rows: an empty table and a warning that says so', async () => {
    const result = await read(hostile.zeroRowsCsv());
    expect(result.table.rowCount).toBe(0);
    expect(names(result)).toEqual(['a', 'b', 'c']);
    expect(result.warnings.map((w) => w.message).join(' ')).toMatch(/no data rows/);
  });

  test('10,000 columns', async () => {
    const result = await read(hostile.wideCsv(10_000, 20));
    expect(result.table.columns).toHaveLength(10_000);
    expect(result.table.rowCount).toBe(20);
    const last = result.table.columns[9_999];
    expect(last.name).toBe('c9999');
    expect(isNumeric(last) && last.values[19]).toBe((19 * 31 + 9_999) % 97);
  });

  test('a 50 MB single field is kept whole and the rows after it are intact', async () => {
    const file = hostile.hugeFieldCsv(50);
    const result = await read(file);
    expect(result.table.rowCount).toBe(3);
    expect(names(result)).toEqual(['id', 'text', 'score']);
    const text = cells(result, 1);
    expect(text[0].length).toBe(50 * 1024 * 1024);
    expect(text.slice(1)).toEqual(['short', 'tiny']);
    expect(cells(result, 2)).toEqual(['0.5', '0.25', '0.75']);
  });
});

describe('broken text', () => {
  test('a quote never closed: the rows before it load, and a warning names the line and the fix', async () => {
    const result = await read(hostile.unbalancedQuoteCsv());
    expect(cells(result, 1)[0]).toBe('ok');
    const warning = result.warnings.find((w) => w.code === 'unbalanced-quote');
    expect(warning?.message).toMatch(/line 3 of "unbalanced\.csv" is never closed.*Close or remove that quote/);
  });

  test('a tiny file dense with NUL bytes is refused as binary, with a remedy', async () => {
    const error = await readError(hostile.nulBytesCsv());
    expect(error.message).toMatch(/binary file.*export the data to CSV/);
  });

  test('one stray NUL byte in a large CSV loads; the byte stays in its cell', async () => {
    const result = await read(hostile.strayNulCsv());
    expect(result.table.rowCount).toBe(2000);
    expect(cells(result, 1)[1000]).toBe('bad\u0000name');
  });

  test('JSON nested 100,000 levels deep is refused without exhausting the stack', async () => {
    const error = await readError(hostile.deepJson(100_000));
    expect(error.message).toMatch(/nests arrays\/objects more than \d+ levels deep.*Flatten/);
  });

  test('a Parquet file whose footer is overwritten fails with a message about the footer', async () => {
    expect((await read(hostile.goodParquet())).table.rowCount).toBe(1000);
    const error = await readError(hostile.corruptFooterParquet());
    expect(error.message).toMatch(/not a readable Parquet file.*footer.*corrupted/);
  });
});
