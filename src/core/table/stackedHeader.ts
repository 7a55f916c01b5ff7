/**
 * pandas writes a table whose columns have several levels (a MultiIndex) with one header line per
 * level, each led by the level's name, then a line holding only the row index's name, then the rows:
 *
 *   network,1,1,2      ← the header: level "network"
 *   node,1,1,1         ← level "node"
 *   hemi,lh,rh,lh      ← level "hemi"
 *   ,,,                ← the row index's name (none)
 *   0,56.06,92.03,3.39
 *
 * Read as one header, the level lines become rows of data and every column turns to text. Joined
 * per column ("1_1_lh", as pandas users flatten such columns), the levels make one header.
 */
import { parseNumber } from './parseNumber';
import { recordBuffer, scanRecord, trimmedField, type RecordBuffer } from './scanRecord';

/** Most level lines below the header. */
const MAX_LEVELS = 4;
/** Rows after the index line that confirm the data is numbers under the levels' text. */
const CONFIRM = 20;

export interface StackedHeader {
  /** Each level line's cells (the first is the level's name). */
  levels: string[][];
  /** The row index's name, from the line after the levels ('' when it has none). */
  indexName: string;
  /** Offset in the buffer where the data rows start. */
  dataStart: number;
}

type Decode = (b: Uint8Array, s: number, e: number) => string;

/**
 * The level lines after a header of `width` fields ending at `pos`: full lines (every cell filled)
 * followed by a line whose cells past the first are all empty, in a file whose data below is
 * numbers where some level wrote text (so a data row that happens to be empty is never taken for
 * the index line). Null when the file has a single header line.
 */
export function stackedHeader(buf: Uint8Array, pos: number, end: number, eof: boolean, delimiter: number, width: number, decode: Decode): StackedHeader | null {
  if (width < 3) return null;
  const rec = recordBuffer(width + 1);
  const levels: string[][] = [];
  let p = pos;
  for (let line = 0; line <= MAX_LEVELS; line++) {
    const next = scanRecord(buf, p, end, eof, delimiter, rec);
    if (next < 0 || next === p || rec.count !== width) return null;
    const cells = Array.from({ length: width }, (_, c) => cellText(buf, rec, c, decode));
    if (cells.slice(1).every((c) => c === '')) {
      if (levels.length === 0 || !numbersBelowText(buf, next, end, eof, delimiter, width, levels)) return null;
      return { levels, indexName: cells[0], dataStart: next };
    }
    if (cells.slice(1).some((c) => c === '')) return null;
    levels.push(cells);
    p = next;
  }
  return null;
}

const isNumber = (s: string) => s !== '' && Number.isFinite(Number(s));

/** Whether, in at least half the columns past the first, a level wrote text and the next rows hold only numbers (or nothing). */
function numbersBelowText(buf: Uint8Array, pos: number, end: number, eof: boolean, delimiter: number, width: number, levels: string[][]): boolean {
  const worded = new Set<number>();
  for (let c = 1; c < width; c++) if (levels.some((l) => !isNumber(l[c]))) worded.add(c);
  if (worded.size * 2 < width - 1) return false;
  const rec = recordBuffer(width + 1);
  let rows = 0;
  for (let p = pos; rows < CONFIRM && p < end; rows++) {
    const next = scanRecord(buf, p, end, eof, delimiter, rec);
    if (next < 0 || next === p) break;
    if (rec.count !== width) return false;
    for (const c of worded) {
      const [s, e] = trimmedField(buf, rec, c);
      if (e > s && Number.isNaN(parseNumber(buf, s, e))) return false;
    }
    p = next;
  }
  return rows > 0;
}

function cellText(buf: Uint8Array, rec: RecordBuffer, c: number, decode: Decode): string {
  const [s, e] = trimmedField(buf, rec, c);
  const text = decode(buf, s, e);
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replaceAll('""', '"') : text;
}

/**
 * Whether the records from `pos` open with pandas' row index in their first cell: 0, 1, 2… (at
 * least two records, up to five checked). `df.to_csv()` writes it under an empty name.
 */
export function pandasIndex(buf: Uint8Array, pos: number, end: number, eof: boolean, delimiter: number, decode: Decode): boolean {
  const rec = recordBuffer();
  let p = pos;
  let k = 0;
  for (; k < 5 && p < end; k++) {
    const next = scanRecord(buf, p, end, eof, delimiter, rec);
    if (next < 0 || next === p) break;
    if (cellText(buf, rec, 0, decode) !== String(k)) return false;
    p = next;
  }
  return k >= 2;
}

/** A header on two lines, as a spreadsheet exports merged cells: names and where the data starts. */
export interface MergedHeader {
  names: string[];
  /** The top line's names that span several columns. */
  spans: string[];
  dataStart: number;
}

/**
 * A spreadsheet's header on two lines, the top one with merged cells ("Region,Revenue,,,Costs,,")
 * over a line of names ("Q1,Q2,Q3,Q1,Q2,Q3"): each top name carries over its blank cells to the
 * right, and a column's name joins both ("Revenue_Q1"). Taken only when the second line holds no
 * numbers, every column gets a name, the names differ, and the data below is numbers where the
 * second line has names (so a table of text whose header has a gap is read as it was).
 */
export function mergedHeader(buf: Uint8Array, pos: number, end: number, eof: boolean, delimiter: number, header: readonly string[], decode: Decode): MergedHeader | null {
  const width = header.length;
  if (width < 3 || !header.slice(1).some((h) => h.trim() === '') || header.every((h) => h.trim() === '')) return null;
  const rec = recordBuffer(width + 1);
  const next = scanRecord(buf, pos, end, eof, delimiter, rec);
  if (next < 0 || next === pos || rec.count !== width) return null;
  const lower = Array.from({ length: width }, (_, c) => cellText(buf, rec, c, decode));
  if (lower.some(isNumber) || lower.filter((l) => l !== '').length < 2) return null;
  const top: string[] = [];
  for (let c = 0; c < width; c++) top.push(header[c].trim() !== '' ? header[c].trim() : c > 0 && lower[c] !== '' ? top[c - 1] : '');
  const names = top.map((t, c) => [t, lower[c]].filter((s) => s !== '').join('_'));
  if (names.some((n) => n === '') || new Set(names).size !== width) return null;
  if (!numbersBelowText(buf, next, end, eof, delimiter, width, [lower])) return null;
  const spans = [...new Set(top.filter((t, c) => t !== '' && (top[c + 1] === t || top[c - 1] === t)))];
  if (spans.length === 0) return null;
  return { names, spans, dataStart: next };
}
