/**
 * Date and date-time parsing from bytes by hand (no `Date.parse`): digits are read directly
 * and turned into UTC epoch milliseconds with the days-from-civil formula.
 *
 * This is the one date reader: ingest reads CSV cells with it, and scorer.mjs, the demo page, ONNX
 * input preparation and batch scoring read text dates with it too. `dateKernel` is therefore
 * self-contained (it uses nothing from this module's scope, only built-ins), so scorerSource can
 * ship it into scorer.mjs with `Function.prototype.toString()`. Keep it that way: no imports,
 * no module constants, no helpers outside its body.
 */

import type { DateFamily, DateKernel } from './dateKernelTypes';

export type { DateFamily, DateKernel } from './dateKernelTypes';

export function dateKernel(): DateKernel {
  const HAS_TIME = 1;
  const T_SEPARATOR = 2;
  const HAS_SECONDS = 4;
  const ZULU = 8;
  const OFFSET = 16;
  /** Fraction digits are stored in bits 5 to 8. */
  const FRACTION_SHIFT = 5;
  /** A named month after the day ("12 Jun 1998"). */
  const DAY_BEFORE_NAME = 512;
  /** Month names, lower case, January first; "sept" is read as well. */
  const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  /** Days since the epoch of the first of each month, 1900–2155, filled on first use (see `daysOf`). */
  const MONTH_DAYS = new Int32Array(256 * 12).fill(-0x7fffffff);
  let scratch = new Uint8Array(64);

  function datetimePattern(family: DateFamily, shape: number): string {
    let p = family === 'iso' ? 'YYYY-MM-DD' : family === 'mdy' ? 'MM/DD/YYYY' : family === 'dmy' ? 'DD.MM.YYYY' : shape & DAY_BEFORE_NAME ? 'DD MMM YYYY' : 'MMM DD YYYY';
    if (!(shape & HAS_TIME)) return p;
    p += (shape & T_SEPARATOR ? 'T' : ' ') + 'HH:mm';
    if (shape & HAS_SECONDS) p += ':ss';
    const fraction = (shape >> FRACTION_SHIFT) & 15;
    if (fraction > 0) p += '.' + 'S'.repeat(fraction);
    if (shape & ZULU) p += 'Z';
    if (shape & OFFSET) p += 'XXX';
    return p;
  }

  function familyOfPattern(pattern: string): DateFamily | null {
    const head = pattern.slice(0, 10);
    if (head === 'YYYY-MM-DD') return 'iso';
    if (head === 'MM/DD/YYYY') return 'mdy';
    if (head === 'DD.MM.YYYY') return 'dmy';
    const named = pattern.slice(0, 11);
    return named === 'MMM DD YYYY' || named === 'DD MMM YYYY' ? 'named' : null;
  }

  function daysOf(y: number, m: number, d: number): number {
    const k = (y - 1900) * 12 + m - 1;
    if (k < 0 || k >= MONTH_DAYS.length) return daysFromCivil(y, m, d);
    let first = MONTH_DAYS[k];
    if (first === -0x7fffffff) first = MONTH_DAYS[k] = daysFromCivil(y, m, 1);
    return first + d - 1;
  }

  /** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
  function daysFromCivil(y: number, m: number, d: number): number {
    y -= m <= 2 ? 1 : 0;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  function daysInMonth(y: number, m: number): number {
    if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
    return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  }

  /** Reads exactly `n` (1, 2 or 4) digits at `i`; -1 when any is not a digit. Unrolled: this runs for every date cell. */
  function digits(buf: Uint8Array, i: number, n: number, e: number): number {
    if (i + n > e) return -1;
    const a = buf[i] - 48;
    if (a < 0 || a > 9) return -1;
    if (n === 1) return a;
    const b = buf[i + 1] - 48;
    if (b < 0 || b > 9) return -1;
    if (n === 2) return a * 10 + b;
    const c = buf[i + 2] - 48;
    const d = buf[i + 3] - 48;
    if (c < 0 || c > 9 || d < 0 || d > 9) return -1;
    return a * 1000 + b * 100 + c * 10 + d;
  }

  /** Reads 1 or 2 digits at `i` (for `M/D/YYYY`); returns value * 4 + digit count, or -1. */
  function shortDigits(buf: Uint8Array, i: number, e: number): number {
    const a = digits(buf, i, 1, e);
    if (a < 0) return -1;
    const b = digits(buf, i + 1, 1, e);
    return b < 0 ? a * 4 + 1 : (a * 10 + b) * 4 + 2;
  }

  /**
   * Parses an optional time part ` HH:MM[:SS[.fff]]` / `THH:MM...` plus an optional `Z`/`±HH[:]MM`
   * offset starting at `i`, given the day number. Returns epoch ms or NaN.
   */
  function parseTime(buf: Uint8Array, i: number, e: number, days: number, allowT: boolean): number {
    if (i === e) {
      kernel.shape = 0;
      return days * 86400000;
    }
    const sep = buf[i];
    if (!(sep === 32 || (allowT && (sep === 84 || sep === 116)))) return NaN;
    const hh = digits(buf, i + 1, 2, e);
    if (hh < 0 || hh > 23 || buf[i + 3] !== 58) return NaN;
    const mm = digits(buf, i + 4, 2, e);
    if (mm < 0 || mm > 59) return NaN;
    let shape = HAS_TIME | (sep === 32 ? 0 : T_SEPARATOR);
    let j = i + 6;
    let ss = 0;
    let ms = 0;
    if (j < e && buf[j] === 58) {
      ss = digits(buf, j + 1, 2, e);
      if (ss < 0 || ss > 59) return NaN;
      shape |= HAS_SECONDS;
      j += 3;
      if (j < e && buf[j] === 46) {
        j++;
        const start = j;
        while (j < e && buf[j] >= 48 && buf[j] <= 57) {
          if (j - start < 3) ms = ms * 10 + (buf[j] - 48);
          j++;
        }
        const n = j - start;
        if (n === 0) return NaN;
        if (n < 3) ms *= n === 1 ? 100 : 10;
        shape |= Math.min(n, 9) << FRACTION_SHIFT;
      }
    }
    let offsetMinutes = 0;
    if (j < e) {
      const c = buf[j];
      if ((c === 90 || c === 122) && j + 1 === e) {
        shape |= ZULU;
        j++;
      } else if (c === 43 || c === 45) {
        const oh = digits(buf, j + 1, 2, e);
        if (oh < 0 || oh > 23) return NaN;
        let k = j + 3;
        let om = 0;
        if (k < e) {
          if (buf[k] === 58) k++;
          om = digits(buf, k, 2, e);
          if (om < 0 || om > 59) return NaN;
          k += 2;
        }
        if (k !== e) return NaN;
        offsetMinutes = (c === 45 ? -1 : 1) * (oh * 60 + om);
        shape |= OFFSET;
        j = e;
      } else {
        return NaN;
      }
    }
    if (j !== e) return NaN;
    kernel.shape = shape;
    return days * 86400000 + hh * 3600000 + mm * 60000 + ss * 1000 + ms - offsetMinutes * 60000;
  }

  function parseIso(buf: Uint8Array, s: number, e: number): number {
    const y = digits(buf, s, 4, e);
    if (y < 0 || buf[s + 4] !== 45 || buf[s + 7] !== 45) return NaN;
    const m = digits(buf, s + 5, 2, e);
    const d = digits(buf, s + 8, 2, e);
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
    return parseTime(buf, s + 10, e, daysOf(y, m, d), true);
  }

  /** `MM/DD/YYYY` (or `DD.MM.YYYY` when `dayFirst`), one- or two-digit day and month. */
  function parseNumericDate(buf: Uint8Array, s: number, e: number, sepChar: number, dayFirst: boolean): number {
    const a = shortDigits(buf, s, e);
    if (a < 0) return NaN;
    let i = s + (a & 3);
    if (buf[i] !== sepChar) return NaN;
    const b = shortDigits(buf, i + 1, e);
    if (b < 0) return NaN;
    i += 1 + (b & 3);
    if (buf[i] !== sepChar) return NaN;
    const y = digits(buf, i + 1, 4, e);
    if (y < 0) return NaN;
    const m = dayFirst ? b >> 2 : a >> 2;
    const d = dayFirst ? a >> 2 : b >> 2;
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
    return parseTime(buf, i + 5, e, daysOf(y, m, d), false);
  }

  /** An ASCII letter, either case. */
  function isLetter(c: number): boolean {
    return (c | 32) >= 97 && (c | 32) <= 122;
  }

  /**
   * The English month name or abbreviation at `i` ("Jun", "June", "Jun.", "Sept.", any case) as
   * month * 16 + its length in bytes; -1 when the letters there name no month.
   */
  function monthName(buf: Uint8Array, i: number, e: number): number {
    let n = 0;
    while (i + n < e && n < 10 && isLetter(buf[i + n])) n++;
    if (n < 3 || n === 10) return -1;
    for (let m = 0; m < 12; m++) {
      const name = MONTH_NAMES[m];
      if (n !== 3 && n !== name.length && !(m === 8 && n === 4)) continue;
      let k = 0;
      while (k < n && (buf[i + k] | 32) === name.charCodeAt(k)) k++;
      if (k === n) return (m + 1) * 16 + n + (buf[i + n] === 46 ? 1 : 0);
    }
    return -1;
  }

  /**
   * A date with its month as a name: "Jun 12 1998", "June 12, 1998" or "12 Jun 1998", "12-Jun-1998";
   * one- or two-digit day, four-digit year, then an optional time as for the other families.
   */
  function parseNamedDate(buf: Uint8Array, s: number, e: number): number {
    const day = shortDigits(buf, s, e);
    if (day < 0) {
      // The name, a space, the day, an optional comma, a space.
      const name = monthName(buf, s, e);
      const after = s + (name & 15);
      const d = name < 0 || buf[after] !== 32 ? -1 : shortDigits(buf, after + 1, e);
      if (d < 0) return NaN;
      let i = after + 1 + (d & 3);
      if (buf[i] === 44) i++;
      return buf[i] === 32 ? yearAndTime(buf, i + 1, e, name >> 4, d >> 2, 0) : NaN;
    }
    // The day, then the name between two equal separators (a space or a dash).
    const i = s + (day & 3);
    const sep = buf[i];
    const name = sep === 32 || sep === 45 ? monthName(buf, i + 1, e) : -1;
    if (name < 0 || buf[i + 1 + (name & 15)] !== sep) return NaN;
    return yearAndTime(buf, i + 2 + (name & 15), e, name >> 4, day >> 2, DAY_BEFORE_NAME);
  }

  /** The year and optional time after a named date's day and month; `order` is the shape bit of the day's place. */
  function yearAndTime(buf: Uint8Array, i: number, e: number, m: number, d: number, order: number): number {
    const y = digits(buf, i, 4, e);
    if (y < 0 || d < 1 || d > daysInMonth(y, m)) return NaN;
    const ms = parseTime(buf, i + 4, e, daysOf(y, m, d), false);
    if (ms === ms) kernel.shape |= order;
    return ms;
  }

  function parseDatetime(buf: Uint8Array, s: number, e: number, family: DateFamily): number {
    while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
    if (family === 'iso') return parseIso(buf, s, e);
    if (family === 'mdy') return parseNumericDate(buf, s, e, 47, false);
    if (family === 'dmy') return parseNumericDate(buf, s, e, 46, true);
    return parseNamedDate(buf, s, e);
  }

  function detectDateFamily(buf: Uint8Array, s: number, e: number): DateFamily | null {
    while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
    if (e - s < 8) return null;
    if (buf[s + 4] === 45) return Number.isNaN(parseIso(buf, s, e)) ? null : 'iso';
    const c = buf[s + 1] === 47 || buf[s + 2] === 47 ? 'mdy' : buf[s + 1] === 46 || buf[s + 2] === 46 ? 'dmy' : null;
    if (c !== null) return Number.isNaN(parseDatetime(buf, s, e, c)) ? null : c;
    // A month name starts the text or follows a one- or two-digit day.
    if (!isLetter(buf[s]) && !isLetter(buf[s + 2]) && !isLetter(buf[s + 3])) return null;
    return Number.isNaN(parseNamedDate(buf, s, e)) ? null : 'named';
  }

  function readDateText(text: string, family: DateFamily | null): number {
    const n = text.length;
    if (scratch.length < n) scratch = new Uint8Array(2 * n);
    // A character outside ASCII can be no part of a date: 255 makes it fail every check, as in a UTF-8 file.
    for (let i = 0, c = 0; i < n; i++) scratch[i] = (c = text.charCodeAt(i)) < 128 ? c : 255;
    const f = family === null ? detectDateFamily(scratch, 0, n) : family;
    const ms = f === null ? NaN : parseDatetime(scratch, 0, n, f);
    // ISO 8601 is read whatever training's format: no other family starts with "YYYY-".
    return ms === ms || f === 'iso' || n < 8 || scratch[4] !== 45 ? ms : parseIso(scratch, 0, n);
  }

  const kernel: DateKernel = { parseDatetime, parseIso, detectDateFamily, daysOf, daysInMonth, datetimePattern, familyOfPattern, readDateText, shape: 0 };
  return kernel;
}

/** Training's instance: ingest, inference and (through coerceCell) the studio's scoring paths. */
const dates = dateKernel();

export const parseDatetime = dates.parseDatetime;
export const parseIso = dates.parseIso;
export const detectDateFamily = dates.detectDateFamily;
export const daysOf = dates.daysOf;
export const daysInMonth = dates.daysInMonth;
export const familyOfPattern = dates.familyOfPattern;

/** The pattern of the last successful `parseDatetime`, e.g. `DD.MM.YYYY HH:mm`. */
export function lastDatetimePattern(family: DateFamily): string {
  return dates.datetimePattern(family, dates.shape);
}
