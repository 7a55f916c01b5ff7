import { formatExact, isYearColumn } from '../format';
import { booleanWord } from './booleanWords';
import { isNumeric, type Column } from './types';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO 8601 text of epoch ms: `YYYY-MM-DD` at midnight, else `YYYY-MM-DDTHH:mm[:ss[.SSS]]Z`. */
export function formatDatetime(ms: number): string {
  return datetimeText(ms, 'T', 'Z');
}

/**
 * Epoch ms for people, in the studio's one date format (see formatDate): "2024-08-08" at midnight,
 * else "2024-08-08 12:28" (seconds when there are some). UTC, because datetimes are read as UTC:
 * the words match what the file says.
 */
export function datetimeWords(ms: number): string {
  return datetimeText(ms, ' ', '');
}

function datetimeText(ms: number, between: string, zone: string): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const y = d.getUTCFullYear();
  const date = `${y < 0 ? '-' + pad(-y, 6) : y > 9999 ? '+' + pad(y, 6) : pad(y, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  const f = d.getUTCMilliseconds();
  if (h === 0 && m === 0 && s === 0 && f === 0) return date;
  let time = `${pad(h)}:${pad(m)}`;
  if (s !== 0 || f !== 0) time += `:${pad(s)}`;
  if (f !== 0) time += `.${pad(f, 3)}`;
  return `${date}${between}${time}${zone}`;
}

/** The cell as display text: numbers as JS prints them, booleans in their file's words (`true`/`false` by default), datetimes ISO, missing ''. */
export function cellText(column: Column, row: number): string {
  if (isNumeric(column)) {
    const v = column.values[row];
    if (v !== v) return '';
    if (column.type === 'boolean') return booleanWord(column, v);
    if (column.type === 'datetime') return formatDatetime(v);
    return String(v);
  }
  const code = column.codes[row];
  return code < 0 ? '' : column.dictionary[code];
}

/**
 * The cell for people (the data grid): as cellText, but datetimes in the one date format and
 * numbers with thousands separators and a true minus, every digit kept ("1,234,567.5"); a column
 * of years ("year", "model_year") keeps plain digits (2014).
 */
export function cellWords(column: Column, row: number): string {
  if ((column.type === 'integer' || column.type === 'float') && isNumeric(column)) {
    const v = column.values[row];
    return v !== v ? '' : formatExact(v, isYearColumn(column.name));
  }
  if (column.type === 'datetime' && isNumeric(column)) {
    const v = column.values[row];
    return v !== v ? '' : datetimeWords(v);
  }
  return cellText(column, row);
}

/** The raw cell: number (datetime as epoch ms), string, boolean, or null when missing. */
export function cellValue(column: Column, row: number): number | string | boolean | null {
  if (isNumeric(column)) {
    const v = column.values[row];
    if (v !== v) return null;
    return column.type === 'boolean' ? v === 1 : v;
  }
  const code = column.codes[row];
  return code < 0 ? null : column.dictionary[code];
}
