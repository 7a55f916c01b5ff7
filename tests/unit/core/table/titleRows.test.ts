/** A spreadsheet report's title above the table is passed over: the header is the line that names the columns. */
import { describe, expect, test } from 'vitest';
import { memorySource, parseCsv, parseCsvPart, readCsv, runAsync, splitParser, type ByteSource, type ReadResult, type RemotePartRunner } from '../../../../src/core/table';

const names = (r: ReadResult) => r.table.columns.map((c) => c.name);
const types = (r: ReadResult) => r.table.columns.map((c) => c.type);
const TABLE = 'date,region,amount,units\n2024-01-03,North,1200.5,3\n2024-01-04,South,800,2\n2024-01-05,East,99.5,1\n';

describe('a title above the table', () => {
  test('is passed over, with a warning that quotes it and names the columns read', () => {
    const r = parseCsv(`Sales report Q1 2024,,,\n,,,\n${TABLE}`, { fileName: 'sales.csv' });
    expect(names(r)).toEqual(['date', 'region', 'amount', 'units']);
    expect(types(r)).toEqual(['datetime', 'identifier', 'float', 'integer']);
    expect(r.table.rowCount).toBe(3);
    expect(r.warnings.find((w) => w.code === 'title-rows')?.message).toBe(
      '"sales.csv" opens with 2 lines above its table ("Sales report Q1 2024"), so the column names were read from line 3: "date", "region", "amount", "units". If the names are on another line, delete the lines above that one.',
    );
  });

  test('of several lines, unpadded, is passed over too; the two-thread reader agrees', async () => {
    const text = `Sales report\nGenerated 2024-02-01\n${TABLE}${'2024-02-01,West,5,1\n'.repeat(2000)}`;
    const r = parseCsv(text);
    expect(names(r)).toEqual(['date', 'region', 'amount', 'units']);
    expect(r.warnings.find((w) => w.code === 'title-rows')?.message).toContain('opens with 2 lines above its table ("Sales report", "Generated 2024-02-01")');
    const source = memorySource(text, 'm.csv');
    const local = (s: ByteSource): RemotePartRunner => (plan, start, stop, onProgress) => runAsync(parseCsvPart(plan, start, stop, { onProgress: (p) => onProgress(p.bytes, p.rows) }), s);
    const split = await readCsv(source, { chunkBytes: 256 }, {}, splitParser(local(source), 1));
    expect(split.table).toEqual((await readCsv(source, { chunkBytes: 256 })).table);
    expect(split.table.rowCount).toBe(2003);
  });

  test('is not seen where the first line is the header', () => {
    for (const text of [
      ',name\n0,Alice\n1,Bob\n', // pandas' index column
      'name,\nAlice,30\nBob,41\n', // an unnamed column
      'text\nHello, world\nfine\n', // one column of unquoted text
      'Report,,\n2022,2023,2024\n1,2,3\n', // the next line holds numbers, not names
      TABLE,
    ]) {
      const r = parseCsv(text);
      expect(r.warnings.some((w) => w.code === 'title-rows'), text).toBe(false);
      const first = text.split('\n')[0].split(',');
      expect(names(r).length, text).toBe(first.length);
      for (const name of first.filter(Boolean)) expect(names(r), text).toContain(name);
    }
  });
});
