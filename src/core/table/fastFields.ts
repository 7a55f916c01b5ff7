/**
 * Single-pass readers for the common shapes of unquoted fields: the scanners find the field's end
 * while reading its value, so the bytes are read once instead of once to find the delimiter and
 * again to parse. They give up (-1, or NaN for `isoFixed`) when the field is not in its simple shape
 * or runs to the end of the buffer; the caller then takes the general path, which gives the same
 * value for every field these accept (see tests/unit/core/table/fastFields.test.ts).
 */

import { daysInMonth, daysOf, parseIso } from './parseDatetime';

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Set by `scanHashed`: FNV-1a of the field's bytes (the hash `ByteDictionary` uses). */
export let scannedHash = 0;

/**
 * Delimiters for which the readers below are safe: none of them can occur inside a number or a
 * date, so a reader that stops at the first byte outside its grammar stops exactly where the
 * field ends. With any other delimiter (say `.` or `-`) the general path runs for every field.
 */
export function fastDelimiter(delimiter: number): boolean {
  return delimiter === 44 || delimiter === 59 || delimiter === 124 || delimiter === 9;
}

/**
 * `[-+]digits[.digits]` with at most 15 digits, no leading zero on a multi-digit integer part,
 * followed by a byte with `stops[byte] === 1`. The value, `mantissa / 10^k` exactly as
 * `parseNumber` computes it (Clinger's fast path, so both paths agree bit for bit), goes to
 * `out[at]`. Returns twice the end offset, plus 1 when the text had no decimal point; or -1.
 */
export function scanPlainNumber(buf: Uint8Array, p: number, end: number, stops: Uint8Array, out: Float64Array, at: number): number {
  let i = p;
  let c = buf[i];
  const negative = c === 45;
  if (negative || c === 43) i++;
  const first = i;
  let mantissa = 0;
  while (i < end) {
    c = buf[i] - 48;
    if (c < 0 || c > 9) break;
    mantissa = mantissa * 10 + c;
    i++;
  }
  let digits = i - first;
  if (digits === 0 || (digits > 1 && buf[first] === 48)) return -1;
  let fraction = 0;
  if (i < end && buf[i] === 46) {
    const start = ++i;
    while (i < end) {
      c = buf[i] - 48;
      if (c < 0 || c > 9) break;
      mantissa = mantissa * 10 + c;
      i++;
    }
    fraction = i - start;
    if (fraction === 0) return -1;
    digits += fraction;
  }
  if (digits > 15 || i >= end || stops[buf[i]] === 0) return -1;
  const v = fraction === 0 ? mantissa : mantissa / POW10[fraction];
  out[at] = negative ? -v : v;
  return i * 2 + (i - first === digits ? 1 : 0);
}

/** Finds the end of an unquoted field while hashing its bytes into `scannedHash`. */
export function scanHashed(buf: Uint8Array, p: number, end: number, stops: Uint8Array): number {
  let h = 0x811c9dc5 | 0;
  while (p < end) {
    const c = buf[p];
    if (stops[c] === 1) {
      scannedHash = h;
      return p;
    }
    h = Math.imul(h ^ c, 16777619);
    p++;
  }
  return -1;
}

/** Two ASCII digits at `i` as a number, or a value above 99 when either byte is not a digit. */
function two(buf: Uint8Array, i: number): number {
  const a = buf[i] - 48;
  const b = buf[i + 1] - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? 100 : a * 10 + b;
}

/**
 * An ISO date filling exactly `w` bytes at `p`: `YYYY-MM-DD`, `YYYY-MM-DD HH:mm` or
 * `YYYY-MM-DD HH:mm:ss` (space or `T`) read at fixed places; other widths go to `parseIso`.
 * Epoch ms, or NaN when the bytes are not such a date (the caller then takes the general path).
 */
export function isoFixed(buf: Uint8Array, p: number, w: number): number {
  if (w !== 10 && w !== 16 && w !== 19) return parseIso(buf, p, p + w);
  const hi = two(buf, p);
  const lo = two(buf, p + 2);
  const m = two(buf, p + 5);
  const d = two(buf, p + 8);
  if (hi > 99 || lo > 99 || buf[p + 4] !== 45 || buf[p + 7] !== 45 || m < 1 || m > 12 || d < 1) return NaN;
  const y = hi * 100 + lo;
  if (d > 28 && d > daysInMonth(y, m)) return NaN;
  const days = daysOf(y, m, d);
  if (w === 10) return days * 86400000;
  const sep = buf[p + 10];
  const hh = two(buf, p + 11);
  const mm = two(buf, p + 14);
  if ((sep !== 32 && sep !== 84 && sep !== 116) || hh > 23 || buf[p + 13] !== 58 || mm > 59) return NaN;
  let ss = 0;
  if (w === 19) {
    ss = two(buf, p + 17);
    if (buf[p + 16] !== 58 || ss > 59) return NaN;
  }
  return days * 86400000 + hh * 3600000 + mm * 60000 + ss * 1000;
}
