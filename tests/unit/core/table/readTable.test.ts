import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { describe, expect, test } from 'vitest';
import { cellValue, memorySource, readTable, type ReadProgress } from '../../../../src/core/table';

describe('readTable hooks', () => {
  const text = 'a,b\n' + Array.from({ length: 5000 }, (_, i) => `${i},v${i % 9}`).join('\n');
  test('an aborted signal rejects with AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readTable(memorySource(text, 'x.csv'), {}, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
  test('progress reports bytes and rows, ending at the total', async () => {
    const seen: ReadProgress[] = [];
    await readTable(memorySource(text, 'x.csv'), { chunkBytes: 4096 }, { onProgress: (p) => seen.push(p) });
    const last = seen[seen.length - 1];
    expect(last).toEqual({ bytes: text.length, totalBytes: text.length, rows: 5000 });
    expect(seen.every((p, i) => i === 0 || p.bytes >= seen[i - 1].bytes)).toBe(true);
  });
  test('explicit format and delimiter options win over sniffing', async () => {
    const r = await readTable(memorySource('a;b\n1;2\n', 'weird.dat'), { format: 'csv', delimiter: ';' });
    expect(r.table.columns.map((c) => c.name)).toEqual(['a', 'b']);
  });
});

describe('readTable Arrow file format', () => {
  test('reads Arrow IPC file format written by flechette', async () => {
    const bytes = tableToIPC(tableFromArrays({ x: Float64Array.of(1.5, 2), s: ['p', null], n: Int32Array.of(3, 4) }), { format: 'file' })!;
    const r = await readTable(memorySource(bytes, 'f.arrow'));
    expect(r.table.columns.map((c) => [c.name, c.type])).toEqual([['x', 'float'], ['s', 'categorical'], ['n', 'integer']]);
    expect(cellValue(r.table.columns[1], 1)).toBeNull();
    expect(cellValue(r.table.columns[2], 1)).toBe(4);
  });
});
