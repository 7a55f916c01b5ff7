/** Numbers written with a decimal comma (European spreadsheets' semicolon- and tab-separated files) are numbers. */
import { describe, expect, test } from 'vitest';
import { cellValue, memorySource, parseCsv, parseCsvPart, readCsv, runAsync, splitParser, streamTable, type ByteSource, type ReadResult, type RemotePartRunner } from '../../../../src/core/table';
import { parseCommaNumber } from '../../../../src/core/table/parseCommaNumber';
import { lastNumberWasInteger, parseNumber } from '../../../../src/core/table/parseNumber';

const bytes = (s: string) => new TextEncoder().encode(s);
const read = (s: string) => {
  const b = bytes(s);
  return parseCommaNumber(b, 0, b.length);
};
const col = (r: ReadResult, name: string) => r.table.columns.find((c) => c.name === name)!;
const values = (r: ReadResult, name: string) => Array.from({ length: r.table.rowCount }, (_, i) => cellValue(col(r, name), i));

describe('parseCommaNumber', () => {
  test('reads a decimal comma and thousands points to the double of the point-decimal spelling', () => {
    const cases: [string, string][] = [
      ['12,5', '12.5'], ['-1.234.567,89', '-1234567.89'], ['1234', '1234'], ['1.234', '1234'], ['0,1', '0.1'], ['+3,25', '+3.25'],
      ['  7,125 ', '7.125'], ['123.456,000001', '123456.000001'], ['0', '0'], ['9.007.199.254.740.993', '9007199254740993'],
    ];
    for (const [comma, point] of cases) {
      const b = bytes(point);
      const expected = parseNumber(b, 0, b.length);
      const wasInteger = lastNumberWasInteger;
      expect(Object.is(read(comma), expected), comma).toBe(true);
      expect(lastNumberWasInteger, comma).toBe(wasInteger);
    }
  });
  test('anything else is not such a number', () => {
    for (const text of ['', ',5', '5,', '1.5', '12.34,5', '1.2345', '1234.567', '.123', '1..234', '1,2,3', '1,5e3', '08,5', '0.123,5', 'abc', '1,5 €', '- 1,5', '1.234,', '1 234,5']) {
      expect(read(text), text).toBeNaN();
    }
  });
});

describe('CSV columns with a decimal comma', () => {
  const eu = ['Datum;Preis;Menge;Code', '01.02.2023;1.234,56;3;1,5', '15.03.2023;12,5;10;2,25', '20.04.2023;7;1;x', '21.04.2023;;2;3'].join('\n');

  test('a semicolon-separated file reads them as numbers, says so, and leaves mixed or integer columns alone', () => {
    const r = parseCsv(eu);
    expect(col(r, 'Preis').type).toBe('float');
    expect(values(r, 'Preis')).toEqual([1234.56, 12.5, 7, null]);
    expect(col(r, 'Menge').type).toBe('integer');
    expect(col(r, 'Code').type).not.toBe('float');
    expect(col(r, 'Datum').type).toBe('datetime');
    const w = r.warnings.find((x) => x.code === 'decimal-comma')!;
    expect(w.column).toBe('Preis');
    expect(w.message).toBe('Column "Preis" has numbers written the European way (like 1.234,5 for 1234.5), so it was read as numbers. If a column holds codes rather than amounts, set its type to text.');
  });

  test('tab-separated too; points alone stay decimals, and "1.5" beside "2,5" is text', () => {
    const r = parseCsv('a\tb\tc\n1,5\t1.5\t1.5\n2\t2.25\t2,5\n', { delimiter: '\t' });
    expect(values(r, 'a')).toEqual([1.5, 2]);
    expect(values(r, 'b')).toEqual([1.5, 2.25]);
    expect(col(r, 'c').type).not.toBe('float');
    expect(r.warnings.find((x) => x.code === 'decimal-comma')?.column).toBe('a');
  });

  test('"1,234" could be US thousands: with tabs it takes a value no US number reads ("1,5") to decide; with semicolons it is a decimal', () => {
    const us = parseCsv('a\tb\n1,234\tx\n12,500\ty\n999\tz\n', { delimiter: '\t' });
    expect(values(us, 'a')).toEqual([1234, 12500, 999]);
    expect(us.warnings.some((x) => x.code === 'decimal-comma')).toBe(false);
    expect(us.warnings.find((x) => x.code === 'decorated-numbers')?.message).toContain('"1,234" is 1234');
    expect(values(parseCsv('a\tb\n1,234\tx\n1,5\ty\n', { delimiter: '\t' }), 'a')).toEqual([1.234, 1.5]);
    expect(values(parseCsv('a;b\n1,234;x\n12,500;y\n999;z\n'), 'a')).toEqual([1.234, 12.5, 999]);
  });

  test('points between thousands alone make whole numbers, the same for every reader', async () => {
    const text = 'a;b\n1.234.567;x\n2.345;y\n999;z\n';
    const whole = parseCsv(text);
    expect(col(whole, 'a').type).toBe('integer');
    expect(values(whole, 'a')).toEqual([1234567, 2345, 999]);
    const types: string[] = [];
    await streamTable(memorySource(text, 's.csv'), {}, async (batch) => void types.push(batch.columns[0].type));
    expect(types).toEqual(['integer']);
  });

  test('in a comma-separated file a quoted "1,234" is not read as a decimal', () => {
    const r = parseCsv('x,y\n"1,234",1\n"2,5",2\n');
    expect(col(r, 'x').type).not.toBe('float');
    expect(r.warnings.some((x) => x.code === 'decimal-comma')).toBe(false);
  });

  test('a forced number type reads the decimal comma; a value past the sample that does not fit makes the column text', () => {
    const forced = parseCsv('a;b\n1,5;x\n2,5;y\n', { typeOverrides: { a: 'float' } });
    expect(values(forced, 'a')).toEqual([1.5, 2.5]);
    const late = parseCsv(['a;b', ...Array.from({ length: 70_000 }, (_, i) => `${i},5;${i}`), '1.5;0'].join('\n'));
    expect(col(late, 'a').type).not.toBe('float');
    expect(late.table.rowCount).toBe(70_001);
  });

  test('two threads and the streaming reader read the same numbers as one', async () => {
    const lines = ['p;q'];
    const expected: number[] = [];
    for (let i = 0; i < 300; i++) {
      const [thousands, units, cents] = [1 + ((i * 37) % 999), String((i * 7) % 1000).padStart(3, '0'), i % 100];
      lines.push(`${thousands}.${units},${cents};${i}`);
      expected.push(Number(`${thousands}${units}.${cents}`));
    }
    const source = memorySource(lines.join('\n'), 's.csv');
    const local = (s: ByteSource): RemotePartRunner => (plan, start, stop, onProgress) => runAsync(parseCsvPart(plan, start, stop, { onProgress: (p) => onProgress(p.bytes, p.rows) }), s);
    const single = await readCsv(source, { chunkBytes: 64 });
    const split = await readCsv(source, { chunkBytes: 64 }, {}, splitParser(local(source), 1));
    expect(split.table).toEqual(single.table);
    expect(values(single, 'p')).toEqual(expected);
    const streamed: number[] = [];
    await streamTable(source, { chunkBytes: 256 }, async (batch) => {
      const p = batch.columns.find((c) => c.name === 'p')!;
      for (let i = 0; i < batch.rowCount; i++) streamed.push(cellValue(p, i) as number);
    });
    expect(streamed).toEqual(values(single, 'p'));
  });
});
