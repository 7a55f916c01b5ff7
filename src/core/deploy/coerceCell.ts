/**
 * Reading one raw cell of a row object, shared by `onnxInputs`; scorer.mjs carries a line-for-line
 * copy (scorerRuntime.ts), and the tests check both give the same values and messages.
 */
import type { ColumnType } from '../table/types';

/** A parsed cell: a number (NaN = missing) for numeric types, a string or null otherwise; or an error message. */
export type Cell = { ok: true; value: number | string | null } | { ok: false; error: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?Infinity$/;
const ISO_LOCAL = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/;
const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);

export function isStringType(type: ColumnType): boolean {
  return type === 'categorical' || type === 'text' || type === 'identifier';
}

/** The value as a message shows it: strings quoted and cut at 40 characters. */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  return String(v);
}

/** Epoch ms of an ISO 8601 string; a date or time without a zone is read as UTC, as the studio does. */
export function parseDate(s: string): number {
  const local = ISO_LOCAL.exec(s);
  if (local) return Date.parse(`${local[1]}T${local[2] ?? '00:00:00'}Z`);
  return Date.parse(s);
}

export function missingColumn(name: string): string {
  return `Column '${name}' is missing from the row; add it (null marks a missing value).`;
}

/** Reads cell `v` of column `name` whose training type is `type`. */
export function coerceCell(v: unknown, name: string, type: ColumnType): Cell {
  if (isStringType(type)) {
    if (v === null || v === undefined || v === '') return { ok: true, value: null };
    if (typeof v === 'string') return { ok: true, value: v };
    if (typeof v === 'number' || typeof v === 'boolean') return { ok: true, value: String(v) };
    return { ok: false, error: `Column '${name}' holds ${showValue(v)}, which is not text; send a string or null.` };
  }
  if (v === null || v === undefined) return { ok: true, value: NaN };
  if (typeof v === 'number') return { ok: true, value: v };
  if (typeof v === 'boolean') return { ok: true, value: v ? 1 : 0 };
  if (type === 'datetime' && typeof v === 'object' && typeof (v as { getTime?: unknown }).getTime === 'function') {
    return { ok: true, value: (v as Date).getTime() };
  }
  if (typeof v !== 'string') return { ok: false, error: `Column '${name}' holds ${showValue(v)}, which is not a number; send a number, a numeric string or null.` };
  const s = v.trim();
  if (s === '') return { ok: true, value: NaN };
  if (NUMBER.test(s)) return { ok: true, value: Number(s) };
  if (type === 'datetime') {
    const ms = parseDate(s);
    if (ms === ms) return { ok: true, value: ms };
    return { ok: false, error: `Column '${name}' holds ${showValue(v)}, which is not a date; send an ISO 8601 string (2024-05-01T12:00:00Z), epoch milliseconds or null.` };
  }
  if (type === 'boolean') {
    const t = s.toLowerCase();
    if (TRUE.has(t)) return { ok: true, value: 1 };
    if (FALSE.has(t)) return { ok: true, value: 0 };
    return { ok: false, error: `Column '${name}' holds ${showValue(v)}, which is not a boolean; send true/false, 1/0 or null.` };
  }
  return { ok: false, error: `Column '${name}' holds ${showValue(v)}, which is not a number; send a number, a numeric string or null.` };
}
