/**
 * Reading one raw cell of a row object. `cellReader` is the single source: onnxInputs and
 * `coerceCell` call it here, and scorerSource ships the same function into scorer.mjs with
 * `Function.prototype.toString()`, so it must stay self-contained (built-ins only; the date reader
 * is passed in).
 */
import type { InputColumn } from '../recipe';
import { dateKernel, type DateFamily, type DateKernel } from '../table';
import type { ColumnType } from '../table';

/** A parsed cell: a number (NaN = missing) for numeric types, a string or null otherwise; or an error message. */
export type Cell = { ok: true; value: number | string | null } | { ok: false; error: string };

/** An input column compiled once for reading its cells. */
export interface CellColumn {
  name: string;
  type: ColumnType;
  text: boolean;
  /** Datetime columns: the family training read, or null to infer it per value (recipes saved before formats were recorded). */
  family: DateFamily | null;
  /** The recorded pattern, e.g. `DD.MM.YYYY HH:mm` ('' when none). */
  pattern: string;
}

export interface CellReader {
  column(c: InputColumn): CellColumn;
  /** The cell as a number (NaN = missing) or a string/null; on a bad cell sets `error` (the caller clears it). */
  read(v: unknown, c: CellColumn): number | string | null;
  error: string | null;
  isStringType(type: ColumnType): boolean;
  missingColumn(name: string): string;
}

export function cellReader(dates: DateKernel): CellReader {
  const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?Infinity$/;
  // The words the training reader takes for a boolean (parseBoolean.ts), in any case, and 1/0.
  const TRUE = new Set(['true', 'yes', 't', 'y', '1']);
  const FALSE = new Set(['false', 'no', 'f', 'n', '0']);
  const FAMILY_WORDS = { iso: 'year first, with an optional time and zone', mdy: 'month before day', dmy: 'day before month', named: 'the month as a name' };

  function isStringType(type: ColumnType): boolean {
    return type === 'categorical' || type === 'text' || type === 'identifier';
  }
  /** The value as a message shows it: strings quoted and cut at 40 characters. */
  function showValue(v: unknown): string {
    if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '\u2026' : v);
    return String(v);
  }
  function missingColumn(name: string): string {
    return "Column '" + name + "' is missing from the row; add it (null marks a missing value).";
  }
  function notNumber(v: unknown, name: string): string {
    return "Column '" + name + "' holds " + showValue(v) + ', which is not a number; send a number, a numeric string or null.';
  }
  function notDate(v: unknown, c: CellColumn): string {
    const head = "Column '" + c.name + "' holds " + showValue(v) + ', which is not a date';
    if (c.family === null) return head + '; send an ISO 8601 string (2024-05-01T12:00:00Z), epoch milliseconds or null.';
    return head + ' written as in the training data (' + c.pattern + ', ' + FAMILY_WORDS[c.family] + '); send a date in that shape, in ISO 8601 (2024-05-01), as epoch milliseconds or null.';
  }
  function column(c: InputColumn): CellColumn {
    const pattern = c.type === 'datetime' && typeof c.format === 'string' ? c.format : '';
    const family = pattern === '' ? null : dates.familyOfPattern(pattern);
    return { name: c.name, type: c.type, text: isStringType(c.type), family, pattern: family === null ? '' : pattern };
  }
  function read(v: unknown, c: CellColumn): number | string | null {
    if (c.text) {
      if (v === null || v === undefined || v === '') return null;
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      reader.error = "Column '" + c.name + "' holds " + showValue(v) + ', which is not text; send a string or null.';
      return null;
    }
    if (v === null || v === undefined) return NaN;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (c.type === 'datetime' && typeof v === 'object' && typeof (v as { getTime?: unknown }).getTime === 'function') return (v as Date).getTime();
    if (typeof v !== 'string') {
      reader.error = notNumber(v, c.name);
      return NaN;
    }
    const s = v.trim();
    if (s === '') return NaN;
    if (NUMBER.test(s)) return Number(s);
    if (c.type === 'datetime') {
      // Training's own reader: the recorded family, or its inference when none was recorded. Never Date.parse, which reads 01.05.2024 as 5 January in local time.
      const ms = dates.readDateText(s, c.family);
      if (ms === ms) return ms;
      reader.error = notDate(v, c);
      return NaN;
    }
    if (c.type === 'boolean') {
      const t = s.toLowerCase();
      if (TRUE.has(t)) return 1;
      if (FALSE.has(t)) return 0;
      reader.error = "Column '" + c.name + "' holds " + showValue(v) + ', which is not a boolean; send true/false, yes/no, 1/0 or null.';
      return NaN;
    }
    reader.error = notNumber(v, c.name);
    return NaN;
  }
  const reader: CellReader = { column, read, error: null, isStringType, missingColumn };
  return reader;
}

const cells = cellReader(dateKernel());

export const isStringType = cells.isStringType;
export const missingColumn = cells.missingColumn;
/** Reads cell `v` of column `name` whose training type is `type` (and, for dates, whose recorded format is `format`). */
export function coerceCell(v: unknown, name: string, type: ColumnType, format?: string): Cell {
  const value = cells.read(v, cells.column({ name, type, ...(format ? { format } : {}) }));
  const error = cells.error;
  if (error === null) return { ok: true, value };
  cells.error = null;
  return { ok: false, error };
}
