/**
 * `modelbench compare <bundle.zip> <bundle.zip> [...] <test-file> --target COL [--seed N] [--resamples N]`
 *
 * Scores the test file through each bundle's own scorer.mjs and prints the offline comparison
 * (the first bundle is the champion) as JSON: metrics per model, paired bootstrap intervals,
 * McNemar/DeLong or paired t/Wilcoxon, the verdict, rows needed and the top disagreements.
 */
import { readFlags } from './flags';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { compareOnTable, comparisonInput, type ComparisonInput, type ComparisonReport } from '../core/abtest';
import { verifyBundle, type Preprocess, type RowPrediction } from '../core/deploy';
import { readTableFile } from './readTableFile';

export { comparisonInput };

export const USAGE = 'Usage: modelbench compare <bundle.zip> <bundle.zip> [...] <test-file> --target COL [--seed N] [--resamples N]';

export interface CompareArgs {
  bundles: string[];
  testFile: string;
  target: string;
  seed: number;
  resamples: number;
}

function wholeNumber(flag: string, text: string, min: number): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${flag} must be a whole number ≥ ${min}; got "${text}". ${USAGE}`);
  return v;
}

/** Parses argv; throws a RangeError naming the bad flag and the usage. */
export function parseCompareArgs(argv: string[]): CompareArgs {
  const { flags, positional } = readFlags(argv, ['target', 'seed', 'resamples'], USAGE);
  if (positional.length < 3) throw new RangeError(`Expected at least two bundles and a test file; got ${positional.length ? positional.join(', ') : 'nothing'}. ${USAGE}`);
  if (!flags.target) throw new RangeError(`--target COL is required: the column holding the true outcome. ${USAGE}`);
  const testFile = positional.at(-1)!;
  if (/\.zip$/i.test(testFile)) throw new RangeError(`The last argument, ${testFile}, must be the test file (CSV, JSON, Parquet or Arrow), not a bundle. ${USAGE}`);
  return {
    bundles: positional.slice(0, -1),
    testFile,
    target: flags.target,
    seed: flags.seed === undefined ? 0 : wholeNumber('--seed', flags.seed, 0),
    resamples: flags.resamples === undefined ? 2000 : wholeNumber('--resamples', flags.resamples, 1000),
  };
}

/** One unzipped, verified bundle with its scorer imported. */
interface LoadedBundle {
  name: string;
  preprocess: Preprocess;
  predict(rows: Record<string, unknown>[]): RowPrediction[];
  /** The training data fingerprint printed in the model card, if any. */
  fingerprint: string | null;
}

async function loadBundle(path: string, dir: string, index: number): Promise<LoadedBundle> {
  const zip = new Uint8Array(await readFile(path));
  const check = verifyBundle(zip);
  if (!check.ok) throw new RangeError(`${path} failed its integrity check:\n  ${check.problems.join('\n  ')}\nExport the bundle again.`);
  const files = unzipSync(zip);
  const preprocess = JSON.parse(new TextDecoder().decode(files['preprocess.json'])) as Preprocess;
  const card = new TextDecoder().decode(files['README.md'] ?? new Uint8Array());
  const scorerPath = join(dir, `scorer-${index}.mjs`);
  await writeFile(scorerPath, files['scorer.mjs']);
  const scorer = (await import(pathToFileURL(scorerPath).href)) as { predict(rows: unknown[]): RowPrediction[] };
  const model = check.manifest?.model;
  return {
    name: model ? `${model.name} v${model.version}` : basename(path),
    preprocess,
    predict: (rows) => scorer.predict(rows),
    fingerprint: /sha256:[0-9a-f]{64}/.exec(card)?.[0] ?? null,
  };
}

export interface CompareOutput extends ComparisonReport {
  testFile: string;
  target: string;
  dropped: ComparisonInput['dropped'];
  /** Models whose training data has the same fingerprint as the test file: their scores are not held-out. */
  trainedOnTestFile: string[];
}

/** Runs the comparison; exported for tests. */
export async function compareBundles(args: CompareArgs): Promise<CompareOutput> {
  const dir = await mkdtemp(join(tmpdir(), 'modelbench-compare-'));
  try {
    const bundles = [];
    for (const [i, path] of args.bundles.entries()) bundles.push(await loadBundle(path, dir, i));
    const bytes = await readFile(args.testFile);
    const fingerprint = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const { table } = await readTableFile(args.testFile);
    if (!table.columns.some((c) => c.name === args.target)) throw new RangeError(`${args.testFile} has no column '${args.target}' (columns: ${table.columns.map((c) => c.name).join(', ')}); pass the true outcome's column with --target.`);
    const { report, dropped } = compareOnTable(table, args.target, bundles, { seed: args.seed, resamples: args.resamples });
    return {
      testFile: args.testFile,
      target: args.target,
      ...report,
      dropped,
      trainedOnTestFile: bundles.filter((b) => b.fingerprint === fingerprint).map((b) => b.name),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `modelbench compare`: prints the offline comparison JSON on stdout. */
export async function compareCommand(argv: string[]): Promise<number> {
  // A RangeError here is a usage mistake: main prints it and exits 2.
  const args = parseCompareArgs(argv);
  let out: CompareOutput;
  try {
    out = await compareBundles(args);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    console.error(e.message);
    return 1;
  }
  for (const name of out.trainedOnTestFile) console.error(`Warning: ${args.testFile} is the file "${name}" was trained on; its scores are not held-out. Compare on data none of the models saw.`);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}
