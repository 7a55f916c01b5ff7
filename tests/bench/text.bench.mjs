// Section "text": free-text columns. A file of MB_BENCH_TEXT_ROWS (default 100,000) generated reviews of 40–60
// words is (1) profiled with `modelbench profile` (target: ≤ 5 s for 100,000 texts of ~50 words), and (2) fitted
// as TF-IDF (1,000 terms in at least 2 texts, the recipe's text step) + logistic regression on an 80% stratified
// split, beside scikit-learn's TfidfVectorizer + LogisticRegression on the same split when /usr/bin/python3 has it
// (target: no slower than scikit-learn). Both logistic regressions use L-BFGS over all training rows.
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { PYTHON, pythonMissing, runProcess } from './flight-task.mjs';
import { count, printTable, seconds, times, verdict } from './format.mjs';
import { ensureTexts } from './gen-texts.mjs';

export const name = 'text';
export const title = 'Free text: profiling 100,000 texts, and TF-IDF + logistic regression beside scikit-learn';

const MAX_FEATURES = 1000;
const MIN_DF = 2;
/** Our logistic regression with the solver scikit-learn uses by default (L-BFGS over all rows). */
const MODEL_OPTIONS = { solver: 'lbfgs' };

export async function run(ctx) {
  const rows = Number(process.env.MB_BENCH_TEXT_ROWS ?? 100_000);
  const file = await ensureTexts({ path: `.bench-data/texts-${rows}.csv`, rows, log: console.log });
  const timeoutMs = ctx.timeoutMs ?? 600_000;
  const report = join('.bench-data', `texts-${rows}-report.json`);
  const profile = await runProcess('node', ['src/cli/modelbench.mjs', 'profile', file, '--target', 'label', '--out', report, '--quiet'], { timeoutMs });
  const meta = JSON.parse(await readFile(report, 'utf8')).meta.timingsMs;
  const profiledMs = meta.parse + meta.profile;

  const recipe = join('.bench-data', 'text-recipe.json');
  await writeFile(recipe, JSON.stringify({ version: 1, target: 'label', task: 'binary', split: { method: 'stratified', testFraction: 0.2, seed: 42, folds: 0 },
    steps: [{ kind: 'text', columns: ['text'], maxFeatures: MAX_FEATURES, minDf: MIN_DF }] }));
  const ours = JSON.parse((await runProcess('node', ['--import', 'tsx', 'tests/bench/text-fit.mts', file, recipe, JSON.stringify(MODEL_OPTIONS)], { timeoutMs })).stdout.trim().split('\n').at(-1));
  const missing = pythonMissing(['sklearn']);
  const peer = missing ? null : JSON.parse((await runProcess(PYTHON, ['tests/bench/text_peer.py', file, String(MAX_FEATURES), String(MIN_DF)], { timeoutMs })).stdout.trim().split('\n').at(-1));

  printTable(`Profiling ${count(rows)} texts (modelbench profile)`, ['Read', 'Profile', 'Total', 'Target ≤ 5 s'],
    [[seconds(meta.parse), seconds(meta.profile), seconds(profiledMs), verdict(profiledMs, { atMost: 5000 })]],
    [`Load average when done: ${loadavg()[0].toFixed(1)} (wall times stretch with it).`]);
  const line = (who, r) => [who, seconds(r?.tfidfMs), seconds(r?.trainMs), seconds(r?.fitMs), r ? r.accuracy.toFixed(3) : '—'];
  printTable(`TF-IDF (${count(MAX_FEATURES)} terms) + logistic regression on ${count(ours.trainRows)} training texts`,
    ['Who', 'TF-IDF', 'Logistic', 'Fit', 'Test accuracy'],
    [line('Modelbench (text step as sparse rows + logistic, L-BFGS)', ours), line(missing ? `scikit-learn: ${missing}` : 'scikit-learn (TfidfVectorizer + LogisticRegression)', peer)],
    [peer ? `Ours ÷ scikit-learn fit time: ${times(ours.fitMs / peer.fitMs)} (target ≤ 1×: ${verdict(ours.fitMs / peer.fitMs, { atMost: 1 })}).` : 'No scikit-learn to compare with.',
      'Fit time: the text step fitted and applied to the training rows (theirs: fit_transform), then the model fit.',
      'Both are measured in this run, one after the other, on the same machine and load.']);
  return { rows, profile: { parseMs: meta.parse, profileMs: meta.profile, totalMs: profiledMs }, ours, peer, peerMissing: missing };
}
