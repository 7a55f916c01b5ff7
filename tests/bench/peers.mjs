// Peer measurements on the same file as the studio: arquero.fromCSV in Node and DuckDB's CSV reader.
// Arquero runs in a child process so that running out of heap on the whole file cannot take the bench down;
// `node tests/bench/peers.mjs --arquero FILE [--fraction F]` is that child and prints one JSON line.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Fraction of the file arquero parses when the whole file does not fit its heap. */
export const ARQUERO_FALLBACK_FRACTION = 0.1;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const sqlString = (text) => `'${String(text).replaceAll("'", "''")}'`;

/** The first `fraction` of `text`, cut at a line end. */
function headSlice(text, fraction) {
  if (fraction >= 1) return text;
  const cut = text.indexOf('\n', Math.floor(text.length * fraction));
  return cut < 0 ? text : text.slice(0, cut + 1);
}

async function arqueroChild(path, fraction) {
  const { fromCSV } = await import('arquero');
  const t0 = performance.now();
  const text = headSlice(await readFile(path, 'utf8'), fraction);
  const readMs = performance.now() - t0;
  const t1 = performance.now();
  const table = fromCSV(text);
  const parseMs = performance.now() - t1;
  const dateType = Object.prototype.toString.call(table.get('date', 0));
  const bytes = Buffer.byteLength(text);
  process.stdout.write(`${JSON.stringify({ rows: table.numRows(), bytes, readMs, parseMs, dateType,
    heapMB: process.memoryUsage().heapUsed / 1e6 })}\n`);
}

function runChild(path, fraction) {
  return new Promise((done) => {
    // MB_BENCH_ARQUERO_HEAP_MB caps the child's heap, e.g. to exercise the 1/10-slice fallback.
    const heap = process.env.MB_BENCH_ARQUERO_HEAP_MB ? [`--max-old-space-size=${process.env.MB_BENCH_ARQUERO_HEAP_MB}`] : [];
    const child = spawn(process.execPath, [...heap, fileURLToPath(import.meta.url), '--arquero', path, '--fraction', String(fraction)],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code, signal) => done({ code, signal, out, err }));
  });
}

/**
 * Times `arquero.fromCSV` on the file's text (reading the file is timed apart and not counted). Tries the
 * whole file first; if the child dies (heap exhausted), parses the first 10 % and scales the time to the
 * whole file. Returns `{ parseMs, rowsPerSec, mbPerSec, rows, scaled, note }`; `parseMs` is for the whole file.
 */
export async function measureArquero(path, { bytes, rows }) {
  let fraction = 1;
  let result = await runChild(path, fraction);
  let note = 'whole file';
  if (result.code !== 0) {
    const why = result.signal ?? `exit ${result.code}`;
    const heap = /heap out of memory/i.test(result.err) ? 'heap out of memory' : why;
    fraction = ARQUERO_FALLBACK_FRACTION;
    note = `whole file failed (${heap}); parsed the first ${fraction * 100} % and scaled to the whole file`;
    result = await runChild(path, fraction);
    if (result.code !== 0) {
      throw new Error(`arquero.fromCSV failed on ${fraction * 100} % of ${path} too (${result.signal ?? result.code}): `
        + `${result.err.trim().split('\n').slice(-3).join(' | ')}`);
    }
  }
  const m = JSON.parse(result.out.trim().split('\n').pop());
  const seconds = m.parseMs / 1000;
  return {
    parseMs: m.parseMs * (bytes / m.bytes),
    rowsPerSec: m.rows / seconds,
    mbPerSec: m.bytes / 1e6 / seconds,
    rows: fraction === 1 ? m.rows : rows,
    measuredRows: m.rows,
    readMs: m.readMs,
    dateType: m.dateType,
    scaled: fraction !== 1,
    note,
  };
}

async function withDuckdb(threads, fn) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  try {
    await connection.run(`SET threads=${threads}`);
    return await fn(connection);
  } finally {
    connection.closeSync();
    instance.closeSync?.();
  }
}

async function timeRepeated(repeats, fn) {
  const times = [];
  let last;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    last = await fn(i);
    times.push(performance.now() - t0);
  }
  return { ms: median(times), times, last };
}

/**
 * DuckDB `CREATE TABLE t AS SELECT * FROM read_csv(file)` with `threads` threads, median of `repeats` runs,
 * each into a fresh table. Returns `{ ms, times, rows, rowsPerSec, mbPerSec, types }`.
 */
export async function measureDuckdbLoad(path, { bytes, threads = 1, repeats = 3 }) {
  return withDuckdb(threads, async (db) => {
    const run = await timeRepeated(repeats, async (i) => {
      await db.run(`CREATE TABLE t${i} AS SELECT * FROM read_csv(${sqlString(path)})`);
    });
    const count = Number((await db.runAndReadAll('SELECT count(*) FROM t0')).getRows()[0][0]);
    const types = (await db.runAndReadAll('DESCRIBE t0')).getRows().map((r) => `${r[0]}:${r[1]}`).join(' ');
    return { ms: run.ms, times: run.times, rows: count, rowsPerSec: count / (run.ms / 1000),
      mbPerSec: bytes / 1e6 / (run.ms / 1000), types };
  });
}

/** DuckDB `SUMMARIZE SELECT * FROM read_csv(file)` with `threads` threads, median of `repeats`. Returns `{ ms, times }`. */
export async function measureDuckdbSummarize(path, { threads = 1, repeats = 3 }) {
  return withDuckdb(threads, async (db) => {
    const run = await timeRepeated(repeats, () => db.runAndReadAll(`SUMMARIZE SELECT * FROM read_csv(${sqlString(path)})`));
    return { ms: run.ms, times: run.times, columns: run.last.getRows().length };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === '--arquero') {
  const fractionAt = process.argv.indexOf('--fraction');
  await arqueroChild(process.argv[3], fractionAt > 0 ? Number(process.argv[fractionAt + 1]) : 1);
}
