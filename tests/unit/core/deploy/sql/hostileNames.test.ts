/**
 * Hostile names: columns, categories, the table, the id column, the model name and the class
 * labels hold quotes, semicolons, comment openers, line breaks, Unicode and reserved words. The
 * generated SQL runs on DuckDB, PostgreSQL and SQLite, agrees with scorer.mjs, and injects nothing
 * (the table is intact afterwards). The header comment keeps every name on its line.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { portableOf } from '../../../../../src/core/deploy';
import { compileSql } from '../../../../../src/core/deploy/sql';
import type { Recipe } from '../../../../../src/core/recipe';
import type { Table } from '../../../../../src/core/table/types';
import { tableOf } from '../trainTiny';
import { EXECUTED, openEngine, type Engine } from './engines';
import { endToEnd, train, type Trained } from './sqlCases';

const COLUMNS = {
  amount: 'select',
  city: `x]; DROP TABLE "t"; -- '`,
  size: 'Größe € "quoted" `tick`',
  flag: 'line\nbreak -- not a comment',
  label: `label'; --`,
};
const CITIES = [`O'Brien`, `'; DROP TABLE t; --`, 'naïve \\ back', 'Zürich', '"double"', ''];

function hostile(n = 180): Table {
  return tableOf(
    {
      [COLUMNS.amount]: Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : ((i * 37) % 101) / 7)),
      [COLUMNS.city]: Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : CITIES[i % CITIES.length])),
      [COLUMNS.size]: Array.from({ length: n }, (_, i) => (i % 5) * 2.5),
      [COLUMNS.flag]: Array.from({ length: n }, (_, i) => i % 3 === 0),
      [COLUMNS.label]: Array.from({ length: n }, (_, i) => (((i * 37) % 101) / 7 + (i % 6 === 1 ? 9 : 0) > 8 ? `yes'; --` : 'no "way"')),
    },
    {},
    'hostile',
  );
}

const onehot = (r: Recipe): Recipe => ({
  ...r,
  steps: [
    { kind: 'impute', columns: [COLUMNS.amount], strategy: 'mean', indicator: true },
    { kind: 'impute', columns: [COLUMNS.city], strategy: 'constant', value: `'; --` },
    { kind: 'encode', columns: [COLUMNS.city], method: 'onehot', topK: 4 },
    { kind: 'scale', columns: [COLUMNS.amount, COLUMNS.size], method: 'standard' },
  ],
});

const TABLE = `my "table"; DROP TABLE x; --`;
const ID = `from`;

describe('hostile names', () => {
  let table: Table;
  let logistic: Trained;
  let trees: Trained;
  const engines = new Map<string, Engine>();
  beforeAll(async () => {
    table = hostile();
    logistic = await train(table, COLUMNS.label, { kind: 'logistic', seed: 1, options: { epochs: 3 } }, onehot);
    trees = await train(table, COLUMNS.label, { kind: 'gbdt', seed: 2, options: { rounds: 6 } });
    const seed = { name: 'seed', columns: [{ name: 'x', type: 'float' as const }], rows: [{ x: 1 }] };
    for (const d of EXECUTED) engines.set(d, await openEngine(d, seed));
  }, 300_000);
  afterAll(async () => {
    for (const e of engines.values()) await e.close();
  });

  test.each(EXECUTED)('%s runs the query, agrees with scorer.mjs and keeps the table', async (dialect) => {
    const engine = engines.get(dialect)!;
    for (const [i, trained] of [logistic, trees].entries()) {
      const name = `${TABLE} ${i}`;
      const a = await endToEnd(engine, dialect, trained, table, name, ID);
      expect(a.rows).toBe(table.rowCount);
      expect(a.worst).toBeLessThanOrEqual(1e-9);
      expect(a.labelMismatches).toBe(0);
      const quoted = dialect === 'duckdb' || dialect === 'postgres' || dialect === 'sqlite' ? `"${name.replace(/"/g, '""')}"` : name;
      const [count] = await engine.query(`SELECT COUNT(*) AS n FROM ${quoted}`);
      expect(Number(count.n)).toBe(table.rowCount);
    }
  }, 180_000);

  test('every name in the header stays inside its comment line', () => {
    const sql = compileSql({ fitted: logistic.fitted, model: portableOf(logistic), name: 'model\nDROP TABLE x; --', version: '1\r\n2' }, { dialect: 'duckdb', table: TABLE, id: ID });
    const header = sql.slice(0, sql.indexOf('\nWITH\n')).split('\n');
    for (const line of header) expect(line.startsWith('-- ')).toBe(true);
    expect(header.join('\n')).toContain('"line\\nbreak -- not a comment"');
    expect(header[0]).toContain('model\\u000aDROP TABLE x; -- v1\\u000d\\u000a2');
  });
});
