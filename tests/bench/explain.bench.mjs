// Section "explain": permutation importance (5 repeats) on the 40,000 held-out rows of the flight-delay task and
// partial dependence with ICE lines for the top 5 columns, for an MLP of our default size (2 × 64), beside
// scikit-learn's `permutation_importance` and `partial_dependence` on an MLPClassifier of the same size.
import { loadavg } from 'node:os';
import { tsImport } from 'tsx/esm/api';
import { PYTHON, prepareTask, pythonMissing, runProcess } from './flight-task.mjs';
import { count, millis, printTable, times, verdict } from './format.mjs';

export const name = 'explain';
export const title = 'Explanations (MLP on the flight-delay task: ours vs scikit-learn)';

const EPOCHS = 2;

/** scikit-learn on the same files and columns, or `{ unavailable }` when Debian's Python lacks it. */
async function measureSklearn(task, top, pdRows, grid, timeoutMs) {
  const missing = pythonMissing(['sklearn', 'pandas']);
  if (missing) return { unavailable: missing };
  const { stdout } = await runProcess(PYTHON, ['tests/bench/explain_peers.py', task.files.train, task.files.test, top.join(','),
    '--epochs', String(EPOCHS), '--pd-rows', String(pdRows), '--grid', String(grid)], { timeoutMs });
  return JSON.parse(stdout);
}

export async function run({ log, timeoutMs }) {
  const loadBefore = loadavg()[0];
  const task = await prepareTask(log);
  log(`  measuring ours (an MLP 2 × 64 trained ${EPOCHS} epochs in Node, then explained)…`);
  const { measureExplain } = await tsImport('./explain-node.ts', import.meta.url);
  const ours = await measureExplain(task.files, EPOCHS);
  log('  measuring scikit-learn…');
  const grid = Math.max(...ours.gridPoints);
  const sk = await measureSklearn(task, ours.top, ours.pdRows, grid, Math.max(timeoutMs, 900_000))
    .catch((e) => ({ unavailable: String(e.message ?? e) }));
  const oursTotal = ours.permutationMs + ours.dependenceMs;
  const skTotal = sk.unavailable ? null : sk.permutationMs + sk.partialDependenceMs;
  const ratio = skTotal ? oursTotal / skTotal : null;
  printTable(`Explaining an MLP 2 × 64: ${count(ours.testRows)} held-out rows, ${ours.top.length} columns (${ours.top.join(', ')})`,
    ['', 'permutation importance (5 repeats, every test row)', `partial dependence + ICE (top ${ours.top.length}, ${count(ours.pdRows)} rows)`, 'total', 'vs scikit-learn', 'target ≤ 1.00×'],
    [
      ['ours (Node, the studio\'s code)', millis(ours.permutationMs), millis(ours.dependenceMs), millis(oursTotal), times(ratio), verdict(ratio, { atMost: 1 })],
      sk.unavailable ? ['scikit-learn', sk.unavailable, '', '', '', '']
        : [`scikit-learn ${sk.versions.sklearn}`, millis(sk.permutationMs), millis(sk.partialDependenceMs), millis(skTotal), '1.00×', ''],
    ],
    [`The Train stage's whole explanation (importance on ≤ 5,000 rows, curves, row contributions): ${millis(ours.studioMs)}.`,
      `Grid: up to ${grid} points per numeric column, every category for categorical ones (scikit-learn: grid_resolution ${grid}, kind='both').`,
      `Load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after.`]);
  return { ours, sklearn: sk, ratio };
}
