import { DATETIME, NUMBER, STRING, type ColumnSink } from './columnSink';
import { fastDelimiter } from './fastFields';
import { unquote } from './scanRecord';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Mutable state of one parse over a run of rows. */
export interface RowParser {
  delimiter: number;
  /** 1 for bytes that end an unquoted field (delimiter, LF, CR): one table load per byte in the hot loop. */
  stops: Uint8Array;
  sinks: ColumnSink[];
  scratch: Uint8Array;
  /** Data rows stored so far. */
  rows: number;
  /** First 20 (1-based, data-row) numbers of rows whose field count differs from the header. */
  raggedRows: number[];
  raggedCount: number;
  /** Absolute byte offset of a quote still open at end of input, or -1. */
  openQuote: number;
  /** Data-row number of the first row of this run minus one (for ragged-row numbering). */
  rowBase: number;
  /** Stop after this many rows (sampling); Infinity for all. */
  maxRows: number;
  /** Whether sinks may read unquoted fields in one pass (`ColumnSink.tryFast`); depends on the delimiter. */
  fast: boolean;
}

export function rowParser(delimiter: number, sinks: ColumnSink[], rowBase = 0, maxRows = Infinity): RowParser {
  const stops = new Uint8Array(256);
  stops[delimiter] = stops[LF] = stops[CR] = 1;
  return { delimiter, stops, sinks, scratch: new Uint8Array(1024), rows: 0, raggedRows: [], raggedCount: 0, openQuote: -1, rowBase, maxRows, fast: fastDelimiter(delimiter) };
}

function emit(parser: RowParser, sink: ColumnSink, buf: Uint8Array, s: number, e: number, escaped: boolean): void {
  if (escaped) {
    if (parser.scratch.length < e - s) parser.scratch = new Uint8Array(Math.max(e - s, parser.scratch.length * 2));
    e = unquote(buf, s, e, parser.scratch);
    s = 0;
    buf = parser.scratch;
  }
  const kind = sink.kind;
  if (kind === STRING) sink.addString(buf, s, e);
  else if (kind === NUMBER) sink.addNumber(buf, s, e);
  else if (kind === DATETIME) sink.addDatetime(buf, s, e);
  else sink.addBoolean(buf, s, e);
}

/** Drops the cells of a record that turned out incomplete (its fields are stored as they are found). */
function rollback(parser: RowParser, touched: number): void {
  const n = Math.min(touched, parser.sinks.length);
  for (let c = 0; c < n; c++) {
    const sink = parser.sinks[c];
    // Undo what the dropped cells added to the counts: dictionary uses for strings, missing cells for numbers.
    if (sink.kind === STRING) {
      for (let r = parser.rows; r < sink.length; r++) if (sink.codes[r] >= 0) sink.dictionary!.counts[sink.codes[r]]--;
    } else {
      for (let r = parser.rows; r < sink.length; r++) if (sink.values[r] !== sink.values[r]) sink.missingCount--;
    }
    sink.length = parser.rows;
  }
}

/**
 * Parses the complete records of `buf[pos, end)` straight into the parser's sinks (RFC 4180,
 * lenient; same grammar as `scanRecord`). Returns the offset of the first byte not consumed: a
 * record that may continue in the next chunk. `base` is the absolute offset of `buf[0]`, used to
 * report an open quote; no record starting at or after `stopAt` (relative to `buf`) is parsed.
 */
export function parseRows(buf: Uint8Array, pos: number, end: number, eof: boolean, base: number, parser: RowParser, stopAt = Infinity): number {
  const sinks = parser.sinks;
  const ncol = sinks.length;
  const delimiter = parser.delimiter;
  const stops = parser.stops;
  const fast = parser.fast;
  let rowStart = pos;
  while (rowStart < end && rowStart < stopAt && parser.rows < parser.maxRows) {
    const first = buf[rowStart];
    if (first === LF || first === CR) {
      if (first === CR && rowStart + 1 >= end && !eof) break;
      rowStart += first === CR && buf[rowStart + 1] === LF ? 2 : 1;
      continue;
    }
    let p = rowStart;
    let col = 0;
    let rowEnd = -1;
    let openQuote = -1;
    for (;;) {
      let s = p;
      let e: number;
      let escaped = false;
      let stored = false;
      if (p < end && buf[p] === QUOTE) {
        let q = p + 1;
        let closed = false;
        for (;;) {
          q = buf.indexOf(QUOTE, q);
          if (q === -1 || q >= end) break;
          if (q + 1 === end && !eof) break;
          if (q + 1 < end && buf[q + 1] === QUOTE) {
            escaped = true;
            q += 2;
            continue;
          }
          closed = true;
          break;
        }
        if (!closed) {
          if (!eof) break;
          openQuote = p;
          if (!escaped) s = p + 1;
          e = end;
          p = end;
        } else {
          let after = q + 1;
          while (after < end) {
            const c = buf[after];
            if (c === delimiter || c === LF || c === CR) break;
            escaped = true;
            after++;
          }
          if (escaped) e = after;
          else {
            s = p + 1;
            e = q;
          }
          p = after;
        }
      } else {
        // A fast read ends before `end`, so the record cannot be cut there and the value may be stored at once.
        const q = fast && col < ncol && p < end ? sinks[col].tryFast(buf, p, end, stops) : -1;
        if (q >= 0) {
          stored = true;
          p = q;
        } else while (p < end && stops[buf[p]] === 0) p++;
        e = p;
      }
      if (p >= end && !eof) break;
      if (col < ncol && !stored) emit(parser, sinks[col], buf, s, e, escaped);
      col++;
      if (p >= end) {
        rowEnd = end;
        break;
      }
      const c = buf[p];
      if (c === delimiter) {
        p++;
        continue;
      }
      if (c === LF) rowEnd = p + 1;
      else if (p + 1 < end) rowEnd = buf[p + 1] === LF ? p + 2 : p + 1;
      else if (eof) rowEnd = p + 1;
      break;
    }
    if (rowEnd < 0) {
      rollback(parser, col);
      break;
    }
    if (col !== ncol) {
      for (let c = col; c < ncol; c++) sinks[c].missing();
      parser.raggedCount++;
      if (parser.raggedRows.length < 20) parser.raggedRows.push(parser.rowBase + parser.rows + 1);
    }
    if (openQuote >= 0) parser.openQuote = base + openQuote;
    parser.rows++;
    rowStart = rowEnd;
  }
  return rowStart;
}
