/**
 * Test helpers: the three SQL engines that run in-process here (DuckDB through @duckdb/node-api,
 * PostgreSQL as PGlite, SQLite as sql.js), each loaded with one table of typed columns, and a way
 * to run a query and read its rows as plain objects (NULL → null).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import initSqlJs from 'sql.js';
import { sqlDialect, type SqlDialectName } from '../../../../../src/core/deploy/sql';
import type { ColumnType } from '../../../../../src/core/table/types';

export const EXECUTED: readonly SqlDialectName[] = ['duckdb', 'postgres', 'sqlite'];

export interface EngineTable {
  name: string;
  columns: { name: string; type: ColumnType }[];
  /** Rows as rowsOf gives them: numbers, strings, booleans, ISO datetimes, null. */
  rows: Record<string, unknown>[];
}

export interface Engine {
  name: SqlDialectName;
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Creates and fills one more table in the same database (engines opened by openEngine have it). */
  load?(table: EngineTable, extraId?: string): Promise<void>;
  close(): Promise<void>;
}

const TYPES: Record<SqlDialectName, Record<'num' | 'bool' | 'date' | 'text', string>> = {
  duckdb: { num: 'DOUBLE', bool: 'BOOLEAN', date: 'TIMESTAMP', text: 'VARCHAR' },
  postgres: { num: 'DOUBLE PRECISION', bool: 'BOOLEAN', date: 'TIMESTAMP', text: 'TEXT' },
  sqlite: { num: 'REAL', bool: 'INTEGER', date: 'TEXT', text: 'TEXT' },
  tsql: { num: 'FLOAT', bool: 'BIT', date: 'DATETIME2', text: 'NVARCHAR(MAX)' },
  spark: { num: 'DOUBLE', bool: 'BOOLEAN', date: 'TIMESTAMP', text: 'STRING' },
  bigquery: { num: 'FLOAT64', bool: 'BOOL', date: 'TIMESTAMP', text: 'STRING' },
};

const kindOf = (t: ColumnType) => (t === 'boolean' ? 'bool' : t === 'datetime' ? 'date' : t === 'integer' || t === 'float' ? 'num' : 'text');

/** CREATE TABLE and INSERT statements for `table` in `dialect`, values written as literals. */
export function loadStatements(dialect: SqlDialectName, table: EngineTable, extraId?: string): string[] {
  const d = sqlDialect(dialect);
  const cols = table.columns.map((c) => `${d.ident(c.name)} ${TYPES[dialect][kindOf(c.type)]}`);
  if (extraId) cols.unshift(`${d.ident(extraId)} INTEGER`);
  const out = [`CREATE TABLE ${d.ident(table.name)} (${cols.join(', ')})`];
  const literal = (v: unknown, t: ColumnType): string => {
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return 'NULL';
    const kind = kindOf(t);
    if (kind === 'bool') return dialect === 'sqlite' ? (v ? '1' : '0') : v ? 'TRUE' : 'FALSE';
    if (kind === 'date') {
      const text = d.str(String(v).replace('T', ' ').replace('Z', ''));
      return dialect === 'sqlite' ? text : `CAST(${text} AS ${TYPES[dialect].date})`;
    }
    if (kind === 'num') return d.num(Number(v));
    return d.str(String(v));
  };
  for (let at = 0; at < table.rows.length; at += 500) {
    const values = table.rows.slice(at, at + 500).map((r, i) => {
      const cells = table.columns.map((c) => literal(r[c.name], c.type));
      if (extraId) cells.unshift(String(at + i));
      return `(${cells.join(', ')})`;
    });
    out.push(`INSERT INTO ${d.ident(table.name)} VALUES ${values.join(', ')}`);
  }
  return out;
}

export async function openEngine(name: SqlDialectName, table: EngineTable, extraId?: string): Promise<Engine> {
  const statements = loadStatements(name, table, extraId);
  if (name === 'duckdb') {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    const run = async (list: string[]) => {
      for (const s of list) await c.run(s);
    };
    await run(statements);
    return {
      name,
      load: (t, id) => run(loadStatements(name, t, id)),
      query: async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[],
      close: async () => c.closeSync(),
    };
  }
  if (name === 'postgres') {
    const pg = new PGlite();
    const run = async (list: string[]) => {
      for (const s of list) await pg.exec(s);
    };
    await run(statements);
    return { name, query: async (sql) => (await pg.query<Record<string, unknown>>(sql)).rows, load: (t, id) => run(loadStatements(name, t, id)), close: () => pg.close() };
  }
  if (name === 'sqlite') {
    const SQL = await initSqlJs({ useOldExtensionFunctions: false } as Parameters<typeof initSqlJs>[0]);
    const db = new SQL.Database();
    for (const s of statements) db.run(s);
    return {
      name,
      load: async (t, id) => {
        for (const s of loadStatements(name, t, id)) db.run(s);
      },
      query: async (sql) => {
        const [result] = db.exec(sql);
        if (!result) return [];
        return result.values.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])));
      },
      close: async () => db.close(),
    };
  }
  throw new Error(`No engine runs ${name} here.`);
}

/** A number read back from an engine (DuckDB may give bigint or a decimal string), null for NULL. */
export function numberOf(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? v : Number(v);
}
