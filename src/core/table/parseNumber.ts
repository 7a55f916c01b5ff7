/**
 * Number parsing straight from bytes, without building a string on the common path.
 * Decimal text with at most 15 significant digits and a power of ten within ±22 is exact
 * as `mantissa / 10^k` (Clinger's fast path); anything longer falls back to `Number()`.
 */

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Set by `parseNumber`: whether the last successful parse was written as an integer (no point, no exponent). */
export let lastNumberWasInteger = false;

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function slowParse(buf: Uint8Array, s: number, e: number): number {
  let text = '';
  for (let i = s; i < e; i++) text += String.fromCharCode(buf[i]);
  const v = Number(text);
  return Number.isNaN(v) ? NaN : v;
}

/** `inf`, `infinity` (any case) with an optional sign; returns 0 when the bytes are not one of them. */
function parseInfinity(buf: Uint8Array, s: number, e: number): number {
  let sign = 1;
  if (buf[s] === 45 || buf[s] === 43) {
    if (buf[s] === 45) sign = -1;
    s++;
  }
  const len = e - s;
  if (len !== 3 && len !== 8) return 0;
  const word = 'infinity';
  for (let i = 0; i < len; i++) if ((buf[s + i] | 0x20) !== word.charCodeAt(i)) return 0;
  return sign * Infinity;
}

/**
 * Parses `[+-]digits[.digits][(e|E)[+-]digits]`, or `inf`/`infinity`, from `buf[s, e)`,
 * ignoring surrounding spaces and tabs. Returns NaN when the bytes are not such a number,
 * including integers written with leading zeros (`007`), which are codes rather than quantities.
 */
export function parseNumber(buf: Uint8Array, s: number, e: number): number {
  while (s < e && isSpace(buf[s])) s++;
  while (e > s && isSpace(buf[e - 1])) e--;
  if (s === e) return NaN;
  let i = s;
  let negative = false;
  let c = buf[i];
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  // "08123" is a code (ZIP, account), not the number 8123: keep it as text.
  if (buf[i] === 48 && i + 1 < e && buf[i + 1] >= 48 && buf[i + 1] <= 57) return NaN;
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let scale = 0;
  let sawDigit = false;
  while (i < e) {
    c = buf[i] - 48;
    if (c < 0 || c > 9) break;
    sawDigit = true;
    if (significant > 0 || c !== 0) significant++;
    mantissa = mantissa * 10 + c;
    digits++;
    i++;
  }
  let integer = true;
  if (i < e && buf[i] === 46) {
    integer = false;
    i++;
    while (i < e) {
      c = buf[i] - 48;
      if (c < 0 || c > 9) break;
      sawDigit = true;
      if (significant > 0 || c !== 0) significant++;
      mantissa = mantissa * 10 + c;
      scale--;
      i++;
    }
  }
  if (!sawDigit) {
    const inf = parseInfinity(buf, s, e);
    if (inf !== 0) {
      lastNumberWasInteger = false;
      return inf;
    }
    return NaN;
  }
  if (i < e && (buf[i] | 0x20) === 101) {
    integer = false;
    i++;
    let expNegative = false;
    if (i < e && (buf[i] === 45 || buf[i] === 43)) {
      expNegative = buf[i] === 45;
      i++;
    }
    let exp = 0;
    let expDigits = 0;
    while (i < e) {
      c = buf[i] - 48;
      if (c < 0 || c > 9) break;
      if (exp < 100000) exp = exp * 10 + c;
      expDigits++;
      i++;
    }
    if (expDigits === 0) return NaN;
    scale += expNegative ? -exp : exp;
  }
  if (i !== e) return NaN;
  lastNumberWasInteger = integer;
  if (significant > 15 || scale < -22 || scale > 22) return slowParse(buf, s, e);
  const v = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
  return negative ? -v : v;
}
