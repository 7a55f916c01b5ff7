// Section "train": a flight-delay task (200,000 rows, time split) trained with our logistic regression and MLP
// in the real studio (WASM, and WebGPU on SwiftShader), through the Node CLI, and by scikit-learn on the same files.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { ensureFlights } from './gen-flights.mjs';
import { count, millis, perSec, printTable, seconds, verdict } from './format.mjs';
import { ensureBuild } from './studio-session.mjs';

export const name = 'train';
export const title = 'Prepare and train (flight delays: ours vs scikit-learn)';

const ROWS = 200_000;
const TEST_FRACTION = 0.2;
const DIR = '.bench-data/train-task';
const PYTHON = '/usr/bin/python3';
const TASK_HEADER = 'date,distance,hour,weekday,origin,destination,delayed';
const execFileAsync = promisify(execFile);
const INPUT_TIMEOUT_MS = 60_000;

/**
 * Writes the task files from the seeded 200k-row flights file: `flights-task.csv` (every row, generated order),
 * `train.csv` / `test.csv` (the time split: the last 20 % by date, ties by row order, each in row order) and
 * `recipe.json` (the proposed recipe with the datetime expansion removed and `date` dropped).
 */
async function prepareTask(log) {
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

/** Runs a command to completion: its stdout and wall time; rejects with the tail of stderr on failure. */
async function runProcess(cmd, args, { timeoutMs }) {
  const t0 = performance.now();
  const { stdout } = await execFileAsync(cmd, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20 })
    .catch((e) => Promise.reject(new Error(`${cmd} ${args.join(' ')} failed (${e.code ?? e.signal}): ${String(e.stderr ?? '').trim().slice(-600)}`)));
  return { stdout, wallMs: performance.now() - t0 };
}

/** `modelbench train` on the train/test files: test ROC AUC, train time (run.json), epochs and wall time. */
async function measureCli(task, kind, timeoutMs) {
  const out = join(DIR, `cli-${kind}`);
  await rm(out, { recursive: true, force: true });
  const { stdout, wallMs } = await runProcess('node', ['src/cli/modelbench.mjs', 'train', task.files.train,
    '--target', 'delayed', '--test', task.files.test, '--recipe', task.files.recipe, '--model', kind, '--seed', '42',
    '--cv', '0', '--backend', 'wasm', '--out', out], { timeoutMs });
  const line = JSON.parse(stdout.trim().split('\n').at(-1));
  const run = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
  return { rocAuc: line.metrics.rocAuc, trainMs: run.timings.trainMs, epochs: run.history.length, wallMs,
    backend: run.backend, fitRows: run.rows.train };
}

/** scikit-learn's three models on the same files, or `{ unavailable }` when Debian's Python lacks it. */
async function measureSklearn(task, timeoutMs) {
  const probe = existsSync(PYTHON) ? spawnSync(PYTHON, ['-c', 'import sklearn']) : { status: 1 };
  if (probe.status !== 0) return { unavailable: `${PYTHON} with scikit-learn not found` };
  const { stdout, wallMs } = await runProcess(PYTHON, ['tests/bench/sklearn_flights.py', task.files.train,
    task.files.test, '--seed', '42'], { timeoutMs });
  return { ...JSON.parse(stdout), wallMs };
}

/** Selects `value` in the select labelled `label` (exact), as a person would (a section may carry the same name). */
const choose = (scope, label, value) => scope.getByRole('combobox', { name: label, exact: true }).first().selectOption(value);

/** Opens the task file in the studio and sets up Prepare: target, recipe file, time split, no cross-validation. */
async function openAndPrepare(page, file, recipePath, timeoutMs) {
  const input = page.getByLabel('Open dataset', { exact: true }).first();
  await input.waitFor({ state: 'attached', timeout: INPUT_TIMEOUT_MS });
  await input.setInputFiles(file);
  await page.waitForFunction(() => (window.__mbMetrics?.loads.length ?? 0) > 0, null, { timeout: timeoutMs });
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Prepare' }).click();
  await choose(page, 'Target column', 'delayed');
  await page.getByRole('combobox', { name: 'Split', exact: true }).first().waitFor({ timeout: timeoutMs });
  await page.getByLabel('Upload recipe file').setInputFiles(recipePath);
  await page.getByText('Recipe steps (4,').waitFor({ timeout: INPUT_TIMEOUT_MS });
  await choose(page, 'Split', 'time');
  await choose(page, 'Time column', 'date');
  await choose(page, 'Cross-validation', '0');
  await page.getByRole('button', { name: 'Continue to Train' }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: INPUT_TIMEOUT_MS });
}

