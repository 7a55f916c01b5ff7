/**
 * Test helpers for modelSql: the scorer's own feature rows loaded as a table into a real engine,
 * the model's CTEs run over it, and each row compared with scorer.mjs's prediction for the same
 * input row.
 */
import { portableOf, scorerModule, type BundleInput, type PortableModel } from '../../../../../src/core/deploy';
import { sqlDialect, type SqlDialectName } from '../../../../../src/core/deploy/sql';
import { modelSql } from '../../../../../src/core/deploy/sql/modelSql';
import type { FittedRecipe } from '../../../../../src/core/recipe';
import { importScorer } from '../trainTiny';
import { PGlite } from '@electric-sql/pglite';
import { loadStatements, numberOf, openEngine, type Engine, type EngineTable } from './engines';
import { scorerFeatures } from './featureMatrix';

/** A hostile id column name: quotes, a comment opener, a semicolon and non-ASCII letters. */
export const ID = `row "id"; -- ø`;

export interface ModelCase {
  fitted: FittedRecipe;
  model: BundleInput['model'];
  rows: Record<string, unknown>[];
  /** Class names the SQL writes (default: the recipe's), to try hostile ones; matched to the scorer's by position. */
  classes?: string[];
}

export interface Agreement {
  rows: number;
  /** Largest |sql - scorer| / |scorer| over values and probabilities (an exact 0 counts as agreement). */
  worst: number;
  labelMismatches: number;
  sql: string;
}

/** The query: model CTEs over the `features` table, the id carried through, ordered by it. */
export function modelQuery(engine: SqlDialectName, fitted: FittedRecipe, model: PortableModel, classes: string[] | null): string {
  const d = sqlDialect(engine);
  const m = modelSql(model, fitted.featureNames.map((n) => d.ident(n)), d, { classes, task: fitted.task, source: d.ident('features'), carry: [d.ident(ID)] });
  const ctes = m.ctes.map((c) => `${c.name} AS (\n${c.select}\n)`).join(',\n');
  const outputs = m.outputs.map((o) => `${o.expression} AS ${d.ident(o.name)}`).join(',\n  ');
  return `WITH ${ctes}\nSELECT ${d.ident(ID)},\n  ${outputs}\nFROM ${m.from}\nORDER BY ${d.ident(ID)}`;
}

let pglite: PGlite | null = null;

/** PGlite takes tens of seconds to start on a busy machine: one instance serves a test file, the table replaced each time. */
async function sharedPostgres(table: EngineTable): Promise<Engine> {
  pglite ??= new PGlite();
  const pg = pglite;
  await pg.exec(`DROP TABLE IF EXISTS "${table.name}"`);
  for (const s of loadStatements('postgres', table, ID)) await pg.exec(s);
  return { name: 'postgres', query: async (sql) => (await pg.query<Record<string, unknown>>(sql)).rows, close: async () => {} };
}

/** Closes the shared PGlite (call in afterAll). */
export async function closeEngines(): Promise<void> {
  await pglite?.close();
  pglite = null;
}

/** The features table of `rows` (the scorer's X, NaN as NULL) loaded into `engine`. */
export async function featuresEngine(engine: SqlDialectName, fitted: FittedRecipe, rows: Record<string, unknown>[]): Promise<Engine> {
  const X = scorerFeatures(fitted, rows);
  const table: EngineTable = {
    name: 'features',
    columns: fitted.featureNames.map((name) => ({ name, type: 'float' as const })),
    rows: X.map((x) => Object.fromEntries(fitted.featureNames.map((n, j) => [n, x[j]]))),
  };
  return engine === 'postgres' ? sharedPostgres(table) : openEngine(engine, table, ID);
}

const relative = (a: number | null, b: number) => (a === null ? Infinity : a === b ? 0 : Math.abs(a - b) / Math.abs(b));

export async function sqlAgreement(engine: SqlDialectName, c: ModelCase): Promise<Agreement> {
  const portable = portableOf({ fitted: c.fitted, model: c.model });
  const scorer = await importScorer(scorerModule(c.fitted, portable, { name: 'sql-test', version: 1 }));
  const scored = scorer.predict(c.rows);
  const classes = c.fitted.task === 'regression' ? null : (c.classes ?? c.fitted.classes ?? null);
  const sql = modelQuery(engine, c.fitted, portable, classes);
  const db = await featuresEngine(engine, c.fitted, c.rows);
  try {
    const out = await db.query(sql);
    const result: Agreement = { rows: out.length, worst: 0, labelMismatches: 0, sql };
    out.forEach((row, r) => {
      const s = scored[r];
      if ('error' in s) throw new Error(`scorer refused row ${r}: ${s.error}`);
      if (numberOf(row[ID]) !== r) throw new Error(`row ${r} came back as ${String(row[ID])}`);
      if ('value' in s) {
        result.worst = Math.max(result.worst, relative(numberOf(row.prediction), s.value));
        return;
      }
      c.fitted.classes!.forEach((name, j) => {
        result.worst = Math.max(result.worst, relative(numberOf(row[`p_${classes![j]}`]), s.probabilities[name]));
      });
      if (classes!.indexOf(String(row.prediction)) !== c.fitted.classes!.indexOf(s.label)) result.labelMismatches++;
    });
    return result;
  } finally {
    await db.close();
  }
}
