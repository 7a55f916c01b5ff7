import { groupedDigits, groupedEnd, groupedSeparators, parseCommaNumber } from './parseCommaNumber';
import { parseNumber } from './parseNumber';

/** Bits of `lastDecorations`: what the last number read by `parseDecoratedNumber` was written with. */
export const CURRENCY = 1;
export const PERCENT = 2;
export const THOUSANDS = 4;
export const PARENTHESES = 8;
export const MINUS_SIGN = 16;

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
 * reads the digits as `parseCommaNumber` does ("1.234,56"), and spaces between thousands ("1 234,56"). The digits go to `parseNumber`, so
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
  // Most text cells of a sample start with a letter: no such number can.
  const first = buf[s];
  if (s >= e || !((first >= 48 && first <= 57) || first === 40 || first === 45 || first === 43 || first === 46 || first === 0x24 || first === 0xe2 || first === 0xc2 || first === 0x80 || first === 0xa3 || first === 0xa5)) return NaN;
  let minus = 0;
  let negative = false;
  if (e - s >= 2 && buf[s] === 40 && buf[e - 1] === 41) {
    negative = true;
    marks |= PARENTHESES;
    s++;
    e--;
  }
  // A sign before or after a leading currency sign ("-$5", "$-5"), not both; no closure, since this runs on every text cell of a sample.
  let signed = false;
  for (let pass = 0; pass < 2; pass++) {
    // The minus sign U+2212 ("−21"), as typeset tables and web pages write it.
    minus = buf[s] === 0xe2 && s + 2 < e && buf[s + 1] === 0x88 && buf[s + 2] === 0x92 ? 3 : 0;
    if (s < e && (buf[s] === 45 || buf[s] === 43 || minus > 0) && !signed) {
      signed = true;
      negative = negative !== (buf[s] !== 43);
      if (minus > 0) marks |= MINUS_SIGN;
      s += minus || 1;
      while (s < e && (w = spaceAt(buf, s, e)) > 0) s += w;
    }
    if (pass === 0 && s < e && (w = currencyAt(buf, s, e)) > 0) {
      marks |= CURRENCY;
      s += w;
      while (s < e && (w = spaceAt(buf, s, e)) > 0) s += w;
    } else break;
  }
  if (e > s && buf[e - 1] === 37) {
    marks |= PERCENT;
    e--;
  } else if (e > s && !(marks & CURRENCY) && (w = currencyBefore(buf, s, e)) > 0) {
    marks |= CURRENCY;
    e -= w;
  }
  while (e > s && (w = spaceBefore(buf, s, e)) > 0) e -= w;
  if (s >= e || buf[s] === 45 || buf[s] === 43 || buf[s] === 0xe2 || (marks & PARENTHESES && signed) || (marks & CURRENCY && marks & PERCENT)) return NaN;
  let v: number;
  if (decimalComma) {
    // Spaces between thousands, as French and Nordic spreadsheets write them ("1 234,56", also with
    // a no-break or narrow no-break space), become the points parseCommaNumber checks the groups of.
    if (e - s > scratch.length) return NaN;
    let o = 0;
    for (let i = s; i < e; i++) {
      const c = buf[i];
      const gap = c === 32 ? 1 : c === 0xc2 && buf[i + 1] === 0xa0 ? 2 : c === 0xe2 && buf[i + 1] === 0x80 && buf[i + 2] === 0xaf ? 3 : 0;
      if (gap > 0 && o > 0 && scratch[o - 1] >= 48 && scratch[o - 1] <= 57 && buf[i + gap] >= 48 && buf[i + gap] <= 57) {
        scratch[o++] = 46;
        marks |= THOUSANDS;
        i += gap - 1;
      } else scratch[o++] = c;
    }
    // Nothing stripped or rewritten: a plain comma number is parseCommaNumber's, anything else none.
    if (marks === 0) return NaN;
    v = parseCommaNumber(scratch, 0, o);
  } else {
    if (e - s > scratch.length) return NaN;
    let i = groupedDigits(buf, s, e, 44, scratch, 0);
    if (i < 0) return NaN;
    let o = groupedEnd;
    if (groupedSeparators > 0) marks |= THOUSANDS;
    if (marks === 0) return NaN;
    for (; i < e; i++) scratch[o++] = buf[i];
    v = parseNumber(scratch, 0, o);
  }
  if (v !== v || marks === 0) return NaN;
  lastDecorations = marks;
  return negative ? -v : v;
}
