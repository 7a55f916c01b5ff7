/**
 * Row steps (deduplicate, filter): which rows of a table take part in fitting and evaluation.
 * They read the file's own columns and are never part of the scorer.
 */
import { isNumeric, type Column, type Table } from '../table';
import { RecipeError } from './errors';
import { columnList } from './frame';
import type { ColumnStep, DeduplicateStep, FilterOp, FilterStep, RowStep, Step } from './types';

export const FILTER_OPS: readonly FilterOp[] = ['=', '!=', '<', '<=', '>', '>=', 'missing', 'present'];
const ORDERED: readonly FilterOp[] = ['<', '<=', '>', '>='];

export function isRowStep(step: Step): step is RowStep {
  return step.kind === 'deduplicate' || step.kind === 'filter';
}

export function isColumnStep(step: Step): step is ColumnStep {
  return !isRowStep(step);
}

function fileColumn(table: Table, name: string, where: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    throw new RecipeError(`${where} keeps rows by column '${name}', which is not in the file '${table.name}' (columns: ${columnList(table)}). Pick one of its columns or remove the step.`, { column: name });
  }
  return column;
}

/** Repeats found per table and column set, so train, test and every fold agree on which copy stays. */
const repeats = new WeakMap<Table, Map<string, Uint8Array>>();

/** 1 for each row that repeats an earlier row of `table` on `names` (every column when empty). */
function repeatMask(table: Table, step: DeduplicateStep, where: string): Uint8Array {
  const names = step.columns?.length ? step.columns : table.columns.map((c) => c.name);
  const key = JSON.stringify(names);
  const cached = repeats.get(table)?.get(key);
  if (cached) return cached;
  const columns = names.map((n) => fileColumn(table, n, where));
  const seen = new Set<string>();
  const mask = new Uint8Array(table.rowCount);
  const cells: (number | string)[] = new Array(columns.length);
  for (let r = 0; r < table.rowCount; r++) {
    // Codes stand for equal strings within one table; NaN prints as "NaN", so missing cells match each other.
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j];
      cells[j] = isNumeric(c) ? c.values[r] : c.codes[r] < 0 ? '' : `s${c.codes[r]}`;
    }
    const row = cells.join('\u0001');
    if (seen.has(row)) mask[r] = 1;
    else seen.add(row);
  }
  if (!repeats.has(table)) repeats.set(table, new Map());
  repeats.get(table)!.set(key, mask);
  return mask;
}

/** A number for comparing with a numeric or datetime column; an error when `value` is not one. */
export function numericValue(column: Column, value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const text = String(value ?? '').trim();
  if (column.type === 'boolean' && /^(true|false)$/i.test(text)) return /^true$/i.test(text) ? 1 : 0;
  if (column.type === 'datetime') {
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(text) : Number(text);
    if (text !== '' && Number.isFinite(ms)) return ms;
    throw new RecipeError(`${where} compares the date column '${column.name}' with '${text}'; write a date as 2024-05-01 (UTC) or an ISO time with its zone.`, { column: column.name });
  }
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) throw new RecipeError(`${where} compares the numeric column '${column.name}' with '${text}', which is not a number. Enter a number.`, { column: column.name });
  return n;
}

/** 1 for each row of `table` that fails the filter. */
function filterMask(table: Table, step: FilterStep, where: string): Uint8Array {
  if (!FILTER_OPS.includes(step.op)) throw new RecipeError(`${where} has the condition '${String(step.op)}'; use one of ${FILTER_OPS.join(', ')}.`);
  const column = fileColumn(table, step.column, where);
  const mask = new Uint8Array(table.rowCount);
  const op = step.op;
  if (isNumeric(column)) {
    const v = op === 'missing' || op === 'present' ? NaN : numericValue(column, step.value, where);
    for (let r = 0; r < table.rowCount; r++) {
      const x = column.values[r];
      const missing = Number.isNaN(x);
      const keep = op === 'missing' ? missing : op === 'present' ? !missing : op === '!=' ? missing || x !== v
        : !missing && (op === '=' ? x === v : op === '<' ? x < v : op === '<=' ? x <= v : op === '>' ? x > v : x >= v);
      mask[r] = keep ? 0 : 1;
    }
    return mask;
  }
  if (ORDERED.includes(op)) {
    throw new RecipeError(`${where} uses '${op}' on '${column.name}', which is ${column.type}: text has no order to compare. Use = or ≠, or pick a numeric column.`, { column: column.name });
  }
  const code = op === '=' || op === '!=' ? column.dictionary.indexOf(String(step.value ?? '')) : -2;
  for (let r = 0; r < table.rowCount; r++) {
    const c = column.codes[r];
    const keep = op === 'missing' ? c < 0 : op === 'present' ? c >= 0 : op === '=' ? c >= 0 && c === code : c < 0 || c !== code;
    mask[r] = keep ? 0 : 1;
  }
  return mask;
}

/**
 * The rows of `rows` (in order) that every row step keeps, and how many they removed. Step numbers
 * in messages are the steps' places in `steps`.
 */
export function keepRows(table: Table, steps: readonly Step[], rows: readonly number[]): { kept: number[]; removed: number } {
  const masks = steps.flatMap((step, i) => {
    if (!isRowStep(step)) return [];
    const where = `Step ${i + 1} (${step.kind})`;
    return [step.kind === 'deduplicate' ? repeatMask(table, step, where) : filterMask(table, step, where)];
  });
  if (masks.length === 0) return { kept: [...rows], removed: 0 };
  const kept = rows.filter((r) => masks.every((m) => m[r] === 0));
  return { kept, removed: rows.length - kept.length };
}

