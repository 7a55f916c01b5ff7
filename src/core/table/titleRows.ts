/**
 * Spreadsheet reports often open with a title above the table ("Sales report Q1 2024,,,", then a
 * blank line, then the header). Read as the header, the title names one column and every real
 * column name becomes a row of data, so each column turns to text. The reader starts at the header.
 */
import { parseNumber } from './parseNumber';
import { recordBuffer, scanRecord, trimmedField as trimmed, type RecordBuffer } from './scanRecord';

/** Most lines a title block may take before the header. */
const MAX_TITLE_LINES = 10;
/** Records after the header that must have its number of fields. */
const CONFIRM = 3;

/** Where the header starts after a title block, and the block's texts; null when the file starts with its header. */
export interface TitleBlock {
  headerStart: number;
  titles: string[];
}

/**
 * A title block starting at `pos`: lines with nothing but a first cell (or nothing at all), then a
 * header (two names or more, none of them a number) whose next records have its number of fields,
 * as a spreadsheet pads every line of an export. Anything else is read as it was.
 */
export function titleBlock(buf: Uint8Array, pos: number, end: number, eof: boolean, delimiter: number, decode: (b: Uint8Array, s: number, e: number) => string): TitleBlock | null {
  const rec = recordBuffer();
  const titles: string[] = [];
  let p = pos;
  for (let line = 0; line <= MAX_TITLE_LINES; line++) {
    const next = scanRecord(buf, p, end, eof, delimiter, rec);
    if (next < 0 || next === p) return null;
    const filled = filledCells(buf, rec);
    if (filled.length >= 2) {
      if (titles.length === 0 || !namesOnly(buf, rec) || !sameWidthAfter(buf, next, end, eof, delimiter, rec.count)) return null;
      return { headerStart: p, titles: titles.filter((t) => t !== '') };
    }
    // A title sits in the first cell; a lone value further right is not one.
    if (filled.length === 1 && filled[0] !== 0) return null;
    titles.push(filled.length ? cellText(buf, rec, 0, decode) : '');
    p = next;
    while (p < end && (buf[p] === 10 || buf[p] === 13)) p++;
  }
  return null;
}

function filledCells(buf: Uint8Array, rec: RecordBuffer): number[] {
  const out: number[] = [];
  for (let c = 0; c < rec.count; c++) {
    const [s, e] = trimmed(buf, rec, c);
    if (e > s) out.push(c);
  }
  return out;
}

function cellText(buf: Uint8Array, rec: RecordBuffer, c: number, decode: (b: Uint8Array, s: number, e: number) => string): string {
  const [s, e] = trimmed(buf, rec, c);
  return decode(buf, s, e);
}

/** Whether no cell of the record is a number (a header names its columns). */
function namesOnly(buf: Uint8Array, rec: RecordBuffer): boolean {
  for (let c = 0; c < rec.count; c++) {
    const [s, e] = trimmed(buf, rec, c);
    if (e > s && !Number.isNaN(parseNumber(buf, s, e))) return false;
  }
  return true;
}

/** Whether the records after `pos` (up to CONFIRM, at least one) have `width` fields. */
function sameWidthAfter(buf: Uint8Array, pos: number, end: number, eof: boolean, delimiter: number, width: number): boolean {
  const rec = recordBuffer(width + 1);
  let seen = 0;
  for (let p = pos; seen < CONFIRM && p < end; seen++) {
    const next = scanRecord(buf, p, end, eof, delimiter, rec);
    if (next < 0) break;
    if (rec.count !== width) return false;
    p = next;
  }
  return seen > 0;
}
