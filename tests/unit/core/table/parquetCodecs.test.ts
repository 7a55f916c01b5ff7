/**
 * Parquet files written by DuckDB (tests/fixtures/table/make-parquet-codecs.mjs) with every
 * compression codec it offers read back to the cells DuckDB reports; failures that are the reader's
 * limits are worded as unsupported, not as a damaged file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { describe, expect, test } from 'vitest';
import { cellValue, DataError, memorySource, readTable } from '../../../../src/core/table';
import { parquetReadError } from '../../../../src/core/table/parquetError';

const fixtures = join(process.cwd(), 'tests/fixtures/table');
const expected = JSON.parse(readFileSync(join(fixtures, 'codecs.parquet.json'), 'utf8')) as { codecs: Record<string, string[]>; rows: Record<string, unknown>[] };
const want = expected.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v])));

describe('Parquet compression codecs', () => {
  test.each(Object.entries(expected.codecs))('%s pages (%s) read as DuckDB wrote them', async (codec) => {
    const bytes = new Uint8Array(readFileSync(join(fixtures, `codec-${codec}.parquet`)));
    const { table } = await readTable(memorySource(bytes, `codec-${codec}.parquet`));
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'], ['x', 'float'], ['flag', 'boolean'], ['day', 'datetime'], ['origin', 'categorical'], ['note', 'categorical'],
    ]);
    const rows = Array.from({ length: table.rowCount }, (_, i) => Object.fromEntries(table.columns.map((c) => [c.name, cellValue(c, i)])));
    expect(rows).toEqual(want);
  });

  test('every codec the fixtures claim is really in their files', () => {
    expect(Object.values(expected.codecs).flat().sort()).toEqual(['BROTLI', 'GZIP', 'LZ4_RAW', 'SNAPPY', 'UNCOMPRESSED', 'ZSTD']);
  });

  test('a bit flipped inside a ZSTD page is a damaged file, named, with the remedy', async () => {
    const bytes = new Uint8Array(readFileSync(join(fixtures, 'codec-zstd.parquet')));
    const broken = bytes.slice();
    for (let i = 40; i < 200; i += 7) broken[i] ^= 0xff;
    const e = await readTable(memorySource(broken, 'flip.parquet')).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toMatch(/^"flip\.parquet" has a damaged data page \(.+\)\. The file may be truncated or corrupted; export it again\.$/);
  });
});

describe('parquetReadError words hyparquet failures', () => {
  const thrown = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    throw new Error('expected a throw');
  };
  test('a codec without a decompressor is unsupported, naming it and what to do', () => {
    const e = parquetReadError('old.parquet', thrown(() => decompressPage(new Uint8Array(4), 8, 'LZO', undefined)));
    expect(e.message).toBe('"old.parquet" is compressed with LZO, which Modelbench cannot read yet. Save it again with another compression (Snappy, ZSTD, GZIP, Brotli, LZ4, no compression), or as CSV or Arrow.');
    expect(e.details).toEqual({ file: 'old.parquet', code: 'parquet-unsupported' });
  });
  test('an unknown encoding or type is an unsupported feature, not damage', () => {
    const e = parquetReadError('x.parquet', new Error('parquet unsupported encoding: BYTE_STREAM_SPLIT'));
    expect(e.message).toBe('"x.parquet" uses a Parquet feature Modelbench cannot read yet (unsupported encoding: BYTE_STREAM_SPLIT). Save it again with plain column types and default writer settings, or as CSV or Arrow.');
    expect(parquetReadError('x.parquet', new Error('parquet interval not supported')).details.code).toBe('parquet-unsupported');
  });
  test('anything else blames the file', () => {
    expect(parquetReadError('x.parquet', new Error('parquet decompressed page length 3 does not match header 8')).details.code).toBe('parquet-data');
  });
});
