import { describe, expect, test } from 'vitest';
import {
  fromErrorPayload, memorySource, parseCsvPart, readCsv, runAsync, splitParser, toErrorPayload, DataError, type ByteSource, type RemotePartRunner,
} from '../../../../src/core/table';

/** A "remote" runner that parses in this thread, as the parse worker would. */
const localRunner = (source: ByteSource): RemotePartRunner => (plan, start, stop, onProgress) =>
  runAsync(parseCsvPart(plan, start, stop, { onProgress: (p) => onProgress(p.bytes, p.rows) }), source);

async function both(text: string) {
  const source = memorySource(text, 's.csv');
  const single = await readCsv(source, { chunkBytes: 64 });
  const split = await readCsv(source, { chunkBytes: 64 }, {}, splitParser(localRunner(source), 1));
  return { single, split };
}

describe('splitParser', () => {
  test('two halves merge into the single-thread table (dictionaries remapped, ragged rows renumbered)', async () => {
    const rows = ['a,b,c'];
    for (let i = 0; i < 400; i++) rows.push(i % 97 === 5 ? `${i},x${i % 7}` : `${i},x${(i * 3) % 11},2024-01-0${(i % 9) + 1}`);
    const { single, split } = await both(rows.join('\n'));
    expect(split.table).toEqual(single.table);
    expect(split.warnings).toEqual(single.warnings);
  });
  test('a newline inside quotes at the midpoint is detected and re-parsed from the true boundary', async () => {
    const head = 'a,b\n' + '1,short\n'.repeat(10);
    const quoted = '2,"' + 'line\n'.repeat(40) + '"\n';
    const text = head + quoted + '3,tail\n'.repeat(3);
    const { single, split } = await both(text);
    expect(split.table).toEqual(single.table);
    expect(split.table.rowCount).toBe(14);
  });
  test('errors cross a worker boundary as payloads and come back with their class', () => {
    const back = fromErrorPayload(toErrorPayload(new DataError('bad "x.csv" row 3', { file: 'x.csv', row: 3 })));
    expect(back).toBeInstanceOf(DataError);
    expect((back as DataError).details).toEqual({ file: 'x.csv', row: 3 });
    expect(fromErrorPayload(toErrorPayload(new DOMException('stop', 'AbortError'))).name).toBe('AbortError');
  });
});
