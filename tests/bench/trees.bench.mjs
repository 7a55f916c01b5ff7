// Section "trees": our gradient-boosted trees and random forest (CLI and studio) beside XGBoost and scikit-learn.
// A: the 200,000-row flight-delay task of the `train` section (ROC AUC, fit time, trees). B: regression of `delay` on
// the 3,000,000-row flights file at equal rounds and depth. Then `--model auto` on task A and single-row scoring of
// a 300-tree GBDT through its exported scorer.mjs.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { tsImport } from 'tsx/esm/api';
import { flightsPath } from './context.mjs';
import { ensureFlights } from './gen-flights.mjs';
import { DIR, PYTHON, TEST_FRACTION, prepareTask, pythonMissing, runProcess, splitByTime, trainCli } from './flight-task.mjs';
import { count, millis, printTable, seconds, times, verdict } from './format.mjs';
import { ensureBuild } from './studio-session.mjs';
import { measureStudioTraining } from './train-studio.mjs';

export const name = 'trees';
export const title = 'Tree ensembles (flight delays: our GBDT and forest vs XGBoost hist and scikit-learn)';

const BIG_ROWS = 3_000_000;
const BIG_DIR = '.bench-data/trees-3m';
const LABELS = { gbdt: 'Gradient-boosted trees', forest: 'Random forest' };
/** Part B: every GBDT at these settings (our option names), no early stopping. */
const EQUAL = { rounds: 100, maxDepth: 6, maxLeaves: 64, earlyStopping: false };
/** The scoring target's model: 300 rounds of depth 6 on task A. */
const SCORING = { rounds: 300, maxDepth: 6, maxLeaves: 64, earlyStopping: false };
const AUTO_BUDGET_MS = 60_000;
const SPLIT = { method: 'time', timeColumn: 'date', testFraction: TEST_FRACTION, seed: 42, folds: 0 };

/** Task B: month, weekday (Sunday = 0) and hour of `date` as plain numbers, airports as ordinal codes. */
const RECIPE_B = { version: 1, target: 'delay', task: 'regression', split: SPLIT,
  steps: [{ kind: 'datetime', columns: ['date'], parts: ['month', 'weekday', 'hour'], cyclic: false },
    { kind: 'encode', method: 'ordinal', columns: ['origin', 'destination'] }] };

/** Our options the peers mirror (trees_peers.py takes them by these names). */
const MIRRORED = {
  gbdt: ['rounds', 'learningRate', 'maxDepth', 'maxLeaves', 'minSamplesLeaf', 'minHessian', 'l2', 'maxBins', 'rowSample', 'colSample',
    'earlyStopping', 'patience', 'validationFraction'],
  forest: ['trees', 'maxDepth', 'maxLeaves', 'minSamplesLeaf', 'maxFeatures'],
};

/** Our model kinds' option metadata from the catalog (`null` when the kind does not exist yet). */
async function ourMeta() {
  const { MODELS } = await tsImport('../../src/core/models/catalog.ts', import.meta.url);
  return { gbdt: MODELS.gbdt ?? null, forest: MODELS.forest ?? null };
}

