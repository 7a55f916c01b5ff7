/** Through the real reader: a codec with no decompressor is reported as unsupported, never as a damaged file. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { DataError, memorySource, readTable } from '../../../../src/core/table';

// As if the codec package lacked ZSTD (as the reader did before it used hyparquet-compressors).
vi.mock('hyparquet-compressors', () => ({ compressors: {} }));

test('a ZSTD file read without a ZSTD decompressor names the codec and the way around it', async () => {
  const bytes = new Uint8Array(readFileSync(join(process.cwd(), 'tests/fixtures/table/codec-zstd.parquet')));
  const e = await readTable(memorySource(bytes, 'polars.parquet')).then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DataError);
  expect((e as DataError).message).toBe('"polars.parquet" is compressed with ZSTD, which Modelbench cannot read yet. Save it again with another compression (Snappy, GZIP, Brotli, LZ4, no compression), or as CSV or Arrow.');
});
