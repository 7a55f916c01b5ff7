// What bench sections share: the flights file, and each measurement taken at most once per run, so that
// "load" and "profile" read the same studio journey and peers are not measured twice.
import { ensureFlights } from './gen-flights.mjs';
import { measureCoreNode } from './core-node.mjs';
import { measureArquero, measureDuckdbLoad, measureDuckdbSummarize } from './peers.mjs';
import { runStudioSession } from './studio-session.mjs';

const DEFAULT_ROWS = 3_000_000;

function once(fn) {
  const cache = new Map();
  return (...args) => {
    const key = JSON.stringify(args);
    if (!cache.has(key)) cache.set(key, fn(...args));
    return cache.get(key);
  };
}

function positiveInt(name, text, fallback) {
  if (text === undefined || text === '') return fallback;
  const n = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}="${text}" is not a positive integer; e.g. ${name}=300000.`);
  return n;
}

/** The file name for a row count: `flights-3m.csv` for the default, `flights-<rows>.csv` otherwise. */
export const flightsPath = (rows) => `.bench-data/${rows === DEFAULT_ROWS ? 'flights-3m' : `flights-${rows}`}.csv`;

/**
 * Builds the shared context from the environment:
 * - `MB_BENCH_ROWS` rows in the flights file (default 3,000,000);
 * - `MB_BENCH_REPEATS` DuckDB runs per figure, the median is reported (default 3);
 * - `MB_BENCH_TIMEOUT_S` longest wait for the studio per phase (default 300 s);
 * - `MB_BENCH_DIST` the built studio to serve (default `dist`, built with Vite when missing).
 */
export function createContext(env = process.env, log = console.log) {
  const rows = positiveInt('MB_BENCH_ROWS', env.MB_BENCH_ROWS, DEFAULT_ROWS);
  const repeats = positiveInt('MB_BENCH_REPEATS', env.MB_BENCH_REPEATS, 3);
  const timeoutMs = 1000 * positiveInt('MB_BENCH_TIMEOUT_S', env.MB_BENCH_TIMEOUT_S, 300);
  const file = once(() => ensureFlights({ path: flightsPath(rows), rows, seed: 42, log }));
  const step = (label, fn) => async (...args) => {
    log(`  measuring ${label}${args.length ? ` (${args.join(', ')})` : ''}…`);
    return fn(...args);
  };
  return {
    rows,
    repeats,
    timeoutMs,
    log,
    file,
    arquero: once(step('arquero.fromCSV', async () => measureArquero((await file()).path, await file()))),
    duckdbLoad: once(step('DuckDB read_csv', async () => measureDuckdbLoad((await file()).path,
      { bytes: (await file()).bytes, threads: 1, repeats }))),
    coreNode: once(step('readTable (src/core) in Node', async () => measureCoreNode((await file()).path,
      { bytes: (await file()).bytes, repeats }))),
    duckdbSummarize: once(step('DuckDB SUMMARIZE, threads', async (threads) => measureDuckdbSummarize((await file()).path,
      { threads, repeats }))),
    studio: once(step('the studio in headless Chromium', async () => runStudioSession({ path: (await file()).path,
      root: env.MB_BENCH_DIST || 'dist', timeoutMs, log }))),
  };
}
