import { parseNumber } from './parseNumber';

/** Longest value read: a number of this kind is far shorter. */
const scratch = new Uint8Array(64);

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
  let run = 0;
  let groups = 0;
  for (; i < e; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      scratch[o++] = c;
      run++;
    } else if (c === 46) {
      if (groups === 0 ? run === 0 || run > 3 : run !== 3) return NaN;
      groups++;
      run = 0;
    } else break;
  }
  if (run === 0 || (groups > 0 && run !== 3)) return NaN;
  if (i < e) {
    if (buf[i] !== 44) return NaN;
    scratch[o++] = 46;
    const from = o;
    for (i++; i < e && buf[i] >= 48 && buf[i] <= 57; i++) scratch[o++] = buf[i];
    if (o === from || i !== e) return NaN;
  }
  return parseNumber(scratch, 0, o);
}
