import { describe, expect, test } from 'vitest';
import { memorySource, readCsv, readTable, recyclingBlobSource, runAsync, type ByteSource } from '../../../../src/core/table';
import type { Steps } from '../../../../src/core/table/readSteps';

const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
const blob = new Blob([bytes]);

describe('recyclingBlobSource', () => {
  test('forward reads that release spent chunks get the right bytes in reused memory', async () => {
    const source = recyclingBlobSource(blob, 'b');
    const chunks: Uint8Array[] = [];
    for (let start = 0; start < bytes.length; start += 1_024) {
      const chunk = await source.read(start, start + 1_024);
      expect(Array.from(chunk)).toEqual(Array.from(bytes.subarray(start, Math.min(bytes.length, start + 1_024))));
      chunks.push(chunk);
      // The reader is done with the chunk before last, as the CSV parser is.
      if (chunks.length >= 2) source.release!(chunks[chunks.length - 2]);
    }
    // A released chunk's memory was refilled: its old view was detached when the stream took it.
    expect(chunks.slice(0, 5).some((c) => c.length === 0)).toBe(true);
  });

  test('random reads and reads after a jump still match the blob', async () => {
    const source = recyclingBlobSource(blob, 'b');
    const first = await source.read(5_000, 6_000);
    source.release!(first);
    for (const [a, b] of [[100, 900], [9_500, 12_000], [0, 1], [4_000, 4_999], [4_999, 5_990]]) {
      const got = await source.read(a, b);
      expect(Array.from(got)).toEqual(Array.from(bytes.subarray(a, b)));
      source.release!(got);
    }
    // Bytes it did not make are never taken: releasing them changes nothing.
    const foreign = new Uint8Array(2_000);
    source.release!(foreign);
    await source.read(0, 2_000);
    expect(foreign.length).toBe(2_000);
  });

  test('a CSV read through it equals the same CSV read from memory, for several chunk sizes', async () => {
    const text = 'id,name,v\n' + Array.from({ length: 3_000 }, (_, i) => `${i},"n ""${i % 13}"", x",${i % 5 === 0 ? '' : (i / 7).toFixed(3)}`).join('\n') + '\n';
    const file = new Blob([text]);
    const expected = await readTable(memorySource(text, 'c.csv'));
    for (const chunkBytes of [64, 1_000, 1 << 20]) {
      const got = await readCsv(recyclingBlobSource(file, 'c.csv'), { chunkBytes });
      expect(got.table).toEqual(expected.table);
    }
  });

  test('runAsync hands released chunks back to the source', async () => {
    const released: Uint8Array[] = [];
    const source: ByteSource = { ...memorySource(bytes, 'm'), release: (b) => released.push(b) };
    function* steps(): Steps<number> {
      const a = yield { start: 0, end: 10 };
      const b = yield { start: 10, end: 20, release: a };
      return b.length;
    }
    expect(await runAsync(steps(), source)).toBe(10);
    expect(released).toHaveLength(1);
    expect(Array.from(released[0])).toEqual(Array.from(bytes.subarray(0, 10)));
  });
});
