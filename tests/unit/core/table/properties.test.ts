import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cellText, memorySource, parseCsv, readTable, writeCsv, type Column, type ColumnType, type Table } from '../../../../src/core/table';

/** Strings that stress a CSV writer/parser: quotes, delimiters, CR/LF, multi-byte text. */
const nastyString = fc
  .array(fc.constantFrom('a', 'b', 'z', 'é', '€', '😀', '"', ',', ';', '\t', '\r', '\n', "'", ' ', '=', '+', '-', '@', '0', '7', '.', 'e'), { maxLength: 12 })
  .map((parts) => parts.join(''));

function stringColumn(name: string, cells: string[]): Column {
  const dictionary = [...new Set(cells.filter((c) => c !== ''))];
  const codes = Int32Array.from(cells, (c) => (c === '' ? -1 : dictionary.indexOf(c)));
  return { name, type: 'text', inferredType: 'text', codes, dictionary };
}

const tableArb = fc
  .record({ strings: fc.integer({ min: 1, max: 3 }), numbers: fc.integer({ min: 1, max: 2 }), rows: fc.integer({ min: 0, max: 25 }) })
  .chain(({ strings, numbers, rows }) =>
    fc.record({
      strings: fc.array(fc.array(nastyString, { minLength: rows, maxLength: rows }), { minLength: strings, maxLength: strings }),
      numbers: fc.array(fc.array(fc.double({ noNaN: true }), { minLength: rows, maxLength: rows }), { minLength: numbers, maxLength: numbers }),
      rows: fc.constant(rows),
    }),
  )
  .map(({ strings, numbers, rows }): Table => ({
    name: 't',
    rowCount: rows,
    columns: [
      ...strings.map((cells, i) => stringColumn(`s${i}`, cells)),
      ...numbers.map((cells, i): Column => ({ name: `n${i}`, type: 'float', inferredType: 'float', values: Float64Array.from(cells, (v) => (Object.is(v, -0) ? 0 : v)) })),
    ],
  }));

const cells = (t: Table) => t.columns.map((c) => Array.from({ length: t.rowCount }, (_, r) => cellText(c, r)));

describe('writeCsv then parseCsv', () => {
  test('returns the same cells for random tables', () => {
    fc.assert(
      fc.property(tableArb, fc.constantFrom(',', ';', '\t', '|'), (table, delimiter) => {
        const overrides: Record<string, ColumnType> = Object.fromEntries(table.columns.map((c) => [c.name, c.type]));
        const back = parseCsv(writeCsv(table, { delimiter, neutraliseFormulas: false }), { delimiter, missingTokens: [], typeOverrides: overrides });
        expect(back.table.rowCount).toBe(table.rowCount);
        expect(cells(back.table)).toEqual(cells(table));
      }),
      { numRuns: 300 },
    );
  });
  test('neutralises formulas in text but not in numbers', () => {
    const table: Table = { name: 't', rowCount: 2, columns: [stringColumn('s', ['=1+2', '@x']), { name: 'n', type: 'integer', inferredType: 'integer', values: Float64Array.of(-3, 4) }] };
    expect(writeCsv(table)).toBe("s,n\r\n'=1+2,-3\r\n'@x,4\r\n");
  });
});

describe('readTable chunk invariance', () => {
  test('identical tables for chunk sizes from 1 byte to 1 MB', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, fc.integer({ min: 1, max: 1 << 20 }), fc.boolean(), async (table, chunkBytes, crlf) => {
        let text = writeCsv(table, { neutraliseFormulas: false });
        if (!crlf) text = text.replaceAll('\r\n', '\n');
        const source = memorySource(text, 't.csv');
        const whole = await readTable(source, {});
        const chunked = await readTable(source, { chunkBytes });
        const small = await readTable(source, { chunkBytes: 1 + (chunkBytes % 7) });
        expect(chunked.table).toEqual(whole.table);
        expect(small.table).toEqual(whole.table);
        expect(chunked.warnings).toEqual(whole.warnings);
      }),
      { numRuns: 150 },
    );
  });
});

describe('readTable chunk edges', () => {
  test('every chunk size from 1 to 80 bytes splits multi-byte UTF-8, CRLF and quoted line ends the same way', async () => {
    const text = 'name,when,n\r\n"😀 a\r\nb",2024-03-15 14:25,1\r\nçé€,2024-03-16 08:00,-2\r\n"x,""y""",2024-03-17 00:00,3.5\r\n\r\n';
    const source = memorySource(text, 'edges.csv');
    const whole = await readTable(source);
    expect(whole.table.rowCount).toBe(3);
    for (let chunkBytes = 1; chunkBytes <= 80; chunkBytes++) {
      expect((await readTable(source, { chunkBytes })).table).toEqual(whole.table);
    }
  });
});
