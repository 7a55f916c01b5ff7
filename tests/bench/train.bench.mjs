// Section "train": a flight-delay task (200,000 rows, time split) trained with our logistic regression and MLP
// in the real studio (WASM, and WebGPU on SwiftShader), through the Node CLI, and by scikit-learn on the same files.
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { DIR, PYTHON, prepareTask, pythonMissing, runProcess, trainCli } from './flight-task.mjs';
import { count, millis, perSec, printTable, seconds, verdict } from './format.mjs';
import { ensureBuild } from './studio-session.mjs';
import { measureStudioTraining } from './train-studio.mjs';

export const name = 'train';
export const title = 'Prepare and train (flight delays: ours vs scikit-learn)';

/** `modelbench train` on the train/test files: test ROC AUC, train time (run.json), epochs and wall time. */
async function measureCli(task, kind, timeoutMs) {
  const { line, run, wallMs } = await trainCli({ train: task.files.train, test: task.files.test, recipe: task.files.recipe,
    target: 'delayed', kind, extra: ['--backend', 'wasm'], out: join(DIR, `cli-${kind}`), timeoutMs });
  return { rocAuc: line.metrics.rocAuc, trainMs: run.timings.trainMs, epochs: run.history.length, wallMs,
    backend: run.backend, fitRows: run.rows.train };
}

/** scikit-learn's three models on the same files, or `{ unavailable }` when Debian's Python lacks it. */
async function measureSklearn(task, timeoutMs) {
  const missing = pythonMissing(['sklearn']);
  if (missing) return { unavailable: missing };
  const { stdout, wallMs } = await runProcess(PYTHON, ['tests/bench/sklearn_flights.py', task.files.train,
    task.files.test, '--seed', '42'], { timeoutMs });
  return { ...JSON.parse(stdout), wallMs };
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
    const jobs = [{ kind: 'logistic', backend: 'wasm' }, { kind: 'mlp', backend: 'wasm' },
      { kind: 'logistic', backend: 'webgpu', maxEpochs: gpuEpochs }, { kind: 'mlp', backend: 'webgpu', maxEpochs: gpuEpochs }];
    const measured = await attempt('the studio in headless Chromium (WASM, then WebGPU on SwiftShader)', () =>
      measureStudioTraining({ root: resolve(root), file: task.files.all, recipe: task.files.recipe, jobs, timeoutMs, log }));
    for (const m of measured ?? []) {
      if (m.error || m.unavailable) failures.push(`studio ${m.kind} on ${m.backend}: ${m.error ?? m.unavailable}`);
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
