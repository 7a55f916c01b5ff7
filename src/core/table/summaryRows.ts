/**
 * Spreadsheet exports often end with a totals row ("Total,,12,345.00"). Read as data it is one
 * more row whose amounts are the sums of all the others, skewing every statistic and model, and
 * its label turns a date or number column into text. The reader leaves such a row out and says so.
 */
import { parseDecoratedNumber } from './parseDecoratedNumber';
import { parseNumber } from './parseNumber';
import { ESCAPED, recordBuffer, scanRecord, trimmedField, type RecordBuffer } from './scanRecord';

/** Words that open a summary row, in the languages spreadsheets are most often exported in. */
const LABEL = /^(grand |sub)?totals?:?$|^sum:?$|^summe:?$|^gesamt:?$|^totale:?$|^totaal:?$|^total général:?$/i;

/** Bytes read from the end of a file to find its summary rows. */
export const TAIL_BYTES = 1 << 16;

/** A trailing totals row: where it starts (in the file), its label and the column holding it, and its text. */
export interface SummaryRow {
  offset: number;
  label: string;
  column: number;
  text: string;
}

/**
 * The first of the file's last rows (up to three: "Total", then perhaps "Grand total") that are
 * totals rows: a label such as "Total" in one cell and only numbers (or nothing) in the others.
 * `tail` holds the file's last bytes, starting at file offset `tailStart`; null when there is none.
 * Whether the label appears elsewhere in its column is for the caller to check (`labelAbove`).
 */
export function trailingSummary(tail: Uint8Array, tailStart: number, delimiter: number, columns: number, decode: (b: Uint8Array, s: number, e: number) => string): SummaryRow | null {
  const rec = recordBuffer(columns + 1);
  let end = tail.length;
  let found: SummaryRow | null = null;
  for (let k = 0; k < 3; k++) {
    while (end > 0 && (tail[end - 1] === 10 || tail[end - 1] === 13 || tail[end - 1] === 32)) end--;
    const lineStart = tail.lastIndexOf(10, end - 1) + 1;
    // A line that is the whole tail may have begun before it; a quote may hide a line break.
    if (lineStart === 0 || end === 0) break;
    let quotes = 0;
    for (let i = lineStart; i < end; i++) if (tail[i] === 34) quotes++;
    if (quotes % 2 !== 0) break;
    scanRecord(tail, lineStart, end, true, delimiter, rec);
    const row = summaryCells(tail, rec, columns, decode);
    if (!row) break;
    found = { offset: tailStart + lineStart, label: row.label, column: row.column, text: decode(tail, lineStart, end) };
    end = lineStart;
  }
  return found;
}

function summaryCells(buf: Uint8Array, rec: RecordBuffer, columns: number, decode: (b: Uint8Array, s: number, e: number) => string): { label: string; column: number } | null {
  if (rec.count > columns) return null;
  let label: { label: string; column: number } | null = null;
  let numbers = 0;
  for (let c = 0; c < rec.count; c++) {
    const [s, e] = trimmedField(buf, rec, c);
    if (s === e) continue;
    if (rec.quoted[c] !== ESCAPED && isNumber(buf, s, e)) {
      numbers++;
      continue;
    }
    const text = decode(buf, s, e);
    if (label || !LABEL.test(text)) return null;
    label = { label: text, column: c };
  }
  return label && numbers > 0 ? label : null;
}

/** A plain number, or one formatted for people ("$1,234.50", "12,5 %"). */
function isNumber(buf: Uint8Array, s: number, e: number): boolean {
  return !Number.isNaN(parseNumber(buf, s, e)) || !Number.isNaN(parseDecoratedNumber(buf, s, e, false)) || !Number.isNaN(parseDecoratedNumber(buf, s, e, true));
}

/**
 * Whether `label` (in any case) is a value of `column` among the records of buf[pos, end), read up to
 * `maxRows`: then "Total" is a category of the data (long tables repeat it for every year), not a summary.
 */
export function labelAbove(buf: Uint8Array, pos: number, end: number, eof: boolean, delimiter: number, column: number, label: string, decode: (b: Uint8Array, s: number, e: number) => string, maxRows: number): boolean {
  const rec = recordBuffer(column + 2);
  const want = label.toLowerCase();
  for (let p = pos, rows = 0; p < end && rows < maxRows; rows++) {
    const next = scanRecord(buf, p, end, eof, delimiter, rec);
    if (next < 0) break;
    if (rec.count > column) {
      const [s, e] = trimmedField(buf, rec, column);
      if (e - s === want.length && decode(buf, s, e).toLowerCase() === want) return true;
    }
    p = next;
  }
  return false;
}