/** Fills the Model settings form and trains once; returns what the evaluation shows. */
async function trainOnce(page, { kind, backend, maxEpochs, timeoutMs }) {
  const settings = page.locator('details', { has: page.locator('summary', { hasText: 'Model settings' }) });
  if (!(await settings.evaluate((d) => d.open))) await settings.locator('summary').click();
  await choose(settings, 'Kind', kind);
  await choose(settings, 'Backend', backend);
  const allow = settings.getByLabel('allow a software GPU to win');
  if (backend === 'webgpu') await allow.check();
  else await allow.uncheck();
  if (maxEpochs) {
    const epochs = settings.getByLabel('Maximum epochs');
    await epochs.fill(String(maxEpochs));
    await epochs.dispatchEvent('change');
  }
  const live = page.getByTestId('training-live');
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await live.waitFor({ state: 'visible', timeout: INPUT_TIMEOUT_MS });
  // The live panel shows the epoch under way; remember the last one before it closes.
  let epochs = 0;
  const deadline = Date.now() + timeoutMs;
  while (await live.isVisible()) {
    const text = await live.textContent().catch(() => '');
    epochs = Math.max(epochs, Number(/epoch (\d+)/.exec(text ?? '')?.[1] ?? 0));
    const alert = page.getByRole('alert');
    if (await alert.count()) throw new Error(`the studio showed an error: "${(await alert.first().innerText()).trim()}"`);
    if (Date.now() > deadline) throw new Error(`training ${kind} on ${backend} took longer than ${timeoutMs / 1000} s`);
    await page.waitForTimeout(250);
  }
  const wallMs = performance.now() - t0;
  const latest = (await page.locator('table.runs tbody tr').first().innerText()).replace(/\s+/g, ' ');
  if (!/completed/.test(latest)) throw new Error(`the ${kind} run on ${backend} did not complete: "${latest}"`);
  const evaluation = page.getByTestId('evaluation');
  await evaluation.waitFor({ timeout: INPUT_TIMEOUT_MS });
  const text = await evaluation.innerText();
  const label = (await page.locator('table.runs tbody tr').first().locator('th').innerText()).trim();
  if (!text.includes(`Evaluation: ${label}`)) throw new Error(`the evaluation shown is not the latest run's (${label})`);
  const cells = await evaluation.getByRole('row', { name: /^ROC AUC/ }).first().locator('td').allInnerTexts();
  return {
    kind,
    backend,
    rocAuc: Number(cells[0]),
    baselineRocAuc: Number(cells[1]),
    trainMs: Number(/Training took (\d+) ms/.exec(text)?.[1]),
    shownBackend: /Backend: (\w+)/.exec(text)?.[1],
    testRows: Number(/Tested on (\d+)/.exec(text)?.[1]),
    trainRows: Number(/trained on (\d+)/.exec(text)?.[1]),
    epochs,
    maxEpochs: maxEpochs ?? null,
    wallMs,
  };
}

/**
 * Drives the built studio in headless Chromium (WebGPU on SwiftShader exposed): opens `file`, prepares the task,
 * then trains each `[kind, backend, maxEpochs?]` job in turn (no cap: the model's default).
 */
async function measureStudioTraining({ root, file, recipe, jobs, timeoutMs, log }) {
  const [{ startServer }, { launchChromium }] = await Promise.all([import('../support/serve.mjs'), import('../support/browser.mjs')]);
  const server = await startServer({ root, port: 0 });
  const browser = await launchChromium({ webgpu: true });
  const consoleErrors = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(server.url);
    await openAndPrepare(page, file, recipe, timeoutMs);
    const results = [];
    for (const [kind, backend, maxEpochs] of jobs) {
      log(`  studio: training ${kind} on ${backend}…`);
      try {
        const r = await trainOnce(page, { kind, backend, maxEpochs, timeoutMs });
        log(`  studio: ${kind}/${backend} AUC ${r.rocAuc}, ${r.epochs} epochs, training took ${r.trainMs} ms (${r.shownBackend})`);
        results.push(r);
      } catch (error) {
        // One backend failing (a lost software-GPU device, say) must not hide the figures of the others.
        results.push({ kind, backend, error: String(error.message ?? error).split('\n')[0] });
        await page.getByRole('button', { name: 'Cancel' }).click({ timeout: 2000 }).catch(() => {});
      }
    }
    if (consoleErrors.length) log(`  studio console errors: ${consoleErrors.slice(0, 3).join(' | ')}`);
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}

