import { parseCommaNumber } from './parseCommaNumber';
import { parseNumber } from './parseNumber';

/** Bits of `lastDecorations`: what the last number read by `parseDecoratedNumber` was written with. */
export const CURRENCY = 1;
export const PERCENT = 2;
export const THOUSANDS = 4;
export const PARENTHESES = 8;

/** Set by `parseDecoratedNumber`: the decorations of the last number it read (0 after a failure). */
export let lastDecorations = 0;

/** Longest value read: a number of this kind is far shorter. */
const scratch = new Uint8Array(64);

/** Spaces around a sign or symbol: ASCII space, tab, and the no-break space (UTF-8 C2 A0, Windows-1252 A0). */
function spaceAt(buf: Uint8Array, i: number, e: number): number {
  const c = buf[i];
  if (c === 32 || c === 9) return 1;
  if (c === 0xc2 && i + 1 < e && buf[i + 1] === 0xa0) return 2;
  return c === 0xa0 && (i + 1 >= e || buf[i + 1] < 0x80) ? 1 : 0;
}

function spaceBefore(buf: Uint8Array, s: number, e: number): number {
  const c = buf[e - 1];
  if (c === 32 || c === 9) return 1;
  if (e - s >= 2 && c === 0xa0 && buf[e - 2] === 0xc2) return 2;
  return c === 0xa0 && (e - s < 2 || buf[e - 2] < 0x80) ? 1 : 0;
}

/**
 * Byte length of a currency sign starting at `i` ($, €, £, ¥ in UTF-8, or €, £, ¥ as Windows-1252
 * bytes), else 0. A field starts on a character boundary, so a lone A3 there is never the tail of
 * a UTF-8 character.
 */
function currencyAt(buf: Uint8Array, i: number, e: number): number {
  const c = buf[i];
  if (c === 0x24) return 1;
  if (c === 0xe2 && i + 2 < e && buf[i + 1] === 0x82 && buf[i + 2] === 0xac) return 3;
  if (c === 0xc2 && i + 1 < e && (buf[i + 1] === 0xa3 || buf[i + 1] === 0xa5)) return 2;
  return (c === 0x80 || c === 0xa3 || c === 0xa5) && (i + 1 >= e || buf[i + 1] < 0x80) ? 1 : 0;
}

/** Byte length of a currency sign ending at `e`, else 0 (a lone Windows-1252 byte only after ASCII, never a UTF-8 tail). */
function currencyBefore(buf: Uint8Array, s: number, e: number): number {
  if (e - s >= 3 && buf[e - 3] === 0xe2 && buf[e - 2] === 0x82 && buf[e - 1] === 0xac) return 3;
  if (e - s >= 2 && buf[e - 2] === 0xc2 && (buf[e - 1] === 0xa3 || buf[e - 1] === 0xa5)) return 2;
  const c = buf[e - 1];
  if (c === 0x24) return 1;
  return (c === 0x80 || c === 0xa3 || c === 0xa5) && (e - s < 2 || buf[e - 2] < 0x80) ? 1 : 0;
}

/**
 * Numbers as spreadsheets format them for people: a currency sign before or after ("$1,234.50",
 * "12,50 €" with `decimalComma`), a percent sign after ("12.5%", read as 12.5, as `rstrip('%')`
 * would), commas between thousands ("1,234,567"), an accounting negative in parentheses
 * ("(1,234.00)"), and spaces or no-break spaces between sign, symbol and digits. `decimalComma`
 * reads the digits as `parseCommaNumber` does ("1.234,56"). The digits go to `parseNumber`, so
 * "$12.5" is the same double as "12.5" and `lastNumberWasInteger` is set the same way; NaN when
 * `buf[s, e)` is not such a number (two symbols, a misplaced comma, letters) or has no decoration
 * (a plain number is `parseNumber`'s).
 */
export function parseDecoratedNumber(buf: Uint8Array, s: number, e: number, decimalComma: boolean): number {
  lastDecorations = 0;
  let marks = 0;
  let w: number;
  while (s < e && (w = spaceAt(buf, s, e)) > 0) s += w;
  while (e > s && (w = spaceBefore(buf, s, e)) > 0) e -= w;
  let negative = false;
  if (e - s >= 2 && buf[s] === 40 && buf[e - 1] === 41) {
    negative = true;
    marks |= PARENTHESES;
    s++;
    e--;
  }
  let signed = false;
  const sign = () => {
    if (s < e && (buf[s] === 45 || buf[s] === 43) && !signed) {
      signed = true;
      negative = negative !== (buf[s] === 45);
      s++;
      while (s < e && (w = spaceAt(buf, s, e)) > 0) s += w;
    }
  };
  sign();
  if (s < e && (w = currencyAt(buf, s, e)) > 0) {
    marks |= CURRENCY;
    s += w;
    while (s < e && (w = spaceAt(buf, s, e)) > 0) s += w;
    sign();
  }
  if (e > s && buf[e - 1] === 37) {
    marks |= PERCENT;
    e--;
  } else if (e > s && !(marks & CURRENCY) && (w = currencyBefore(buf, s, e)) > 0) {
    marks |= CURRENCY;
    e -= w;
  }
  while (e > s && (w = spaceBefore(buf, s, e)) > 0) e -= w;
  if (s >= e || buf[s] === 45 || buf[s] === 43 || (marks & PARENTHESES && signed) || (marks & CURRENCY && marks & PERCENT)) return NaN;
  let v: number;
  if (decimalComma) {
    v = parseCommaNumber(buf, s, e);
  } else {
    if (e - s > scratch.length) return NaN;
    let o = 0;
    let i = s;
    let run = 0;
    let groups = 0;
    for (; i < e; i++) {
      const c = buf[i];
      if (c >= 48 && c <= 57) {
        scratch[o++] = c;
        run++;
      } else if (c === 44) {
        // Thousands: one to three digits (not a lone 0) first, then groups of exactly three.
        if (groups === 0 ? run === 0 || run > 3 || (run === 1 && buf[i - 1] === 48) : run !== 3) return NaN;
        groups++;
        run = 0;
      } else break;
    }
    if (groups > 0) {
      if (run !== 3) return NaN;
      marks |= THOUSANDS;
    }
    for (; i < e; i++) scratch[o++] = buf[i];
    v = parseNumber(scratch, 0, o);
  }
  if (v !== v || marks === 0) return NaN;
  lastDecorations = marks;
  return negative ? -v : v;
}
