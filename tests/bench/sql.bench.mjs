// Section "sql": scoring inside the database. Two models are trained with the CLI on 50,000 flights (regression of
// `delay`): a GBDT of 300 trees of depth 6 whose airports are split as categories, and the default MLP. Each run is
// exported as a bundle and written as DuckDB SQL with `modelbench sql`; the 3,000,000-row flights file is then scored
// by that SQL in an embedded DuckDB (the file loaded into a table first) and by `modelbench score` with the same
// bundle, in the same run. Target: SQL in DuckDB at least as fast as `modelbench score`, in rows per second.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runProcess, trainCli } from './flight-task.mjs';
import { count, perSec, printTable, seconds, times, verdict } from './format.mjs';
import { ensureFlights } from './gen-flights.mjs';

export const name = 'sql';
export const title = 'Scoring the flights file (3,000,000 rows unless MB_BENCH_ROWS) in DuckDB with the model as SQL vs `modelbench score`';

const DIR = '.bench-data/sql';
const TRAIN_ROWS = 50_000;
/** The GBDT of the target: 300 rounds of depth 6, airports as ordinal codes (so trees split them as categories). */
const GBDT = { rounds: 300, maxDepth: 6, maxLeaves: 64, earlyStopping: false };
const RECIPE_GBDT = { version: 1, target: 'delay', task: 'regression', split: { method: 'random', testFraction: 0.2, seed: 42, folds: 0 },
  steps: [{ kind: 'datetime', columns: ['date'], parts: ['month', 'weekday', 'hour'], cyclic: false },
    { kind: 'encode', method: 'ordinal', columns: ['origin', 'destination'] }] };
/** The default MLP, trained briefly: the epochs change its weights, not what scoring it costs. */
const MLP = { epochs: 2 };

const flags = (options) => Object.entries(options).flatMap(([k, v]) => [`--${k}`, String(v)]);

/** Trains `kind` on the training file, exports the bundle and writes its DuckDB SQL over the table `flights`. */
async function prepareModel({ kind, train, recipe, options, timeoutMs, log }) {
  const out = join(DIR, `run-${kind}`);
  log(`  training ${kind} on ${count(TRAIN_ROWS)} rows…`);
  const { run } = await trainCli({ train, recipe, target: 'delay', kind, out, extra: flags(options), timeoutMs });
  const bundle = join(DIR, `${kind}.zip`);
  await runProcess('node', ['src/cli/modelbench.mjs', 'export', out, '--out', bundle], { timeoutMs });
  const sqlPath = join(DIR, `${kind}.sql`);
  await runProcess('node', ['src/cli/modelbench.mjs', 'sql', out, '--dialect', 'duckdb', '--table', 'flights', '--out', sqlPath], { timeoutMs });
  const sql = await readFile(sqlPath, 'utf8');
  let trees = null;
  if (existsSync(join(out, 'trees.json'))) {
    const ensemble = JSON.parse(await readFile(join(out, 'trees.json'), 'utf8'));
    trees = { count: ensemble.trees.length, categorical: ensemble.trees.reduce((s, t) => s + t.categories.filter((c) => c !== null).length, 0) };
  }
  return { kind, bundle, sql, sqlBytes: Buffer.byteLength(sql), trees, metrics: run.metrics };
}

/** `modelbench score` on the big file: its own scoring rate (the scoreTable loop) and the command's wall time. */
async function scoreCli(bundle, file, timeoutMs) {
  const out = join(DIR, `${bundle.split('/').at(-1).replace('.zip', '')}-predictions.csv`);
  const { stdout, wallMs } = await runProcess('node', ['src/cli/modelbench.mjs', 'score', bundle, file, '--out', out, '--quiet'], { timeoutMs });
  const line = JSON.parse(stdout.trim().split('\n').at(-1));
  return { rowsPerSecond: line.rowsPerSecond, scored: line.scored, wallMs, out };
}

const timed = async (fn) => {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
};

/** The model's SQL in DuckDB with `threads`: planning alone (EXPLAIN), then the whole query into a table. */
async function scoreDuckdb(connection, sql, threads) {
  await connection.run(`SET threads = ${threads}`);
  const query = sql.replace(/;\s*$/, '');
  const plan = await timed(() => connection.run(`EXPLAIN ${query}`));
  await connection.run('DROP TABLE IF EXISTS scored');
  const score = await timed(() => connection.run(`CREATE TABLE scored AS ${query}`));
  const rows = Number((await connection.runAndReadAll('SELECT count(*) FROM scored')).getRows()[0][0]);
  return { threads, planMs: plan.ms, scoreMs: score.ms, rows };
}

