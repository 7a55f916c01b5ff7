/**
 * The CSV tokenizer (RFC 4180, lenient): finds the fields of one record in a byte buffer.
 * Quoted fields may hold delimiters, doubled quotes and CR/LF; records end at LF, CRLF or CR.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Field kinds in `RecordBuffer.quoted`. */
export const PLAIN = 0;
/** Quoted, no escapes: the range already excludes the quotes. */
export const QUOTED = 1;
/** Quoted with doubled quotes or text after the closing quote: the range is raw; use `unquote`. */
export const ESCAPED = 2;

/** Field byte ranges of the last scanned record, reused between calls. */
export interface RecordBuffer {
  starts: Int32Array;
  ends: Int32Array;
  quoted: Uint8Array;
  count: number;
  /** Offset of a quote left open at the end of input, or -1. */
  openQuote: number;
}

export function recordBuffer(capacity = 64): RecordBuffer {
  return { starts: new Int32Array(capacity), ends: new Int32Array(capacity), quoted: new Uint8Array(capacity), count: 0, openQuote: -1 };
}

function growRecord(rec: RecordBuffer): void {
  const n = rec.starts.length * 2;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const quoted = new Uint8Array(n);
  starts.set(rec.starts);
  ends.set(rec.ends);
  quoted.set(rec.quoted);
  rec.starts = starts;
  rec.ends = ends;
  rec.quoted = quoted;
}

/**
 * Scans the record starting at `pos` in `buf[.., end)`. Returns the offset just past its line
 * end, or -1 when the record may continue past `end` and `eof` is false (feed more bytes).
 */
export function scanRecord(buf: Uint8Array, pos: number, end: number, eof: boolean, delimiter: number, rec: RecordBuffer): number {
  let p = pos;
  let count = 0;
  rec.openQuote = -1;
  for (;;) {
    if (count === rec.starts.length) growRecord(rec);
    if (p < end && buf[p] === QUOTE) {
      let q = p + 1;
      let kind = QUOTED;
      let closed = false;
      for (;;) {
        q = buf.indexOf(QUOTE, q);
        if (q === -1 || q >= end) break;
        if (q + 1 === end && !eof) return -1;
        if (q + 1 < end && buf[q + 1] === QUOTE) {
          kind = ESCAPED;
          q += 2;
          continue;
        }
        closed = true;
        break;
      }
      if (!closed) {
        if (!eof) return -1;
        rec.openQuote = p;
        rec.starts[count] = kind === QUOTED ? p + 1 : p;
        rec.ends[count] = end;
        rec.quoted[count] = kind;
        rec.count = count + 1;
        return end;
      }
      let after = q + 1;
      while (after < end) {
        const c = buf[after];
        if (c === delimiter || c === LF || c === CR) break;
        kind = ESCAPED;
        after++;
      }
      rec.starts[count] = kind === QUOTED ? p + 1 : p;
      rec.ends[count] = kind === QUOTED ? q : after;
      rec.quoted[count] = kind;
      p = after;
    } else {
      let q = p;
      while (q < end) {
        const c = buf[q];
        if (c === delimiter || c === LF || c === CR) break;
        q++;
      }
      rec.starts[count] = p;
      rec.ends[count] = q;
      rec.quoted[count] = PLAIN;
      p = q;
    }
    count++;
    if (p >= end) {
      if (!eof) return -1;
      rec.count = count;
      return end;
    }
    const c = buf[p];
    if (c === delimiter) {
      p++;
      continue;
    }
    rec.count = count;
    if (c === LF) return p + 1;
    if (p + 1 < end) return buf[p + 1] === LF ? p + 2 : p + 1;
    if (!eof) return -1;
    return p + 1;
  }
}

/**
 * Writes the value of an ESCAPED field (raw bytes from its opening quote) into `out`:
 * doubled quotes become one, text after the closing quote is kept. Returns the length.
 */
export function unquote(buf: Uint8Array, s: number, e: number, out: Uint8Array): number {
  let n = 0;
  let i = s + 1;
  let inQuotes = true;
  while (i < e) {
    const c = buf[i];
    if (inQuotes && c === QUOTE) {
      if (i + 1 < e && buf[i + 1] === QUOTE) {
        out[n++] = QUOTE;
        i += 2;
        continue;
      }
      inQuotes = false;
      i++;
      continue;
    }
    out[n++] = c;
    i++;
  }
  return n;
}

/** Field c of a scanned record without the spaces and tabs around it: [start, end). */
export function trimmedField(buf: Uint8Array, rec: RecordBuffer, c: number): [number, number] {
  let s = rec.starts[c];
  let e = rec.ends[c];
  while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
  while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
  return [s, e];
}
