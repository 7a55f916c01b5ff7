/** A gzip-compressed file reads as the file inside, on one thread or two; a cut-short one is named with what to do. */
import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, test } from 'vitest';
import { blobSource, DataError, ingestService, memorySource, parseFilePart, readTable } from '../../../../src/core/table';
import { innerName } from '../../../../src/core/table/gunzip';

const csv = 'day,tip,smoker\n' + Array.from({ length: 20_000 }, (_, i) => `${['Thu', 'Fri', 'Sat'][i % 3]},${(1 + (i % 50) / 10).toFixed(2)},${i % 2 ? 'Yes' : 'No'}`).join('\n') + '\n';
const gz = gzipSync(strToU8(csv));

describe('gzip-compressed files', () => {
  test('a .csv.gz reads as its CSV, named without .gz', async () => {
    const r = await readTable(memorySource(gz, 'tips.csv.gz'));
    const plain = await readTable(memorySource(csv, 'tips.csv'));
    expect(r.table).toEqual(plain.table);
    expect(r.meta.fileName).toBe('tips.csv');
  });

  test('a .json.gz reads as JSON; the studio’s two-thread load reads a .gz like the plain file', async () => {
    const json = await readTable(memorySource(gzipSync(strToU8('[{"a":1,"b":"x"},{"a":2,"b":"y"}]')), 'rows.json.gz'));
    expect(json.table.rowCount).toBe(2);
    expect(json.meta.format).toBe('json');
    const service = ingestService(() => parseFilePart, 1);
    const loaded = await service.load(new File([gz], 'tips.csv.gz'), { chunkBytes: 40_000 });
    expect(loaded.table).toEqual((await readTable(blobSource(new File([csv], 'tips.csv'), 'tips.csv'))).table);
  });

  test('progress covers the compressed bytes, then the file inside, each of its own size', async () => {
    const seen: { bytes: number; totalBytes: number }[] = [];
    await readTable(memorySource(gz, 'tips.csv.gz'), {}, { onProgress: (p) => seen.push({ bytes: p.bytes, totalBytes: p.totalBytes }) });
    const inflating = seen.filter((p) => p.totalBytes === gz.length);
    expect(inflating.at(-1)).toEqual({ bytes: gz.length, totalBytes: gz.length });
    expect(seen.at(-1)).toMatchObject({ totalBytes: strToU8(csv).length, bytes: strToU8(csv).length });
    expect(seen.indexOf(inflating.at(-1)!)).toBeLessThan(seen.length - 1);
  });

  test('a file cut short is a DataError naming it and what to do', async () => {
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    const error = await readTable(memorySource(cut, 'tips.csv.gz')).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/^"tips\.csv\.gz" is gzip-compressed but does not decompress \(.+\): it may be cut short\. Download or copy it again/);
    expect(error.details).toMatchObject({ file: 'tips.csv.gz', code: 'bad-gzip' });
  });

  test('the inner name drops .gz (and .gzip), and a .tgz is a tar', () => {
    expect(['a.csv.gz', 'b.json.GZ', 'c.gzip', 'd.tgz', 'plain.csv'].map(innerName)).toEqual(['a.csv', 'b.json', 'c', 'd.tar', 'plain.csv']);
  });
});
