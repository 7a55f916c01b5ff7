import { parseNumber } from './parseNumber';

/** Longest value read: a number of this kind is far shorter. */
const scratch = new Uint8Array(64);

/** Set by `groupedDigits`: the offset in `out` after the digits copied, and the separators passed. */
export let groupedEnd = 0;
export let groupedSeparators = 0;

/**
 * Copies the digits of `buf[i, e)` to `out` from `at`, passing `separator` between thousands: one
 * to three digits (not a lone 0) first, then groups of exactly three. Stops at the first other byte
 * and returns its offset; −1 when a separator is misplaced or ends a group that is not three digits.
 */
export function groupedDigits(buf: Uint8Array, i: number, e: number, separator: number, out: Uint8Array, at: number): number {
  let run = 0;
  let groups = 0;
  for (; i < e; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      out[at++] = c;
      run++;
    } else if (c === separator) {
      if (groups === 0 ? run === 0 || run > 3 || (run === 1 && buf[i - 1] === 48) : run !== 3) return -1;
      groups++;
      run = 0;
    } else break;
  }
  if (groups > 0 && run !== 3) return -1;
  groupedEnd = at;
  groupedSeparators = groups;
  return i;
}

/**
 * Numbers written with a decimal comma, as spreadsheets in much of Europe and Latin America save
 * them (with a semicolon or a tab between fields): `12,5`, `-1.234.567,89`, `1234`. Points group
 * thousands, three digits to a group after the first; the comma starts the fraction. The bytes are
 * rewritten in the point-decimal grammar and read by `parseNumber`, so a value reads to the same
 * double as its point-decimal spelling, and sets `lastNumberWasInteger` the same way (an integer
 * when there is no comma). NaN when `buf[s, e)` is not such a number.
 */
export function parseCommaNumber(buf: Uint8Array, s: number, e: number): number {
  while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
  while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
  if (e - s > scratch.length) return NaN;
  let i = s;
  let o = 0;
  if (buf[i] === 45 || buf[i] === 43) scratch[o++] = buf[i++];
  const sign = o;
  i = groupedDigits(buf, i, e, 46, scratch, o);
  if (i < 0 || groupedEnd === sign) return NaN;
  o = groupedEnd;
  if (i < e) {
    if (buf[i] !== 44) return NaN;
    scratch[o++] = 46;
    const from = o;
    for (i++; i < e && buf[i] >= 48 && buf[i] <= 57; i++) scratch[o++] = buf[i];
    if (o === from || i !== e) return NaN;
  }
  return parseNumber(scratch, 0, o);
}
