/**
 * Progress of whole commands, with stderr standing in for a terminal (isTTY true, writes kept):
 * lines drawn in place while training, profiling and scoring; none when stderr is not a terminal
 * or with --quiet, where stdout carries the one JSON line alone. Also `--format table`, and the
 * default model being the studio's one-click model.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { main } from '../../../src/cli/main';
import { parseTrainArgs, trainSpec } from '../../../src/cli/train';
import { trainTable } from '../../../src/cli/metricsTable';
import { TrainState } from '../../../src/state/train.svelte';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const penguins = join(__dirname, '../../../public/samples/penguins.json');

/** Runs `modelbench ARGV` in-process with stderr a terminal or not; returns stdout and everything written to stderr. */
async function run(argv: string[], tty: boolean) {
  let out = '';
  let err = '';
  const had = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  Object.defineProperty(process.stderr, 'isTTY', { value: tty, configurable: true });
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((m) => void (out += `${m}\n`)),
    vi.spyOn(console, 'error').mockImplementation((m) => void (err += `${m}\n`)),
    vi.spyOn(process.stdout, 'write').mockImplementation((m) => ((out += String(m)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((m) => ((err += String(m)), true)),
  ];
  try {
    return { code: await main(argv), out, err };
  } finally {
    for (const s of spies) s.mockRestore();
    if (had) Object.defineProperty(process.stderr, 'isTTY', had);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
}

const trainArgs = (out: string, ...more: string[]) => ['train', penguins, '--target', 'Species', '--backend', 'cpu', '--cv', '2', '--rounds', '30', '--out', join(dir, out), ...more];

describe('train', () => {
  test('on a terminal, stderr shows reading, profiling, preparing, each round with its validation loss, explaining and the folds', async () => {
    const r = await run(trainArgs('tty'), true);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/\rReading penguins\.json · 100 % · [\d.]+ MB of [\d.]+ MB\x1b\[K/);
    expect(r.err).toContain('\rProfiling the columns · 100 % · step ');
    expect(r.err).toContain('\rPreparing the data…\x1b[K');
    expect(r.err).toMatch(/\rTraining Gradient-boosted trees · 3 % · round 1 of 30 · validation loss \d/);
    expect(r.err).toContain('\rExplaining the model: ');
    expect(r.err).toContain('\rCross-validating: fold 2 of 2…\x1b[K');
    // The line is erased before the result, which stays on stdout alone.
    expect(r.err.endsWith('\r\x1b[K')).toBe(true);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.out)).toMatchObject({ model: 'gbdt', task: 'multiclass' });
  });

  test('when stderr is not a terminal, or with --quiet, nothing but the JSON line is printed', async () => {
    for (const [tty, extra] of [[false, []], [true, ['--quiet']]] as const) {
      const r = await run(trainArgs(`quiet-${tty}`, ...extra), tty);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(Object.keys(JSON.parse(r.out))).toContain('metrics');
    }
  });

  test('--format table prints the metrics in words beside the baseline, without JSON', async () => {
    const r = await run(trainArgs('table', '--format', 'table'), false);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Gradient-boosted trees, multiclass classification, trained on JavaScript\. Tested on [0-9,]+ held-out rows \(trained on [0-9,]+\)\.\n\nTest metrics:\n\nMetric +Model +Baseline\n/);
    expect(r.out).toMatch(/\nAccuracy +0\.\d{1,4} +0\.\d{1,4}\n/);
    expect(r.out).toMatch(/\nF1 \(macro\) +/);
    expect(r.out).not.toMatch(/[{}]|macroF1/);
    const run_ = JSON.parse(readFileSync(join(dir, 'table', 'run.json'), 'utf8')) as { metrics: Record<string, number> };
    // JSON keeps full precision where the table rounds.
    expect(Object.keys(run_.metrics)).toContain('accuracy');
  });

  test('a failure erases the progress line before its one-line message', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const r = await run(['train', empty, '--target', 'y', '--out', join(dir, 'empty')], true);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^\rReading empty\.csv…\x1b\[K\r\x1b\[K"[^\n]*empty\.csv" is empty[^\n\r]*\n$/);
  });

  test('--format accepts json or table only', async () => {
    const r = await run(trainArgs('bad', '--format', 'csv'), false);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--format csv must be json or table\.\nUsage: modelbench train /);
  });
});

test('profile and score draw progress on a terminal only', async () => {
  const tty = await run(['profile', penguins, '--out', join(dir, 'p.json')], true);
  expect(tty.code).toBe(0);
  expect(tty.err).toContain('\rProfiling the columns · 100 % · step ');
  const quiet = await run(['profile', penguins, '--out', join(dir, 'q.json'), '--quiet'], true);
  expect(quiet).toEqual({ code: 0, out: '', err: '' });
  const piped = await run(['profile', penguins, '--out', join(dir, 'r.json')], false);
  expect(piped.err).not.toContain('\r');
});

test('the table rounds to four significant digits and names metrics for people', () => {
  const text = trainTable({
    model: 'Logistic regression',
    task: 'binary',
    backend: 'WASM',
    metrics: { accuracy: 0.912345678, rocAuc: 0.95, logLoss: 0.2345678 },
    baselineMetrics: { accuracy: 0.6, rocAuc: 0.5, logLoss: 0.67 },
    comparison: { metric: 'rocAuc', model: 0.95, baseline: 0.5 },
    rows: { train: 12_400, test: 3_100, missingTarget: 1, unseenClass: 0, removedByRowSteps: 25 },
  });
  expect(text.split('\n')).toEqual([
    "Logistic regression, binary classification, trained on WASM. Tested on 3,100 held-out rows (trained on 12,400); 1 row without a target was left out; the recipe's row steps left out 25 rows.",
    '',
    'Test metrics:',
    '',
    'Metric     Model  Baseline',
    '────────  ──────  ────────',
    'Accuracy  0.9123       0.6',
    'ROC AUC     0.95       0.5',
    'Log loss  0.2346      0.67',
    '',
    expect.stringMatching(/^ROC AUC 0\.95 against 0\.5 for the baseline: better than the baseline; it closes 90 % of the gap/),
  ]);
});

test("without --model, the CLI trains the studio's one-click spec with the same seed", () => {
  const args = parseTrainArgs(['data.csv', '--target', 'y', '--out', 'run']);
  expect(trainSpec(args)).toEqual(new TrainState().spec());
  expect(trainSpec(args)).toEqual({ kind: 'gbdt', options: {}, seed: 42 });
});