const ratio = (a, b) => (a != null && b ? a / b : null);
const auc = (x) => (x == null || !Number.isFinite(x) ? '—' : x.toFixed(4));

export { prepareTask, measureCli, measureSklearn, measureStudioTraining }; // the parts, to run one by hand

/** Runs the section; throws when a part broke (after printing what it could). */
export async function run({ log, timeoutMs: phaseMs }) {
  const loadBefore = loadavg()[0];
  const task = await prepareTask(log);
  log(`  task: ${count(task.train)} train / ${count(task.test)} test rows (test from ${task.cut} on), `
    + `${(100 * task.delayedShare).toFixed(1)} % delayed`);
  const failures = [];
  const attempt = async (label, fn) => {
    log(`  measuring ${label}…`);
    try {
      return await fn();
    } catch (error) {
      failures.push(`${label}: ${error.message ?? error}`);
      return null;
    }
  };
  const timeoutMs = Math.max(phaseMs, 1_800_000); // one MLP fit on a busy 2-core machine can take many minutes
  const cli = {}, studio = {}, gpuEpochs = Number(process.env.MB_BENCH_GPU_EPOCHS || 1);
  if (process.env.MB_BENCH_TRAIN_STUDIO !== '0') {
    const root = process.env.MB_BENCH_DIST || 'dist';
    if (root === 'dist') ensureBuild(log);
    const jobs = [['logistic', 'wasm'], ['mlp', 'wasm'], ['logistic', 'webgpu', gpuEpochs], ['mlp', 'webgpu', gpuEpochs]];
    const measured = await attempt('the studio in headless Chromium (WASM, then WebGPU on SwiftShader)', () =>
      measureStudioTraining({ root: resolve(root), file: task.files.all, recipe: task.files.recipe, jobs, timeoutMs, log }));
    for (const m of measured ?? []) {
      if (m.error) failures.push(`studio ${m.kind} on ${m.backend}: ${m.error}`);
      else studio[`${m.kind}/${m.backend}`] = m;
    }
  }
  for (const kind of ['logistic', 'mlp']) cli[kind] = await attempt(`CLI ${kind} (WASM, Node)`, () => measureCli(task, kind, timeoutMs));
  const sk = await attempt('scikit-learn (LogisticRegression, MLPClassifier, HistGradientBoosting)', () => measureSklearn(task, timeoutMs));
  return report({ task, sk, cli, studio, gpuEpochs, failures, load: [loadBefore, loadavg()[0]] });
}

