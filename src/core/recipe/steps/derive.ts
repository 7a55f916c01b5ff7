import * as aq from 'arquero';
import { isNumeric, type Column, type Table } from '../../table';
import type { DeriveStep, FittedStep, InputColumn } from '../types';
import { RecipeError } from '../errors';
import { floatColumn, replaceColumn, stringValues } from '../frame';

type FittedDerive = Extract<FittedStep, { kind: 'derive' }>;

/** Outcome of compiling a derive expression against a schema, for inline display in the editor. */
export type DeriveCheck = { ok: true } | { ok: false; message: string };

/**
 * Compiles `expression` against an empty table with `schema`'s columns, so unknown columns and
 * syntax errors surface before any data is touched.
 */
export function validateDerive(schema: InputColumn[], name: string, expression: string): DeriveCheck {
  if (!name.trim()) return { ok: false, message: 'The new column needs a name.' };
  const isString = (t: string) => t === 'categorical' || t === 'text' || t === 'identifier';
  const empty = aq.table(Object.fromEntries(schema.map((c) => [c.name, isString(c.type) ? [] : new Float64Array(0)])));
  try {
    empty.derive({ [name]: expression });
    return { ok: true };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const columns = schema.map((c) => c.name).join(', ');
    return { ok: false, message: `${message}. Refer to columns as d.name or d['name with spaces'] (available: ${columns}).` };
  }
}

function toArquero(table: Table) {
  return aq.table(Object.fromEntries(table.columns.map((c) => [c.name, isNumeric(c) ? c.values : stringValues(c)])));
}

function evaluate(expression: string, name: string, table: Table, where: string): unknown[] {
  try {
    return toArquero(table).derive({ [name]: expression }).array(name) as unknown[];
  } catch (e) {
    throw new RecipeError(`${where}: the expression \`${expression}\` failed: ${e instanceof Error ? e.message : String(e)}. Check it in the derive editor.`, { column: name });
  }
}

export function fitDerive(step: DeriveStep, table: Table, where: string): FittedDerive {
  const values = evaluate(step.expression, step.name, table, where);
  const sample = values.find((v) => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v)));
  const output = typeof sample === 'string' ? 'string' : 'number';
  return { kind: 'derive', name: step.name, expression: step.expression, output };
}

export function applyDerive(f: FittedDerive, table: Table, where: string): Table {
  const values = evaluate(f.expression, f.name, table, where);
  let column: Column;
  if (f.output === 'number') {
    column = floatColumn(f.name, Float64Array.from(values, toNumber));
  } else {
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = Int32Array.from(values, (v) => {
      if (v === null || v === undefined) return -1;
      const s = String(v);
      if (!index.has(s)) index.set(s, dictionary.push(s) - 1);
      return index.get(s)!;
    });
    column = { name: f.name, type: 'categorical', inferredType: 'categorical', codes, dictionary };
  }
  return replaceColumn(table, f.name, [column]);
}

function toNumber(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' ? v : Number(v);
}
