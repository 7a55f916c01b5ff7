/** Numbers formatted for people ("$1,234.50", "12.5%", "(12)") are numbers, as spreadsheets export them. */
import { describe, expect, test } from 'vitest';
import { cellValue, memorySource, parseCsv, parseCsvPart, readCsv, readTable, runAsync, splitParser, streamTable, type ByteSource, type ReadResult, type RemotePartRunner } from '../../../../src/core/table';
import { CURRENCY, lastDecorations, MINUS_SIGN, parseDecoratedNumber, PARENTHESES, PERCENT, THOUSANDS } from '../../../../src/core/table/parseDecoratedNumber';
import { lastNumberWasInteger, parseNumber } from '../../../../src/core/table/parseNumber';

const bytes = (s: string) => new TextEncoder().encode(s);
const read = (s: string, comma = false) => {
  const b = bytes(s);
  return parseDecoratedNumber(b, 0, b.length, comma);
};
const col = (r: ReadResult, name: string) => r.table.columns.find((c) => c.name === name)!;
const values = (r: ReadResult, name: string) => Array.from({ length: r.table.rowCount }, (_, i) => cellValue(col(r, name), i));

describe('parseDecoratedNumber', () => {
  test('reads signs, symbols and thousands to the double of the plain spelling, and says which it saw', () => {
    const cases: [string, string, number][] = [
      ['$1,234.50', '1234.50', CURRENCY | THOUSANDS], ['-$1,234.50', '-1234.50', CURRENCY | THOUSANDS], ['$-5', '-5', CURRENCY], ['$ 5', '5', CURRENCY],
      ['12.5%', '12.5', PERCENT], ['25 %', '25', PERCENT], ['1,234,567', '1234567', THOUSANDS], ['(1,234.00)', '-1234.00', PARENTHESES | THOUSANDS],
      ['($12)', '-12', PARENTHESES | CURRENCY], ['12 €', '12', CURRENCY], ['€12', '12', CURRENCY], ['£3.5', '3.5', CURRENCY], ['¥1,000', '1000', CURRENCY | THOUSANDS],
      ['12\u00a0€', '12', CURRENCY], [' $0.99 ', '0.99', CURRENCY],
    ];
    for (const [text, plain, marks] of cases) {
      const b = bytes(plain);
      const expected = parseNumber(b, 0, b.length);
      const wasInteger = lastNumberWasInteger;
      expect(Object.is(read(text), expected), text).toBe(true);
      expect(lastDecorations, text).toBe(marks);
      expect(lastNumberWasInteger, text).toBe(wasInteger);
    }
  });
  test('with a decimal comma', () => {
    expect([read('12,50 €', true), read('1.234,56 €', true), read('€ -3,5', true), read('12,5 %', true)]).toEqual([12.5, 1234.56, -3.5, 12.5]);
  });
  test('the Windows-1252 euro, pound and yen bytes, but never the tail of a UTF-8 letter', () => {
    expect(parseDecoratedNumber(Uint8Array.of(0x80, 0x31, 0x32), 0, 3, false)).toBe(12);
    expect(parseDecoratedNumber(Uint8Array.of(0x31, 0x32, 0xa3), 0, 3, false)).toBe(12);
    expect(read('12ã')).toBeNaN();
  });
  test('anything else, and plain numbers, are not such numbers', () => {
    for (const text of ['abc', '1,5', '0,123', '$', '%', '$5%', '1,23', '12,345.6.7', '(-5)', '--5', '$007', '5', '1234', '1,2345', '$$5', '5$5', '(5', 'USD', '12 % off']) {
      expect(read(text), text).toBeNaN();
    }
  });
});

