/**
 * The SQL half of the gate's latency check: a bundle's model.sql (DuckDB dialect, reading a table
 * named `input`) scores the test file in an embedded DuckDB on one thread, as a database would run
 * it: the file loaded into the table first (not timed), then the whole query, planning included.
 */
import { extname } from 'node:path';
import type { SqlScoring } from '../core/gate';

/** How DuckDB reads the test file into the table `input`, by its extension. */
function readerOf(file: string): string {
  const path = `'${file.split("'").join("''")}'`;
  const ext = extname(file).toLowerCase();
  if (ext === '.parquet') return `read_parquet(${path})`;
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return `read_json_auto(${path})`;
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return `read_csv(${path}, header = true)`;
  throw new RangeError(`DuckDB cannot read ${file} to time model.sql (it reads CSV, Parquet and JSON); give the test rows in one of those, or set latency.sqlRowsPerSecond to null in the policy.`);
}

/** A DuckDB connection's two calls the timing needs. */
interface Connection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
  closeSync(): void;
}

async function connect(): Promise<Connection> {
  let duckdb: typeof import('@duckdb/node-api');
  try {
    duckdb = await import('@duckdb/node-api');
  } catch {
    throw new RangeError('Timing model.sql needs DuckDB for Node (npm install @duckdb/node-api); install it, or set latency.sqlRowsPerSecond to null in the policy.');
  }
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  return instance.connect();
}

/**
 * Scores `testFile` with `sql` in a fresh in-memory DuckDB and times it. A query DuckDB refuses
 * comes back as the reason (the check then fails on it); a file DuckDB cannot read, or no DuckDB,
 * throws a RangeError (the gate is not run).
 */
export async function timeModelSql(sql: string, testFile: string): Promise<SqlScoring | { unavailable: string }> {
  const reader = readerOf(testFile);
  const connection = await connect();
  try {
    await connection.run('SET threads = 1');
    await connection.run(`CREATE TABLE input AS SELECT * FROM ${reader}`).catch((e: Error) => {
      throw new RangeError(`DuckDB could not read ${testFile} to time model.sql: ${e.message.split('\n')[0]}`);
    });
    const query = sql.replace(/;\s*$/, '');
    let t0 = performance.now();
    await connection.run(`EXPLAIN ${query}`);
    const planMs = performance.now() - t0;
    t0 = performance.now();
    await connection.run(`CREATE TABLE scored AS ${query}`);
    const ms = performance.now() - t0;
    const rows = Number((await connection.runAndReadAll('SELECT count(*) FROM scored')).getRows()[0][0]);
    return { rows, ms, planMs };
  } catch (e) {
    if (e instanceof RangeError) throw e;
    return { unavailable: `DuckDB refused the query on ${testFile}: ${(e as Error).message.split('\n')[0]}` };
  } finally {
    connection.closeSync();
  }
}