/** The settings the peers mirror: our resolved options (run.json), else the kind's defaults, else `{}` (the script's own). */
function peerSettings(kind, meta, options) {
  const from = options ?? Object.fromEntries((meta?.options ?? []).map((o) => [o.name, o.default]));
  return Object.fromEntries(MIRRORED[kind].filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
}

const flags = (options) => Object.entries(options).flatMap(([k, v]) => [`--${k}`, String(v)]);

/** Option labels for the studio's Model settings form. */
const labelled = (meta, options) => Object.fromEntries(Object.entries(options)
  .map(([k, v]) => [meta?.options.find((o) => o.name === k)?.label ?? k, v]));

/** Trees in a CLI run: trees.json when written, else the rounds in its history, else its options. */
async function treesOf(out, run) {
  const path = join(out, 'trees.json');
  if (existsSync(path)) {
    const ensemble = JSON.parse(await readFile(path, 'utf8'));
    return { trees: ensemble.trees.length, source: 'trees.json' };
  }
  if (run.history?.length) return { trees: run.history.length, source: 'history' };
  return { trees: run.options?.rounds ?? run.options?.trees ?? null, source: 'options' };
}

/** Our `kind` through `modelbench train` (Node): metric, fit time, trees, options; `{ unavailable }` when the CLI lacks it. */
async function measureOurCli({ kind, meta, files, recipe, target, out, options = {}, metric, timeoutMs }) {
  if (!meta) return { unavailable: `no "${kind}" model kind in src/core/models/catalog.ts yet` };
  const { line, run, wallMs } = await trainCli({ train: files.train, test: files.test, recipe, target, kind, out,
    extra: flags(options), timeoutMs });
  return { value: line.metrics[metric], trainMs: run.timings.trainMs, ...(await treesOf(out, run)), wallMs,
    threads: Math.max(1, ...(run.history ?? []).map((h) => h.threads ?? 1)), options: run.options, fitRows: run.rows?.train,
    slowestRound: slowestRound(run.history ?? []) };
}

/** The round (or tree) that took longest, from the history's elapsed times: a stall shows here rather than as an even slowdown. */
function slowestRound(history) {
  let worst = null;
  history.forEach((h, i) => {
    const ms = h.elapsedMs - (i > 0 ? history[i - 1].elapsedMs : 0);
    if (i > 0 && (!worst || ms > worst.ms)) worst = { round: h.epoch, ms };
  });
  return worst;
}

/** The peers' script; `{ unavailable }` when Debian's Python lacks what it needs. */
async function measurePeers(args, timeoutMs) {
  const missing = pythonMissing(['numpy', 'pandas']);
  if (missing) return { unavailable: missing, results: [] };
  const { stdout, wallMs } = await runProcess(PYTHON, ['tests/bench/trees_peers.py', ...args], { timeoutMs });
  return { ...JSON.parse(stdout.trim().split('\n').at(-1)), wallMs };
}

/** `modelbench train --model auto` on task A: AUC, chosen kind, time spent searching and fitting. */
async function measureAuto(task, timeoutMs) {
  const out = join(DIR, 'cli-auto');
  const { line, run, wallMs } = await trainCli({ train: task.files.train, test: task.files.test, recipe: task.files.recipe,
    target: 'delayed', kind: 'auto', out, timeoutMs });
  const t = run.timings ?? {};
  // Search and final fit: everything but reading the files, fitting the recipe, evaluating, cross-validating and the run record.
  const trainingMs = t.totalMs - (t.readMs ?? 0) - (t.recipeMs ?? 0) - (t.evaluateMs ?? 0) - (t.cvMs ?? 0) - (t.recordMs ?? 0);
  const board = run.leaderboard ?? [];
  return { rocAuc: line.metrics.rocAuc, kind: run.spec?.kind, trainingMs, finalFitMs: t.trainMs, wallMs,
    trials: board.length, searchFitMs: board.reduce((s, e) => s + (e.trainMs ?? 0), 0),
    kinds: [...new Set(board.map((e) => e.spec?.kind))].join(', ') };
}

/**
 * Trains a 300-round depth-6 GBDT on task A with the CLI, exports its bundle, and times the bundle's scorer.mjs
 * `predictOne` on the test rows (20,000 timed calls after 2,000 untimed) in a process of its own (scorer-latency.mjs).
 */
async function measureScoring({ task, meta, recipe, timeoutMs }) {
  if (!meta) return { unavailable: 'no "gbdt" model kind yet' };
  const out = join(DIR, 'cli-gbdt-300');
  const { run } = await trainCli({ train: task.files.train, test: task.files.test, recipe, target: 'delayed', kind: 'gbdt',
    out, extra: flags(SCORING), timeoutMs });
  const { trees } = await treesOf(out, run);
  const zipPath = join(DIR, 'gbdt-300.zip');
  const exported = await runProcess('node', ['src/cli/modelbench.mjs', 'export', out, '--out', zipPath], { timeoutMs });
  const files = unzipSync(new Uint8Array(await readFile(zipPath)));
  if (!files['scorer.mjs']) throw new Error(`${zipPath} has no scorer.mjs (files: ${Object.keys(files).join(', ')})`);
  const dir = await mkdtemp(join(tmpdir(), 'mb-trees-'));
  try {
    await writeFile(join(dir, 'scorer.mjs'), files['scorer.mjs']);
    const timed = await runProcess('node', ['tests/bench/scorer-latency.mjs', dir, task.files.test, 'delayed'], { timeoutMs });
    const latency = JSON.parse(timed.stdout.trim().split('\n').at(-1));
    const exportLine = JSON.parse(exported.stdout.trim().split('\n').at(-1));
    return { trees, options: run.options, rocAuc: run.metrics?.rocAuc, ...latency, bundleBytes: exportLine.bytes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const auc = (x) => (x == null || !Number.isFinite(x) ? '—' : x.toFixed(4));
const rmse = (x) => (x == null || !Number.isFinite(x) ? '—' : x.toFixed(3));
const us = (x) => (x == null || !Number.isFinite(x) ? '—' : `${x.toFixed(1)} µs`);
const ratio = (a, b) => (a != null && b ? a / b : null);
const peerLabels = { hgb: 'sklearn HistGradientBoosting', xgb: 'XGBoost hist', rf: 'sklearn RandomForest' };
const peer = (peers, model, threads) => peers?.results?.find((r) => r.model === model && r.threads === threads) ?? null;
/** What a row says instead of figures. */
const why = (m) => (m?.unavailable ? `not available (${m.unavailable})` : m?.error ? `FAILED (${m.error})` : '');

export { measureOurCli, measurePeers, measureAuto, measureScoring, report }; // the parts, to run one by hand

/** MB_BENCH_TREES_ONLY=scoring: only the scorer.mjs single-row figure (train 300 trees on task A, export, time predictOne). */
async function scoringOnly({ log, meta, longMs, attempt, failures, loadBefore }) {
  const task = await prepareTask(log);
  const scoring = await attempt('scorer.mjs single-row latency of a 300-tree depth-6 GBDT', () =>
    measureScoring({ task, meta: meta.gbdt, recipe: task.files.recipe, timeoutMs: longMs }));
  printTable('scorer.mjs single-row scoring (MB_BENCH_TREES_ONLY=scoring)', ['what', 'p50', 'p90', 'p99', 'batch rows/s', 'target', 'verdict'],
    [['predictOne, 300-tree depth-6 gbdt', us(scoring?.single?.p50Us), us(scoring?.single?.p90Us), us(scoring?.single?.p99Us),
      count(scoring?.batch?.rowsPerSecond), 'p99 < 30 µs', verdict(scoring?.single?.p99Us, { below: 30 }) + (why(scoring) ? ` ${why(scoring)}` : '')]],
    [`load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (${cpus().length} CPUs, shared with whatever else runs).`]);
  if (failures.length) throw new Error(failures.join('; '));
  return { scoring, load: [loadBefore, loadavg()[0]] };
}

/** Runs the section; throws when a part broke (after printing what it could). Parts not built yet print "not available". */
export async function run({ log, timeoutMs: phaseMs }) {
  const loadBefore = loadavg()[0];
  const longMs = Math.max(phaseMs, 1_800_000); // a CLI fit or a peer on 2.4M rows on a busy 2-core machine takes minutes
  const failures = [];
  const attempt = async (label, fn) => {
    log(`  measuring ${label}…`);
    try {
      return await fn();
    } catch (error) {
      failures.push(`${label}: ${String(error.message ?? error).split('\n')[0]}`);
      return { error: String(error.message ?? error).split('\n')[0].slice(0, 160) };
    }
  };
  const meta = await ourMeta();
  if (process.env.MB_BENCH_TREES_ONLY === 'scoring') return scoringOnly({ log, meta, longMs, attempt, failures, loadBefore });
  const studioOn = process.env.MB_BENCH_TREES_STUDIO !== '0';
  const root = resolve(process.env.MB_BENCH_DIST || 'dist');
  if (studioOn && !process.env.MB_BENCH_DIST) ensureBuild(log);

  // A: the delay task, with the train section's recipe (trees adapt it: recipeSteps "native").
  const task = await prepareTask(log);
  const recipeA = task.files.recipe;
  const target = { files: task.files, recipe: recipeA, target: 'delayed', metric: 'rocAuc', timeoutMs: longMs };
  const cli = {};
  for (const kind of ['gbdt', 'forest']) {
    cli[kind] = await attempt(`CLI ${kind} (Node), default options`, () => measureOurCli({ ...target, kind, meta: meta[kind],
      out: join(DIR, `cli-${kind}`) }));
  }
  let studio = {};
  if (studioOn) {
    const jobs = ['gbdt', 'forest'].map((kind) => ({ kind, kindLabel: LABELS[kind] }));
    const measured = await attempt('the studio in headless Chromium (Train stage, default options)', () =>
      measureStudioTraining({ root, file: task.files.all, recipe: recipeA, target: 'delayed', steps: 4,
        jobs, timeoutMs: longMs, log }));
    for (const m of Array.isArray(measured) ? measured : []) {
      if (m.error) failures.push(`studio ${m.kind}: ${m.error}`);
      studio[m.kind] = m;
    }
    if (!Array.isArray(measured)) studio = { gbdt: measured, forest: measured };
  }
  const gbdtA = peerSettings('gbdt', meta.gbdt, cli.gbdt?.options);
  const forestA = peerSettings('forest', meta.forest, cli.forest?.options);
  const peerArgsA = [task.files.train, task.files.test, '--target', 'delayed', '--task', 'binary', '--numeric', 'distance,hour,weekday',
    '--categorical', 'origin,destination', '--threads', '1,2', '--seed', '42'];
  const boosted = await attempt('XGBoost hist and HistGradientBoosting on task A (1 and 2 threads, median of 3 fits)', () =>
    measurePeers([...peerArgsA, '--models', 'xgb,hgb', '--repeats', '3', '--gbdt', JSON.stringify(gbdtA)], longMs));
  const forests = await attempt('sklearn RandomForest on task A (1 and 2 threads)', () =>
    measurePeers([...peerArgsA, '--models', 'rf', '--forest', JSON.stringify(forestA)], longMs));
  const peersA = { ...boosted, results: [...(boosted?.results ?? []), ...(forests?.results ?? [])] };

  // B: 3M rows, regression, equal rounds and depth.
  // B always reads the 3M-row file, whatever MB_BENCH_ROWS gives the other sections; it is generated once when missing.
  await ensureFlights({ path: flightsPath(BIG_ROWS), rows: BIG_ROWS, seed: 42, log });
  const big = await splitByTime(flightsPath(BIG_ROWS), BIG_DIR, { log });
  const recipeB = join(BIG_DIR, 'recipe-trees.json');
  await writeFile(recipeB, JSON.stringify(RECIPE_B, null, 2));
  const cliB = await attempt(`CLI gbdt on ${count(big.trainRows)} rows (${JSON.stringify(EQUAL)})`, () => measureOurCli({
    kind: 'gbdt', meta: meta.gbdt, files: big, recipe: recipeB, target: 'delay', metric: 'rmse', options: EQUAL,
    out: join(BIG_DIR, 'cli-gbdt'), timeoutMs: longMs }));
  let studioB = null;
  if (studioOn && meta.gbdt && process.env.MB_BENCH_TREES_STUDIO_3M !== '0') {
    log(`  measuring the studio on the ${count(BIG_ROWS)}-row file (gbdt, ${phaseMs / 1000} s per phase)…`);
    try {
      [studioB] = await measureStudioTraining({ root, file: flightsPath(BIG_ROWS), recipe: recipeB, target: 'delay',
        steps: RECIPE_B.steps.length, timeoutMs: phaseMs, log,
        jobs: [{ kind: 'gbdt', kindLabel: LABELS.gbdt, metric: 'RMSE', options: labelled(meta.gbdt, EQUAL) }] });
    } catch (error) {
      studioB = { error: String(error.message ?? error).split('\n')[0] };
    }
    // Within the per-phase timeout or not at all: a run past it is a figure ("did not finish"), not a breakage.
    if (studioB?.error && /took longer than|Timeout \d+ms exceeded/.test(studioB.error)) {
      studioB = { unavailable: `did not finish within the per-phase timeout (${phaseMs / 1000} s, MB_BENCH_TIMEOUT_S)` };
    } else if (studioB?.error) failures.push(`studio gbdt on ${count(BIG_ROWS)} rows: ${studioB.error}`);
  } else if (studioOn) studioB = { unavailable: meta.gbdt ? 'MB_BENCH_TREES_STUDIO_3M=0' : 'no "gbdt" model kind yet' };
  const gbdtB = { ...peerSettings('gbdt', meta.gbdt, cliB?.options), ...EQUAL };
  const peersB = await attempt(`XGBoost hist and HistGradientBoosting on ${count(big.trainRows)} rows (1 and 2 threads)`, () =>
    measurePeers([big.train, big.test, '--target', 'delay', '--task', 'regression', '--numeric', 'distance', '--date', 'date',
      '--categorical', 'origin,destination', '--models', 'xgb,hgb', '--threads', '1,2', '--seed', '42', '--gbdt', JSON.stringify(gbdtB)], longMs));

  // C: auto and scoring.
  const auto = meta.gbdt
    ? await attempt('CLI --model auto on task A', () => measureAuto(task, longMs))
    : { unavailable: 'no "gbdt" model kind yet (auto would search the network kinds only)' };
  const scoring = await attempt('scorer.mjs single-row latency of a 300-tree depth-6 GBDT', () =>
    measureScoring({ task, meta: meta.gbdt, recipe: recipeA, timeoutMs: longMs }));

  return report({ task, big, cli, studio, peersA, cliB, studioB, peersB, auto, scoring, failures, studioOn,
    load: [loadBefore, loadavg()[0]] });
}

function report({ task, big, cli, studio, peersA, cliB, studioB, peersB, auto, scoring, failures, studioOn, load }) {
  const versions = peersA?.versions ?? peersB?.versions;
  const peerRow = (peers, model, threads, fmt) => {
    const p = peer(peers, model, threads);
    // The script names a missing package per row (or `all`); measurePeers names a missing interpreter as a string.
    const missing = p?.unavailable ?? (typeof peers?.unavailable === 'string' ? peers.unavailable : peers?.unavailable?.all);
    const note = missing ? `not run (${missing})` : p ? why(p) : why(peers) || 'not run';
    return [`${peerLabels[model]}`, threads, fmt(p?.rocAuc ?? p?.rmse), millis(p?.fitMs), p?.trees ?? '—', '',
      [p && p.treesBuilt !== p.trees ? `${p.treesBuilt} built, best ${p.trees} used` : '', note].filter(Boolean).join('; ')];
  };
  const slowest = (m) => (m?.slowestRound ? `slowest round after the first: ${millis(m.slowestRound.ms)} (round ${m.slowestRound.round})` : '');
  const oursRow = (label, m, fmt, note = '') => [label, m?.threads ?? '—',
    fmt(m?.value ?? m?.rocAuc), millis(m?.trainMs), m?.trees ?? (m?.epochs || '—'), seconds(m?.wallMs),
    why(m) || [note, slowest(m)].filter(Boolean).join('; ')];

  const studioNote = studioOn ? 'rounds from the live panel; AUC as displayed' : 'studio skipped (MB_BENCH_TREES_STUDIO=0)';
  printTable(`A. Flight delays: ${count(task.train)} training rows, the latest ${count(task.test)} for testing (same files for every tool)`,
    ['who', 'threads', 'test ROC AUC', 'fit time', 'trees', 'wall time', 'note'], [
      oursRow('ours gbdt — CLI (Node)', cli.gbdt, auc, cli.gbdt?.source ? `trees from ${cli.gbdt.source}` : ''),
      oursRow('ours gbdt — studio', studio.gbdt, auc, studioNote),
      peerRow(peersA, 'xgb', 1, auc), peerRow(peersA, 'xgb', 2, auc),
      peerRow(peersA, 'hgb', 1, auc), peerRow(peersA, 'hgb', 2, auc),
      oursRow('ours forest — CLI (Node)', cli.forest, auc, cli.forest?.source ? `trees from ${cli.forest.source}` : ''),
      oursRow('ours forest — studio', studio.forest, auc, studioNote),
      peerRow(peersA, 'rf', 1, auc), peerRow(peersA, 'rf', 2, auc),
    ], [
      `data: ${DIR}/train.csv and test.csv (split by date, test from ${task.cut} on); features distance, hour, weekday (Monday = 0), `
        + 'origin, destination; the task file has no month (a time split would leave the test months unseen anyway).',
      `ours: the train section's ${DIR}/recipe.json, which trees adapt (recipeSteps "native": date dropped, airports as ordinal codes split `
        + 'as categories, no scaling or imputation), and each kind\'s default options'
        + `${cli.gbdt?.options ? ` — gbdt ${JSON.stringify(cli.gbdt.options)}` : ''}${cli.forest?.options ? `; forest ${JSON.stringify(cli.forest.options)}` : ''}.`,
      'peers: airports as native categories (XGBoost enable_categorical with pandas category dtype; HistGradientBoosting '
        + 'categorical_features); sklearn RandomForest has none and gets the ordinal codes. Settings mirror our options (rounds, '
        + 'learning rate, depth, leaves, rows and hessian per leaf, L2, bins, sampling, early stopping on a 10 % validation slice with our '
        + 'patience); XGBoost watches a stratified 10 % slice it does not train on, HistGradientBoosting its own validation_fraction '
        + '(and keeps every round it built, where ours and XGBoost keep the best).',
      ...['xgb', 'hgb', 'rf'].map((k) => `${peerLabels[k]}: ${peer(peersA, k, 1)?.params ?? peer(peersA, k, 2)?.params ?? 'not run'}.`),
      'threads: XGBoost n_jobs, HistGradientBoosting threadpoolctl\'s OpenMP limit, RandomForest n_jobs; boosted peers\' fit time is '
        + 'the median of 3 fits. Fit time is the model fit alone (ours: run.json timings.trainMs; peers: fit()), binning included; '
        + 'ours\' threads are what run.json history / the evaluation report. Wall time: the whole CLI process (read, fit, evaluate, write), '
        + 'or the studio from the Train click until the evaluation shows.',
    ]);

  printTable(`B. Regression of delay on ${count(big.rows)} flights (${count(big.trainRows)} train, latest ${count(big.testRows)} test; `
    + `${EQUAL.rounds} rounds, depth ${EQUAL.maxDepth}, no early stopping)`,
  ['who', 'threads', 'test RMSE', 'fit time', 'trees', 'wall time', 'note'], [
    oursRow('ours gbdt — CLI (Node)', cliB, rmse, cliB?.source ? `trees from ${cliB.source}` : ''),
    oursRow('ours gbdt — studio', studioB, rmse, 'the studio splits the whole file by time itself'),
    peerRow(peersB, 'xgb', 1, rmse), peerRow(peersB, 'xgb', 2, rmse),
    peerRow(peersB, 'hgb', 1, rmse), peerRow(peersB, 'hgb', 2, rmse),
  ], [
    `data: ${flightsPath(BIG_ROWS)} split by time into ${BIG_DIR}/train.csv and test.csv (last 20 % by date = test, from ${big.cut} on, `
      + 'ties by row order); a time split, as in A, so test months (late October–December) are ones no tree saw.',
    'features: distance, month, weekday (Sunday = 0), hour of date, origin and destination (ours: ordinal codes from '
      + `${BIG_DIR}/recipe-trees.json; peers: native categories). Target: delay in minutes (heavy right tail, so RMSE is high for everyone).`,
    `settings: ${JSON.stringify(EQUAL)} for ours${cliB?.options ? ` (resolved: ${JSON.stringify(cliB.options)})` : ''}; the peers get the same `
      + 'and our learning rate, min leaf size, L2 and bins where run.json has them.',
    ...['xgb', 'hgb'].map((k) => `${peerLabels[k]}: ${peer(peersB, k, 1)?.params ?? 'not run'}.`),
    'peers fit once per thread count here (2.4M rows).',
  ]);

  const gb = cli.gbdt?.rocAuc ?? cli.gbdt?.value;
  const xgb2 = peer(peersA, 'xgb', 2);
  const hgb2 = peer(peersA, 'hgb', 2);
  const xgbB2 = peer(peersB, 'xgb', 2);
  const studioGb = studio.gbdt?.rocAuc;
  const timeRatio = ratio(cli.gbdt?.trainMs, hgb2?.fitMs);
  const studioRatio = ratio(studio.gbdt?.trainMs, hgb2?.fitMs);
  const bigRatio = ratio(cliB?.trainMs, xgbB2?.fitMs);
  const studioBigRatio = ratio(studioB?.trainMs, xgbB2?.fitMs);
  const autoOk = auto?.rocAuc != null && xgb2?.rocAuc != null ? auto.rocAuc >= xgb2.rocAuc && auto.trainingMs <= AUTO_BUDGET_MS : null;
  const gap = (a, b) => (a != null && b != null ? a - b : null);
  const signed = (x) => (x == null ? '—' : `${x >= 0 ? '+' : ''}${x.toFixed(4)}`);
  printTable('C. Targets', ['measure', 'ours', 'peer', 'peer figure', 'gap / ratio', 'target', 'verdict'], [
    ['A: gbdt test AUC (CLI)', auc(gb), 'XGBoost hist, 2 threads', auc(xgb2?.rocAuc), signed(gap(gb, xgb2?.rocAuc)), '≥ XGBoost',
      verdict(gap(gb, xgb2?.rocAuc), { atLeast: 0 })],
    ['A: gbdt test AUC (studio)', auc(studioGb), 'XGBoost hist, 2 threads', auc(xgb2?.rocAuc), signed(gap(studioGb, xgb2?.rocAuc)),
      '≥ XGBoost', verdict(gap(studioGb, xgb2?.rocAuc), { atLeast: 0 })],
    ['A: gbdt fit time (CLI)', millis(cli.gbdt?.trainMs), 'HistGradientBoosting, 2 threads', millis(hgb2?.fitMs), times(timeRatio),
      '≤ 1×', verdict(timeRatio, { atMost: 1 })],
    ['A: gbdt fit time (studio)', millis(studio.gbdt?.trainMs), 'HistGradientBoosting, 2 threads', millis(hgb2?.fitMs), times(studioRatio),
      '≤ 1×', verdict(studioRatio, { atMost: 1 })],
    ['B: 3M rows gbdt fit time (CLI)', millis(cliB?.trainMs), 'XGBoost hist, 2 threads', millis(xgbB2?.fitMs), times(bigRatio),
      '≤ 1.5×', verdict(bigRatio, { atMost: 1.5 })],
    ['B: 3M rows gbdt fit time (studio)', millis(studioB?.trainMs), 'XGBoost hist, 2 threads', millis(xgbB2?.fitMs), times(studioBigRatio),
      '≤ 1.5×', verdict(studioBigRatio, { atMost: 1.5 })],
    ['auto: test AUC / training time', auto?.rocAuc != null ? `${auc(auto.rocAuc)} in ${seconds(auto.trainingMs)}` : why(auto) || '—',
      'XGBoost hist, 2 threads', auc(xgb2?.rocAuc), signed(gap(auto?.rocAuc, xgb2?.rocAuc)), `≥ XGBoost within ${AUTO_BUDGET_MS / 1000} s`,
      autoOk == null ? '—' : autoOk ? 'met' : 'MISSED'],
    ['scorer.mjs predictOne p99, 300-tree depth-6 gbdt', us(scoring?.single?.p99Us) + (why(scoring) ? ` ${why(scoring)}` : ''), '', '',
      `p50 ${us(scoring?.single?.p50Us)}`, '< 30 µs', verdict(scoring?.single?.p99Us, { below: 30 })],
  ], [
    `auto: \`modelbench train ${DIR}/train.csv --test ${DIR}/test.csv --recipe ${DIR}/recipe.json --model auto --cv 0\` (the proposed `
      + 'recipe of the train section); training time = run.json totalMs − readMs − recipeMs − evaluateMs − cvMs − recordMs (search and final fit)'
      + (auto?.kind ? `; chose ${auto.kind} after ${auto.trials} trials of ${auto.kinds} (trial fits ${seconds(auto.searchFitMs)}, final fit `
        + `${seconds(auto.finalFitMs)}, process ${seconds(auto.wallMs)})` : '') + '.',
    `scoring: \`modelbench train … --model gbdt ${flags(SCORING).join(' ')}\` on task A, \`modelbench export\`, scorer.mjs from the zip `
      + 'imported in a Node process of its own (scorer-latency.mjs, as a deployed service runs it, away from the heap and phases of the bench process); predictOne(row object) on the test rows, preprocessing included, 20,000 timed calls after 2,000 '
      + `untimed (src/core/deploy measureLatency)${scoring?.trees ? `; ${scoring.trees} trees, test AUC ${auc(scoring.rocAuc)}, `
        + `mean ${us(scoring.single.meanUs)}, 1,000-row batches ${Math.round(scoring.batch.rowsPerSecond).toLocaleString('en-US')} rows/s` : ''}.`,
    versions ? `versions: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}.` : `peers: ${peersA?.unavailable ?? 'not run'}.`,
    `1-minute load average ${load[0].toFixed(2)} at the start of the section, ${load[1].toFixed(2)} at the end on ${cpus().length} CPU(s) `
      + '(shared with whatever else runs; compare within this run only).',
    ...(Math.max(...load) > cpus().length ? ['WARNING: the machine was busier than its CPU count during this section: multi-threaded '
      + 'figures (OpenMP peers especially, which spin while they wait) are inflated; rerun on a quiet machine before reading the fit-time verdicts.'] : []),
    ...failures.map((f) => `FAILED ${f}`),
  ]);
  if (failures.length) throw new Error(`trees: ${failures.length} part(s) broke: ${failures.join(' | ')}`);
  return { task: { train: task.train, test: task.test, cut: task.cut }, big: { train: big.trainRows, test: big.testRows, cut: big.cut },
    cli, studio, peersA, cliB, studioB, peersB, auto, scoring };
}
