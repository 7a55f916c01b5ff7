import { describe, expect, test } from 'vitest';
import {
  blobSource, cellText, DataError, ingestService, parseFilePart, readTable, type PartWorker,
} from '../../../../src/core/table';

/** The nested parse worker's job, run in this thread. */
const localPartWorker: PartWorker = parseFilePart;

function flights(rows: number): string {
  const lines = ['date,delay,origin'];
  for (let i = 0; i < rows; i++) lines.push(`2024-03-${String((i % 28) + 1).padStart(2, '0')} 14:25,${(i % 50) - 10},${['ORD', 'LAX', '"SF,O"'][i % 3]}`);
  return lines.join('\n') + '\n';
}

describe('ingestService', () => {
  const text = flights(30_000);
  const file = new File([text], 'flights.csv');

  test('a split load (two parts) equals the single-thread read', async () => {
    const starts: number[] = [];
    const counting: PartWorker = (f, plan, start, ...rest) => (starts.push(start), localPartWorker(f, plan, start, ...rest));
    const service = ingestService(() => counting, 1);
    const split = await service.load(file, { chunkBytes: 50_000 });
    expect(starts.length).toBe(1);
    expect(starts[0]).toBeGreaterThan(text.length / 2 - 100);
    const single = await readTable(blobSource(file, 'flights.csv'));
    expect(split.table).toEqual(single.table);
    expect(split.table.rowCount).toBe(30_000);
    expect(cellText(split.table.columns[2], 2)).toBe('SF,O');
  });

  test('retype re-reads the last file with new overrides', async () => {
    const service = ingestService(null);
    await expect(service.retype({})).rejects.toThrow(/load a file/);
    await service.load(new File(['a,b\n1,x\n2,y\n'], 'small.csv'), {});
    const again = await service.retype({ a: 'float', b: 'text' });
    expect(again.table.columns.map((c) => c.type)).toEqual(['float', 'text']);
  });

  test('errors from a part come back as DataErrors', async () => {
    const service = ingestService(() => localPartWorker, 1);
    const bad = new File([new Uint8Array(1 << 16).map((_, i) => (i * 31) % 256)], 'noise.csv');
    await expect(service.load(bad, {})).rejects.toBeInstanceOf(DataError);
  });
});

describe('readTable restarts across chunks', () => {
  test('invalid UTF-8 after the first chunks switches the whole file to windows-1252', async () => {
    const head = new TextEncoder().encode('name,n\n' + 'café,1\n'.repeat(5000));
    const tail = Uint8Array.of(0x4d, 0xe9, 0x78, 0x2c, 0x32, 0x0a);
    const bytes = new Uint8Array(head.length + tail.length);
    bytes.set(head);
    bytes.set(tail, head.length);
    const r = await readTable(blobSource(new Blob([bytes]), 'mixed.csv'), { chunkBytes: 4096 });
    expect(r.meta.encoding).toBe('windows-1252');
    expect(cellText(r.table.columns[0], 5000)).toBe('Méx');
    expect(cellText(r.table.columns[0], 0)).toBe('cafÃ©');
  });
  test('a late non-number widens the column to strings with every earlier value intact', async () => {
    const text = 'v\n' + Array.from({ length: 80_000 }, (_, i) => String(i)).join('\n') + '\nn/a?\n';
    const r = await readTable(blobSource(new Blob([text]), 'late.csv'), { chunkBytes: 1000 });
    const v = r.table.columns[0];
    expect(v.type).toBe('identifier');
    expect([cellText(v, 0), cellText(v, 79_999), cellText(v, 80_000)]).toEqual(['0', '79999', 'n/a?']);
  });
});
