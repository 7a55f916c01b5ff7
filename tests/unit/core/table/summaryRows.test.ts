/** A spreadsheet's totals row at the end of a CSV is left out, and said so, rather than read as one more row. */
import { describe, expect, test } from 'vitest';
import { cellValue, memorySource, parseCsv, parseCsvPart, readCsv, readTable, runAsync, splitParser, streamTable, type ByteSource, type ReadResult, type RemotePartRunner } from '../../../../src/core/table';

const col = (r: ReadResult, name: string) => r.table.columns.find((c) => c.name === name)!;
const values = (r: ReadResult, name: string) => Array.from({ length: r.table.rowCount }, (_, i) => cellValue(col(r, name), i));
const SALES = 'date,region,amount,units\n2024-01-03,North,"$1,200.50",3\n2024-01-04,South,$800.00,2\n2024-01-05,East,$99.50,1\n';

describe('a trailing totals row', () => {
  test('under dates is left out with a warning, and the dates stay dates', () => {
    const r = parseCsv(`${SALES}Total,,"$2,100.00",6\n\n`);
    expect(r.table.rowCount).toBe(3);
    expect(col(r, 'date').type).toBe('datetime');
    expect(values(r, 'units')).toEqual([3, 2, 1]);
    const w = r.warnings.find((x) => x.code === 'summary-row');
    expect(w?.column).toBe('date');
    expect(w?.message).toBe('The last row of "data.csv" reads "Total,,"$2,100.00",6": a totals row (the label "Total" in "date", then only numbers), so it was left out; as data it would count its sums as one more row. If it is data, change that label and open the file again.');
  });

  test('a block of them (Total, then Grand total) goes, with CRLF line ends', () => {
    const r = parseCsv(`${SALES}Subtotal,,1000,5\r\nGrand total,,2100,6\r\n`.replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'));
    expect(r.table.rowCount).toBe(3);
    expect(r.warnings.find((x) => x.code === 'summary-row')?.message).toContain('reads "Subtotal,,1000,5"');
  });

  test('under names or ids (the label only there) is left out too', () => {
    const r = parseCsv('customer,amount\nK0001,10\nK0002,20\nSumme,30\n');
    expect(values(r, 'customer')).toEqual(['K0001', 'K0002']);
    expect(r.warnings.find((x) => x.code === 'summary-row')?.message).toContain('the label "Summe" in "customer"');
  });

  test('stays when its label is a value its column repeats, or when anything else in it is text', () => {
    const long = parseCsv('region,year,value\nTotal,2022,5\nNorth,2022,2\nSouth,2022,3\nTotal,2023,7\n');
    expect(long.table.rowCount).toBe(4);
    expect(long.warnings.some((w) => w.code === 'summary-row')).toBe(false);
    const named = parseCsv(`${SALES}Total,all regions,2100,6\n`);
    expect(named.table.rowCount).toBe(4);
    expect(col(named, 'date').type).not.toBe('datetime');
    const lonely = parseCsv('date,amount\nTotal,12\n');
    expect(lonely.table.rowCount).toBe(1);
  });

  test('is left out by the two-thread reader and the streaming reader, past the 4 MiB sample of a large file', async () => {
    const lines = ['day,amount'];
    const n = 300_000;
    for (let i = 0; i < n; i++) lines.push(`2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 1000}.5`);
    lines.push('TOTAL,150000000');
    const text = `${lines.join('\n')}\n`;
    const source = memorySource(text, 'big.csv');
    const local = (s: ByteSource): RemotePartRunner => (plan, start, stop, onProgress) => runAsync(parseCsvPart(plan, start, stop, { onProgress: (p) => onProgress(p.bytes, p.rows) }), s);
    expect(text.length).toBeGreaterThan(4 << 20);
    const split = await readCsv(source, {}, {}, splitParser(local(source), 1));
    expect(split.table.rowCount).toBe(n);
    expect(col(split, 'day').type).toBe('datetime');
    expect(split.warnings.some((w) => w.code === 'summary-row')).toBe(true);
    const whole = await readTable(source);
    expect(whole.table.rowCount).toBe(n);
    let streamed = 0;
    await streamTable(source, {}, async (batch) => void (streamed += batch.rowCount));
    expect(streamed).toBe(n);
  });
});