function report({ task, sk, cli, studio, gpuEpochs, failures, load }) {
  const skm = sk?.models ?? {};
  // The evaluation names the backend that really trained; a refused WebGPU falls back, and the row must say so.
  const ran = (m) => (m?.shownBackend && m.shownBackend.toLowerCase() !== m.backend ? `RAN ON ${m.shownBackend}; ` : '');
  const row = (who, m, note = '') => [who, auc(m?.rocAuc), millis(m?.trainMs), m?.epochs ?? '—',
    perSec(m?.epochs && m.trainMs ? (task.train * m.epochs) / (m.trainMs / 1000) : null), seconds(m?.wallMs), ran(m) + note];
  const rows = [
    row('ours logistic — studio, WASM', studio['logistic/wasm']),
    row('ours MLP 2×64 — studio, WASM', studio['mlp/wasm']),
    row('ours logistic — studio, WebGPU', studio['logistic/webgpu'], `software GPU, not a speed reference; ≤ ${gpuEpochs} epochs`),
    row('ours MLP 2×64 — studio, WebGPU', studio['mlp/webgpu'], `software GPU, not a speed reference; ≤ ${gpuEpochs} epochs`),
    row('ours logistic — CLI (Node, WASM)', cli.logistic),
    row('ours MLP 2×64 — CLI (Node, WASM)', cli.mlp),
    row('sklearn LogisticRegression', skm.logistic && { ...skm.logistic, trainMs: skm.logistic.fitMs }, 'lbfgs iterations as epochs'),
    row('sklearn MLPClassifier((64, 64))', skm.mlp && { ...skm.mlp, trainMs: skm.mlp.fitMs }, 'adam, early_stopping=True'),
    row('sklearn HistGradientBoosting', skm.hgb && { ...skm.hgb, trainMs: skm.hgb.fitMs }, 'boosting rounds as epochs'),
  ];
  printTable(`Training on ${count(task.train)} rows, testing on the latest ${count(task.test)} (same files for every tool)`,
    ['who', 'test ROC AUC', 'train time', 'epochs', 'rows × epochs / s', 'wall time', 'note'], rows);

  const ours = [studio['logistic/wasm'], studio['mlp/wasm'], cli.logistic, cli.mlp].map((m) => m?.rocAuc).filter(Number.isFinite);
  const best = ours.length ? Math.max(...ours) : null;
  const rate = (m) => (m?.epochs && m.trainMs ? (task.train * m.epochs) / (m.trainMs / 1000) : null);
  const oursRate = rate(studio['mlp/wasm']);
  const cliRate = rate(cli.mlp);
  const skRate = skm.mlp?.rowsPerSec ?? null;
  printTable('Targets', ['measure', 'ours', 'peer', 'peer figure', 'gap / ratio', 'target', 'verdict'], [
    ['best AUC vs sklearn MLP', auc(best), 'MLPClassifier', auc(skm.mlp?.rocAuc), auc(best != null && skm.mlp ? best - skm.mlp.rocAuc : null),
      '≥ sklearn MLP', verdict(best != null && skm.mlp ? best - skm.mlp.rocAuc : null, { atLeast: 0 })],
    ['best AUC vs sklearn logistic', auc(best), 'LogisticRegression', auc(skm.logistic?.rocAuc),
      auc(best != null && skm.logistic ? best - skm.logistic.rocAuc : null), '≥ sklearn logistic',
      verdict(best != null && skm.logistic ? best - skm.logistic.rocAuc : null, { atLeast: 0 })],
    ['best AUC vs gradient boosting', auc(best), 'HistGradientBoosting', auc(skm.hgb?.rocAuc),
      auc(best != null && skm.hgb ? best - skm.hgb.rocAuc : null), '(gap, printed)', ''],
    ['MLP rows × epochs / s (studio WASM)', perSec(oursRate), 'MLPClassifier', perSec(skRate),
      `${ratio(oursRate, skRate)?.toFixed(2) ?? '—'}×`, '≥ sklearn MLP', verdict(ratio(oursRate, skRate), { atLeast: 1 })],
    ['MLP rows × epochs / s (CLI, Node WASM)', perSec(cliRate), 'MLPClassifier', perSec(skRate),
      `${ratio(cliRate, skRate)?.toFixed(2) ?? '—'}×`, '(printed)', ''],
  ], [
    `data: .bench-data/flights-200000.csv (seed 42) → ${DIR}/; features distance, hour, weekday, origin, destination; `
      + `target delayed = delay > 15 (${(100 * task.delayedShare).toFixed(1)} %). Split by date: test from ${task.cut} on (ties by row order).`,
    'ours: the proposed recipe (median impute, one-hot top-20 airports, standard scale) with the datetime step removed and '
      + '`date` dropped; the studio gets it through "Upload recipe file", then Split "by time" on date and Cross-validation "none" in the form.',
    'sklearn: one-hot of every airport seen in training, StandardScaler on distance/hour/weekday; '
      + (sk?.versions ? `scikit-learn ${sk.versions.sklearn}, pandas ${sk.versions.pandas}, numpy ${sk.versions.numpy}.` : `${sk?.unavailable ?? 'not run'}.`),
    'rows × epochs / s counts all training rows (ours and sklearn both hold 10 % back for early stopping); '
      + 'train time is the model fit alone (studio: "Training took N ms"; CLI: run.json timings.trainMs; sklearn: fit()); '
      + 'wall time is the whole CLI process or sklearn script, or the studio from the Train click to the evaluation.',
    'the studio\'s ROC AUC is read from the evaluation table as displayed (rounded); epochs are the last epoch the live panel showed.',
    `1-minute load average ${load[0].toFixed(2)} at the start of the section, ${load[1].toFixed(2)} at the end (every figure shares the machine: compare within this run only).`,
    ...failures.map((f) => `FAILED ${f}`),
  ]);
  if (failures.length) throw new Error(`train: ${failures.length} part(s) broke: ${failures.join(' | ')}`);
  return { task: { train: task.train, test: task.test, cut: task.cut }, sklearn: sk, cli, studio, best };
}