describe('columns of formatted numbers', () => {
  const csv = ['id,fee,discount,balance,code', '1,"$1,234.50",25%,"(1,200.00)",A1', '2,$19.99,12.5%,"3,400.00",B2', '3,,0%,0.00,C3', '4,"$12,000",5 %,-7.25,D4'].join('\n');

  test('a comma-separated file reads them as numbers and says how, once per kind of decoration', () => {
    const r = parseCsv(csv);
    expect(values(r, 'fee')).toEqual([1234.5, 19.99, null, 12000]);
    expect(values(r, 'discount')).toEqual([25, 12.5, 0, 5]);
    expect(values(r, 'balance')).toEqual([-1200, 3400, 0, -7.25]);
    expect(col(r, 'code').type).not.toBe('float');
    const w = r.warnings.filter((x) => x.code === 'decorated-numbers');
    expect(w.map((x) => x.column)).toEqual(['fee', 'discount', 'balance']);
    expect(w[0].message).toBe('Column "fee" has numbers written with a currency sign and commas between thousands, so it was read as numbers: "$12.50" is 12.5 and "1,234" is 1234. If a column holds codes rather than amounts, set its type to text.');
    expect(w[1].message).toContain('"12.5%" is 12.5');
  });

  test('whole numbers with thousands separators are integers; one value that is not a number keeps the column text', () => {
    const r = parseCsv('a,b\n"1,234",x\n"12,000",y\n999,z\n');
    expect(col(r, 'a').type).toBe('integer');
    expect(values(r, 'a')).toEqual([1234, 12000, 999]);
    expect(col(parseCsv('a,b\n$5,x\n$6,y\nfree,z\n'), 'a').type).not.toBe('float');
    expect(col(parseCsv('a,b\n$5,x\n$6,y\nfree,z\n'), 'a').type).not.toBe('integer');
  });

  test('a semicolon-separated file reads "12,50 €" with its decimal comma', () => {
    const r = parseCsv('Preis;Rabatt;n\n12,50 €;10 %;1\n1.234,00 €;12,5 %;2\n');
    expect(values(r, 'Preis')).toEqual([12.5, 1234]);
    expect(values(r, 'Rabatt')).toEqual([10, 12.5]);
    expect(r.warnings.find((x) => x.column === 'Preis')?.message).toContain('"12,50 €" is 12.5');
  });

  test('JSON strings too', async () => {
    const r = await readTable(memorySource(JSON.stringify([{ fee: '$1,200', share: '40%' }, { fee: '$80.50', share: '7.5%' }]), 'r.json'));
    expect(values(r, 'fee')).toEqual([1200, 80.5]);
    expect(values(r, 'share')).toEqual([40, 7.5]);
    expect(r.warnings.filter((x) => x.code === 'decorated-numbers').map((x) => x.column)).toEqual(['fee', 'share']);
  });

  test('a forced number type reads formatted values as well', () => {
    const r = parseCsv('a,b\nx,1\n"$1,000",2\n15%,3\n', { typeOverrides: { a: 'float' } });
    expect(values(r, 'a')).toEqual([null, 1000, 15]);
  });

  test('two threads and the streaming reader read the same numbers as one', async () => {
    const lines = ['amount,n'];
    const expected: number[] = [];
    for (let i = 0; i < 300; i++) {
      const dollars = 1 + ((i * 7919) % 99_999);
      lines.push(`"$${dollars.toLocaleString('en-US')}.${String(i % 100).padStart(2, '0')}",${i}`);
      expected.push(Number(`${dollars}.${String(i % 100).padStart(2, '0')}`));
    }
    const source = memorySource(lines.join('\n'), 'm.csv');
    const local = (s: ByteSource): RemotePartRunner => (plan, start, stop, onProgress) => runAsync(parseCsvPart(plan, start, stop, { onProgress: (p) => onProgress(p.bytes, p.rows) }), s);
    const single = await readCsv(source, { chunkBytes: 64 });
    const split = await readCsv(source, { chunkBytes: 64 }, {}, splitParser(local(source), 1));
    expect(split.table).toEqual(single.table);
    expect(values(single, 'amount')).toEqual(expected);
    const streamed: number[] = [];
    await streamTable(source, { chunkBytes: 256 }, async (batch) => {
      const a = batch.columns.find((c) => c.name === 'amount')!;
      for (let i = 0; i < batch.rowCount; i++) streamed.push(cellValue(a, i) as number);
    });
    expect(streamed).toEqual(expected);
  });
});

describe('spaces between thousands, with a decimal comma', () => {
  test('a space, a no-break space or a narrow no-break space between groups of three', () => {
    expect([read('1 234,56', true), read('1\u00a0234\u00a0567', true), read('12\u202f345,5 €', true), read('-1 234', true)]).toEqual([1234.56, 1234567, 12345.5, -1234]);
    expect(lastDecorations).toBe(THOUSANDS);
    for (const text of ['1 23,5', '12 3456', '1  234', '1 234 5']) expect(read(text, true), text).toBeNaN();
    expect(read('1 234.56')).toBeNaN();
  });
  test('a semicolon-separated file of them reads numbers and says so', () => {
    const r = parseCsv('Montant;n\n1 234,56;1\n12,5;2\n987 654;3\n');
    expect(values(r, 'Montant')).toEqual([1234.56, 12.5, 987654]);
    expect(r.warnings.find((x) => x.column === 'Montant')?.message).toBe('Column "Montant" has numbers written with a decimal comma and spaces between thousands, so it was read as numbers: "1 234,5" is 1234.5. If a column holds codes rather than amounts, set its type to text.');
  });
});

test('a column read with a decimal comma and a currency sign gets one warning, not two', () => {
  const r = parseCsv('Preis;n\n12,50 €;1\n1.234,00 €;2\n');
  expect(r.warnings.filter((x) => x.column === 'Preis').map((x) => x.message)).toEqual(['Column "Preis" has numbers written with a decimal comma and a currency sign, so it was read as numbers: "12,50 €" is 12.5. If a column holds codes rather than amounts, set its type to text.']);
});

describe('as spreadsheets and web pages write them', () => {
  test('the minus sign U+2212 is a minus, alone or beside a currency sign', () => {
    expect([read('−21'), read('−$1,200'), read('$−3.5'), read('− 4')]).toEqual([-21, -1200, -3.5, -4]);
    expect(read('−21')).toBe(-21);
    expect(lastDecorations).toBe(MINUS_SIGN);
    for (const text of ['−−5', '-−5', '(−5)', '−']) expect(read(text), text).toBeNaN();
    const r = parseCsv('temp,n\n−21,1\n9,2\n−0.5,3\n');
    expect(values(r, 'temp')).toEqual([-21, 9, -0.5]);
    expect(r.warnings.find((x) => x.column === 'temp')?.message).toContain('the minus sign "−", so it was read as numbers: "−12" is minus 12');
  });
  test("a spreadsheet's error values are missing values", () => {
    const r = parseCsv('score,n\n12.5,1\n#DIV/0!,2\n#N/A,3\n#VALUE!,4\n7,5\n');
    expect(col(r, 'score').type).toBe('float');
    expect(values(r, 'score')).toEqual([12.5, null, null, null, 7]);
  });
});

test('a tab-separated file of amounts with a decimal comma and a currency sign reads them with the comma', () => {
  const r = parseCsv('Preis\tn\n12,50 €\t1\n7,25 €\t2\n', { delimiter: '\t' });
  expect(values(r, 'Preis')).toEqual([12.5, 7.25]);
  expect(r.warnings.find((x) => x.column === 'Preis')?.message).toContain('a decimal comma and a currency sign');
});
