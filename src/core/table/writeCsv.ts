import { cellText } from './cellText';
import { isNumeric, type Table } from './types';

/** Options for `writeCsv`. */
export interface WriteCsvOptions {
  /** Field delimiter; default `,`. */
  delimiter?: string;
  /**
   * Prefix text cells starting with = + - @ TAB or CR with `'` so spreadsheets do not run them as
   * formulas (default true). Numeric cells such as -3 are never prefixed.
   */
  neutraliseFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Serialises a table to RFC 4180 CSV with a header row and CRLF line ends; missing cells are empty. */
export function writeCsv(table: Table, options: WriteCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const neutralise = options.neutraliseFormulas ?? true;
  const needsQuotes = (s: string) => s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r');
  const quote = (s: string) => (needsQuotes(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const text = (s: string) => quote(neutralise && FORMULA_START.test(s) ? `'${s}` : s);
  const lines = [table.columns.map((c) => text(c.name)).join(delimiter)];
  for (let r = 0; r < table.rowCount; r++) {
    const cells = table.columns.map((c) => (isNumeric(c) ? quote(cellText(c, r)) : text(cellText(c, r))));
    lines.push(cells.join(delimiter));
  }
  return lines.join('\r\n') + '\r\n';
}
