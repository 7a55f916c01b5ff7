/**
 * Test helpers for compileSql end to end: trained models on every bundled sample (and crafted
 * tables), and the comparison of the whole query, run over the raw rows in a real engine, with
 * scorer.mjs on the same rows.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { portableOf, scorerModule, type BundleInput } from '../../../../../src/core/deploy';
import { compileSql, type SqlDialectName } from '../../../../../src/core/deploy/sql';
import type { ModelSpec } from '../../../../../src/core/models';
import type { FittedRecipe, Recipe } from '../../../../../src/core/recipe';
import { memorySource, readTable } from '../../../../../src/core/table';
import type { Table } from '../../../../../src/core/table/types';
import { importScorer, rowsOf, trainTiny } from '../trainTiny';
import { numberOf, type Engine } from './engines';

const samples = fileURLToPath(new URL('../../../../../public/samples/', import.meta.url));

/** A bundled sample read by the studio's own reader, as a user's file is. */
export async function sample(file: string): Promise<Table> {
  const result = await readTable(memorySource(new Uint8Array(readFileSync(samples + file)), file));
  return result.table;
}

export interface Trained {
  fitted: FittedRecipe;
  model: BundleInput['model'];
}

export async function train(table: Table, target: string, spec: ModelSpec, edit?: (r: Recipe) => Recipe): Promise<Trained> {
  const { result, files } = await trainTiny(table, target, spec, edit);
  const m = result.model;
  const model: BundleInput['model'] = m.kind === 'tf' ? { kind: 'tf', modelKind: spec.kind, files: files! } : m.kind === 'trees' ? { kind: 'trees', ensemble: m } : { kind: 'baseline', baseline: m };
  return { fitted: result.fitted, model };
}

export interface EndToEnd {
  rows: number;
  worst: number;
  labelMismatches: number;
  sql: string;
}

const relative = (a: number | null, b: number) => (a === null ? (Number.isNaN(b) ? 0 : Infinity) : a === b ? 0 : Math.abs(a - b) / Math.abs(b));

/**
 * Loads `table` (plus an integer id column named `id`) into `engine` as `tableName`, runs
 * compileSql's query over it and compares every row with scorer.mjs on rowsOf(table).
 */
export async function endToEnd(engine: Engine, dialect: SqlDialectName, trained: Trained, table: Table, tableName: string, id: string): Promise<EndToEnd> {
  const rows = rowsOf(table);
  await engine.load!({ name: tableName, columns: table.columns.map((c) => ({ name: c.name, type: c.type })), rows }, id);
  const portable = portableOf(trained);
  const scorer = await importScorer(scorerModule(trained.fitted, portable, { name: 'sql-test', version: 1 }));
  // The engines load dates as ISO text; the scorer reads text only in the shape training saw, so a
  // column trained on another shape ("Jun 12 1998") is given to it as epoch milliseconds.
  const otherShape = new Set(trained.fitted.inputSchema.filter((c) => c.type === 'datetime' && c.format && !c.format.startsWith('YYYY-MM-DD')).map((c) => c.name));
  const scored = scorer.predict(otherShape.size ? rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, otherShape.has(k) && typeof v === 'string' ? Date.parse(v) : v]))) : rows);
  const sql = compileSql({ fitted: trained.fitted, model: portable, name: 'sql test', version: 1 }, { dialect, table: tableName, id });
  const out = await engine.query(sql);
  const byId = new Map(out.map((r) => [numberOf(r[id]), r]));
  const result: EndToEnd = { rows: out.length, worst: 0, labelMismatches: 0, sql };
  const classes = trained.fitted.classes ?? [];
  scored.forEach((s, r) => {
    const row = byId.get(r);
    if (!row) throw new Error(`row ${r} is missing from the SQL output`);
    if ('error' in s) throw new Error(`scorer refused row ${r}: ${s.error}`);
    if ('value' in s) {
      result.worst = Math.max(result.worst, relative(numberOf(row.prediction), s.value));
      return;
    }
    for (const c of classes) result.worst = Math.max(result.worst, relative(numberOf(row[`p_${c}`]), s.probabilities[c]));
    if (row.prediction !== s.label) result.labelMismatches++;
  });
  return result;
}