/** Sum of the predictions both ways: the same bundle should give the same numbers. */
async function agreement(connection, predictionsCsv) {
  const sum = async (q) => Number((await connection.runAndReadAll(q)).getRows()[0][0]);
  const sql = await sum('SELECT sum(prediction) FROM scored');
  const cli = await sum(`SELECT sum(prediction) FROM read_csv('${predictionsCsv}', header = true)`);
  return { sql, cli, relative: Math.abs(sql - cli) / Math.abs(cli) };
}

export async function run({ file, log, timeoutMs: phaseMs }) {
  const longMs = Math.max(phaseMs, 1_800_000);
  const loadBefore = loadavg()[0];
  const big = await file();
  await rm(DIR, { recursive: true, force: true });
  await mkdir(DIR, { recursive: true });
  const train = await ensureFlights({ path: `.bench-data/flights-${TRAIN_ROWS}.csv`, rows: TRAIN_ROWS, seed: 42, log });
  const recipePath = join(DIR, 'recipe-gbdt.json');
  await writeFile(recipePath, JSON.stringify(RECIPE_GBDT));
  const models = [
    await prepareModel({ kind: 'gbdt', train: train.path, recipe: recipePath, options: GBDT, timeoutMs: longMs, log }),
    await prepareModel({ kind: 'mlp', train: train.path, recipe: undefined, options: MLP, timeoutMs: longMs, log }),
  ];

  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  log('  loading the flights file into DuckDB…');
  const load = await timed(() => connection.run(`CREATE TABLE flights AS SELECT * FROM read_csv('${big.path}', header = true)`));
  const results = [];
  for (const m of models) {
    log(`  scoring with ${m.kind}: modelbench score…`);
    const cli = await scoreCli(m.bundle, big.path, longMs);
    log(`  scoring with ${m.kind}: SQL in DuckDB…`);
    const one = await scoreDuckdb(connection, m.sql, 1);
    const all = await scoreDuckdb(connection, m.sql, cpus().length);
    const agree = await agreement(connection, cli.out);
    await rm(cli.out, { force: true });
    results.push({ ...m, sql: undefined, cli, duckdb: { one, all }, agree });
  }
  connection.closeSync();
  const rows = big.rows ?? results[0].duckdb.one.rows;

  const table = [];
  for (const r of results) {
    const label = r.kind === 'gbdt' ? `GBDT (${count(r.trees?.count)} trees, depth 6)` : 'MLP (default)';
    const sqlRate = rows / (r.duckdb.one.scoreMs / 1000);
    table.push(
      [`${label}: rows per second`, perSec(sqlRate), perSec(rows / (r.duckdb.all.scoreMs / 1000)), perSec(r.cli.rowsPerSecond),
        times(sqlRate / r.cli.rowsPerSecond), '≥ 1×', verdict(sqlRate / r.cli.rowsPerSecond, { atLeast: 1 })],
      [`${label}: time for ${count(rows)} rows`, seconds(r.duckdb.one.scoreMs), seconds(r.duckdb.all.scoreMs), seconds(rows / r.cli.rowsPerSecond * 1000), '', '', ''],
      [`${label}: of which planning the query`, seconds(r.duckdb.one.planMs), seconds(r.duckdb.all.planMs), '', '', '', ''],
      [`${label}: whole command (read, score, write CSV)`, '', '', seconds(r.cli.wallMs), '', '', ''],
    );
  }
  printTable(`SQL — ${title}`, ['measure', 'DuckDB SQL, 1 thread', `DuckDB SQL, ${cpus().length} threads`, 'modelbench score', 'SQL 1 thread / score', 'target', 'verdict'], table, [
    `DuckDB loaded ${count(rows)} rows from ${big.path} in ${seconds(load.ms)} (not counted above; the data is assumed to live in the database).`,
    ...results.map((r) => `${r.kind}: SQL ${count(r.sqlBytes)} bytes${r.trees ? `, ${count(r.trees.categorical)} categorical splits` : ''}; sum of predictions SQL vs modelbench score differ by ${r.agree.relative.toExponential(1)} (relative).`),
    'modelbench score rows per second is its own figure for the scoring loop (reading and writing excluded), one thread.',
    `Load average ${loadBefore.toFixed(1)} when the section started (other work on the machine slows every column).`,
  ]);
  return { rows, loadMs: load.ms, loadBefore, models: results.map((r) => ({ kind: r.kind, sqlBytes: r.sqlBytes, trees: r.trees, cli: r.cli, duckdb: r.duckdb, agree: r.agree })) };
}
