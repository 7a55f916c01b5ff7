// The flight-delay training tasks the `train` and `trees` sections share: the task files and recipe, the time split,
// and running `modelbench train` or a Python peer as a child process.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { ensureFlights } from './gen-flights.mjs';

export const ROWS = 200_000;
export const TEST_FRACTION = 0.2;
export const DIR = '.bench-data/train-task';
export const PYTHON = '/usr/bin/python3';
const TASK_HEADER = 'date,distance,hour,weekday,origin,destination,delayed';
const execFileAsync = promisify(execFile);

/**
 * Writes the task files from the seeded 200k-row flights file: `flights-task.csv` (every row, generated order),
 * `train.csv` / `test.csv` (the time split: the last 20 % by date, ties by row order, each in row order) and
 * `recipe.json` (the proposed recipe with the datetime expansion removed and `date` dropped).
 */
export async function prepareTask(log) {
  const source = await ensureFlights({ path: '.bench-data/flights-200000.csv', rows: ROWS, seed: 42, log });
  const lines = (await readFile(source.path, 'utf8')).split('\n').slice(1).filter(Boolean);
  const rows = lines.map((line) => {
    const [date, delay, distance, origin, destination] = line.split(',');
    const d = new Date(`${date.replace(' ', 'T')}:00Z`); // weekday: Monday = 0, as pandas' dayofweek
    return { t: d.getTime(), text: [date, distance, d.getUTCHours(), (d.getUTCDay() + 6) % 7, origin, destination, Number(delay) > 15 ? 1 : 0].join(',') };
  });
  const order = rows.map((_, i) => i).sort((a, b) => rows[a].t - rows[b].t || a - b);
  const testCount = Math.round(rows.length * TEST_FRACTION);
  const isTest = new Uint8Array(rows.length);
  for (const i of order.slice(rows.length - testCount)) isTest[i] = 1;
  const csv = (keep) => `${TASK_HEADER}\n${rows.filter((_, i) => keep(i)).map((r) => r.text).join('\n')}\n`;
  await mkdir(DIR, { recursive: true });
  const files = Object.fromEntries(Object.entries({ all: 'flights-task.csv', train: 'train.csv', test: 'test.csv', recipe: 'recipe.json' })
    .map(([k, f]) => [k, join(DIR, f)]));
  await writeFile(files.all, csv(() => true));
  await writeFile(files.train, csv((i) => !isTest[i]));
  await writeFile(files.test, csv((i) => isTest[i] === 1));
  await writeFile(files.recipe, JSON.stringify(await taskRecipe(files.train), null, 2));
  const cut = new Date(rows[order[rows.length - testCount]].t).toISOString().slice(0, 16);
  return { files, rows: rows.length, train: rows.length - testCount, test: testCount, cut,
    delayedShare: rows.reduce((s, r) => s + Number(r.text.endsWith(',1')), 0) / rows.length };
}

/** The studio's proposed recipe for the training file, with `date` kept out of the features. */
async function taskRecipe(trainPath) {
  const [{ readTable }, { proposeRecipe }, { nodeFileSource }] = await Promise.all(['core/table/index.ts', 'core/recipe/index.ts',
    'cli/nodeSource.ts'].map((f) => tsImport(`../../src/${f}`, import.meta.url)));
  const { table } = await readTable(await nodeFileSource(trainPath));
  const proposed = proposeRecipe(table, undefined, 'delayed');
  const fromDate = (c) => c === 'date' || c.startsWith('date_');
  const steps = proposed.steps.filter((s) => s.kind !== 'datetime' && s.kind !== 'drop')
    .map((s) => ('columns' in s ? { ...s, columns: s.columns.filter((c) => !fromDate(c)) } : s))
    .filter((s) => !('columns' in s) || s.columns.length);
  const dropped = proposed.steps.find((s) => s.kind === 'drop')?.columns ?? [];
  return { ...proposed, steps: [{ kind: 'drop', columns: [...dropped, 'date'] }, ...steps],
    split: { method: 'time', timeColumn: 'date', testFraction: TEST_FRACTION, seed: 42, folds: 0 } };
}

/** A sort key for a `YYYY-MM-DD HH:MM` text: minutes, counting every month as 31 days (order, not a calendar). */
function minuteKey(line) {
  const n = (from, to) => Number(line.slice(from, to));
  return ((((n(0, 4) - 2000) * 12 + n(5, 7)) * 31 + n(8, 10)) * 24 + n(11, 13)) * 60 + n(14, 16);
}

