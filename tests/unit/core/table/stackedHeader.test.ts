/** pandas' several-level columns (one header line per level, then the row index's name) read as one header of joined names. */
import { describe, expect, test } from 'vitest';
import { memorySource, parseCsv, parseCsvPart, readCsv, runAsync, splitParser, type ByteSource, type ReadResult, type RemotePartRunner } from '../../../../src/core/table';

const names = (r: ReadResult) => r.table.columns.map((c) => c.name);
const types = (r: ReadResult) => r.table.columns.map((c) => c.type);
// As pandas writes `df.to_csv()` for columns (network, node, hemi), like seaborn's brain_networks.csv.
const HEAD = 'network,1,1,2,2\nnode,1,1,1,1\nhemi,lh,rh,lh,rh\n,,,,\n';
const row = (i: number) => `${i},${(56.05 + i).toFixed(3)},${(-9.2 * i).toFixed(3)},3.39,${i % 7}.5\n`;

describe('columns with several levels', () => {
  test('are named by their levels joined, the data rows read as numbers, with a warning', () => {
    const r = parseCsv(HEAD + row(0) + row(1) + row(2), { fileName: 'brain.csv' });
    expect(names(r)).toEqual(['index', '1_1_lh', '1_1_rh', '2_1_lh', '2_1_rh']);
    expect(types(r)).toEqual(['integer', 'float', 'float', 'float', 'float']);
    expect(r.table.rowCount).toBe(3);
    expect(r.warnings.find((w) => w.code === 'stacked-header')?.message).toBe(
      '"brain.csv" has 3 header lines, as pandas writes columns with several levels ("network", "node", "hemi"), so each column is named by its levels joined with "_": "1_1_lh", "1_1_rh", "2_1_lh" and 1 more. The first column, the row index, is "index".',
    );
  });

  test('a named row index keeps its name; the two-thread reader agrees', async () => {
    const text = HEAD.replace('\n,,,,\n', '\nsubject,,,,\n') + Array.from({ length: 3000 }, (_, i) => row(i)).join('');
    const r = parseCsv(text);
    expect(names(r)[0]).toBe('subject');
    const source = memorySource(text, 'm.csv');
    const local = (s: ByteSource): RemotePartRunner => (plan, start, stop, onProgress) => runAsync(parseCsvPart(plan, start, stop, { onProgress: (p) => onProgress(p.bytes, p.rows) }), s);
    const split = await readCsv(source, { chunkBytes: 512 }, {}, splitParser(local(source), 1));
    expect(split.table).toEqual((await readCsv(source, { chunkBytes: 512 })).table);
    expect(split.table.rowCount).toBe(3000);
  });

  test('is not seen in a table whose second data row is empty past its first cell, or whose data is text', () => {
    for (const text of [
      'name,age,income\nAlice,30,50000\nBob,,\nCarol,41,61000\n', // a row with only its name filled
      'name,city,team\nAlice,Oslo,red\nBob,,\nCarol,Lima,blue\n', // text data under text "levels"
      'a,b,c\n1,2,3\n4,5,6\n',
    ]) {
      const r = parseCsv(text);
      expect(r.warnings.some((w) => w.code === 'stacked-header')).toBe(false);
      expect(names(r)).toEqual(text.split('\n')[0].split(','));
      expect(r.table.rowCount).toBe(3 - (text.startsWith('a,b') ? 1 : 0));
    }
  });
});

describe("pandas' row index under an empty name", () => {
  test('is named "index", with a note; an empty name over other values is repaired as before', () => {
    const r = parseCsv(',id,diet,pulse\n0,1,low fat,85\n1,1,low fat,85\n2,1,low fat,88\n', { fileName: 'exercise.csv' });
    expect(names(r)).toEqual(['index', 'id', 'diet', 'pulse']);
    expect(r.warnings.map((w) => w.code)).toEqual(['pandas-index']);
    expect(r.warnings[0].message).toBe('The first column of "exercise.csv" has no name and numbers the rows 0, 1, 2, … as pandas writes its row index, so it is named "index".');
    const other = parseCsv(',name\n7,Alice\n9,Bob\n');
    expect(names(other)).toEqual(['col_1', 'name']);
    expect(other.warnings.map((w) => w.code)).toEqual(['header-repaired']);
  });
});

describe("a spreadsheet's header on two lines (merged cells above a line of names)", () => {
  const text = 'Region,Revenue,,,Costs,,\n,Q1,Q2,Q3,Q1,Q2,Q3\nNorth,10,20,30,5,6,7\nSouth,11,21,31,5.5,6.5,7.5\n';
  test('joins each column’s two names, carrying a merged name over its blank cells, and reads numbers', () => {
    const r = parseCsv(text, { fileName: 'sales.csv' });
    expect(names(r)).toEqual(['Region', 'Revenue_Q1', 'Revenue_Q2', 'Revenue_Q3', 'Costs_Q1', 'Costs_Q2', 'Costs_Q3']);
    expect(types(r).slice(1)).toEqual(['integer', 'integer', 'integer', 'float', 'float', 'float']);
    expect(r.table.rowCount).toBe(2);
    expect(r.warnings.map((w) => w.code)).toEqual(['two-line-header']);
    expect(r.warnings[0].message).toBe('"sales.csv" names its columns on 2 lines, a spreadsheet\'s merged cells ("Revenue", "Costs") over a line of names, so each column\'s name joins both: "Revenue_Q1", "Revenue_Q2", "Revenue_Q3", ….');
  });

  test('a header with a gap over rows of text, or over a first row with numbers, is read as it was', () => {
    for (const t of ['id,,city\nA,x,Oslo\nB,y,Lima\n', 'name,,score,rank\nAlice,A,90,1\nBob,B,80,2\n']) {
      const r = parseCsv(t);
      expect(r.warnings.some((w) => w.code === 'two-line-header')).toBe(false);
      expect(r.table.rowCount).toBe(2);
    }
  });
});
