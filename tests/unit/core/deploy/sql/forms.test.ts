/**
 * The view and function forms, created and queried on DuckDB (a table macro taking the table's
 * name), PostgreSQL (a SQL function returning a table) and SQLite (a view): each returns exactly
 * what the plain query returns.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { portableOf, type PortableModel } from '../../../../../src/core/deploy';
import { compileSql, type SqlDialectName, type SqlForm } from '../../../../../src/core/deploy/sql';
import type { FittedRecipe } from '../../../../../src/core/recipe';
import { penguins, rowsOf } from '../trainTiny';
import { EXECUTED, openEngine, type Engine } from './engines';
import { train } from './sqlCases';

const FORMS: Record<string, { form: SqlForm; call: string }[]> = {
  duckdb: [
    { form: 'view', call: 'SELECT * FROM "penguins_v1"' },
    { form: 'function', call: `SELECT * FROM "penguins_v1"('scored rows')` },
  ],
  postgres: [
    { form: 'view', call: 'SELECT * FROM "penguins_v1"' },
    { form: 'function', call: 'SELECT * FROM "penguins_v1"()' },
  ],
  sqlite: [{ form: 'view', call: 'SELECT * FROM "penguins_v1"' }],
};

let fitted: FittedRecipe;
let model: PortableModel;
const engines = new Map<SqlDialectName, Engine>();

beforeAll(async () => {
  const table = penguins();
  const trained = await train(table, 'Species', { kind: 'logistic', seed: 4, options: { epochs: 2 } });
  fitted = trained.fitted;
  model = portableOf(trained);
  for (const d of EXECUTED) engines.set(d, await openEngine(d, { name: 'scored rows', columns: table.columns.map((c) => ({ name: c.name, type: c.type })), rows: rowsOf(table) }, 'key'));
}, 300_000);
afterAll(async () => {
  for (const e of engines.values()) await e.close();
});

const byKey = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r, key: String(r.key) })).sort((a, b) => Number(a.key) - Number(b.key));

describe.each(EXECUTED)('%s', (dialect) => {
  test.each(FORMS[dialect])('the $form form returns what the query returns', async ({ form, call }) => {
    const engine = engines.get(dialect)!;
    const input = { fitted, model, name: 'penguins', version: 1 };
    const options = { dialect, table: 'scored rows', id: 'key' };
    const plain = byKey(await engine.query(compileSql(input, options)));
    const created = compileSql(input, { ...options, form });
    if (dialect === 'sqlite') await engine.query(created.replace(/^CREATE VIEW/m, 'DROP VIEW IF EXISTS "penguins_v1";\nCREATE VIEW'));
    else await engine.query(created);
    const viaObject = byKey(await engine.query(call));
    expect(viaObject).toHaveLength(344);
    expect(viaObject).toEqual(plain);
  }, 60_000);
});