/**
 * Splits a flights CSV (first column `YYYY-MM-DD HH:MM`) by time into `dir/train.csv` and `dir/test.csv`: the last
 * `testFraction` of rows by date are the test rows (ties by row order), each file keeps the source's row order and
 * header. Cached: redone only when the source's size or modification time changed. Returns `{ train, test, rows,
 * trainRows, testRows, cut }`.
 */
export async function splitByTime(source, dir, { testFraction = TEST_FRACTION, log = () => {} } = {}) {
  const files = { train: join(dir, 'train.csv'), test: join(dir, 'test.csv') };
  const metaPath = join(dir, 'split.meta.json');
  const { size, mtimeMs } = await stat(source);
  const wanted = { source, size, mtimeMs, testFraction };
  try {
    const meta = JSON.parse(await readFile(metaPath, 'utf8'));
    if (['source', 'size', 'mtimeMs', 'testFraction'].every((k) => meta[k] === wanted[k]) && existsSync(files.train) && existsSync(files.test)) {
      return { ...files, ...meta.counts };
    }
  } catch {
    // No usable cache: split below.
  }
  log(`  splitting ${source} by time into ${dir}/ (last ${testFraction * 100} % by date = test)…`);
  const text = await readFile(source, 'utf8');
  const headerEnd = text.indexOf('\n') + 1;
  const starts = [];
  for (let at = headerEnd; at < text.length; at = text.indexOf('\n', at) + 1) {
    starts.push(at);
    if (text.indexOf('\n', at) < 0) break;
  }
  const n = starts.length;
  // Key × 2^22 + row index sorts by time, then row order, in one native Float64Array sort (exact below 2^53).
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = minuteKey(text.slice(starts[i], starts[i] + 16)) * 4194304 + i;
  keys.sort();
  const testCount = Math.round(n * testFraction);
  const isTest = new Uint8Array(n);
  for (let k = n - testCount; k < n; k++) isTest[keys[k] % 4194304] = 1;
  const firstTest = keys[n - testCount] % 4194304;
  const cut = text.slice(starts[firstTest], starts[firstTest] + 16);
  await mkdir(dir, { recursive: true });
  for (const [path, want] of [[files.train, 0], [files.test, 1]]) {
    const parts = [text.slice(0, headerEnd)];
    for (let i = 0; i < n; i++) {
      if (isTest[i] !== want) continue;
      const end = i + 1 < n ? starts[i + 1] : text.length;
      const line = text.slice(starts[i], end);
      parts.push(line.endsWith('\n') ? line : `${line}\n`);
    }
    await writeFile(path, parts.join(''));
  }
  const counts = { rows: n, trainRows: n - testCount, testRows: testCount, cut };
  await writeFile(metaPath, JSON.stringify({ ...wanted, counts }, null, 2));
  return { ...files, ...counts };
}

/** Runs a command to completion: its stdout and wall time; rejects with the tail of stderr on failure. */
export async function runProcess(cmd, args, { timeoutMs, env }) {
  const t0 = performance.now();
  const { stdout } = await execFileAsync(cmd, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20,
    ...(env ? { env: { ...process.env, ...env } } : {}) })
    .catch((e) => Promise.reject(new Error(`${cmd} ${args.join(' ')} failed (${e.code ?? e.signal}): ${String(e.stderr ?? '').trim().slice(-600)}`)));
  return { stdout, wallMs: performance.now() - t0 };
}

/**
 * `modelbench train TRAIN --test TEST --recipe RECIPE --model KIND --seed 42 --cv 0 [extra…] --out OUT` in a child
 * process. Returns `{ line, run, wallMs }`: the printed JSON line, the parsed `OUT/run.json` and the process's wall time.
 */
export async function trainCli({ train, test, recipe, target, kind, out, extra = [], timeoutMs }) {
  await rm(out, { recursive: true, force: true });
  const { stdout, wallMs } = await runProcess('node', ['src/cli/modelbench.mjs', 'train', train, '--target', target,
    ...(test ? ['--test', test] : []), ...(recipe ? ['--recipe', recipe] : []), '--model', kind, '--seed', '42', '--cv', '0',
    ...extra, '--out', out], { timeoutMs });
  const line = JSON.parse(stdout.trim().split('\n').at(-1));
  const run = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
  return { line, run, wallMs };
}

/** Why `PYTHON` cannot import `modules`, or null when it can. */
export function pythonMissing(modules) {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  return probe.status === 0 ? null : `${PYTHON} cannot import ${modules.join(', ')} (${probe.stderr.trim().split('\n').at(-1)})`;
}
