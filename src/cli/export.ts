/**
 * `modelbench export <run-dir> --out bundle.zip [--name NAME] [--version V]`
 *
 * Reads a run directory written by `modelbench train` (run.json plus model.json + weights.bin,
 * trees.json or baseline.json), measures scorer.mjs latency on rows of the training file when it is still
 * there, and writes the portable bundle zip. Prints one JSON line: files, bytes, latency.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBundle, DeployError, measureLatency, portableOf, scorerModule, type BundleInput, type LatencyReport } from '../core/deploy';
import type { BaselineModel, TreeEnsemble } from '../core/models';
import type { ExplanationSummary, SliceReportJson } from '../core/explain';
import type { FittedRecipe } from '../core/recipe';
import { readTable } from '../core/table';
import { isNumeric, type Table } from '../core/table/types';
import { nodeFileSource } from './nodeSource';
import { readFlags } from './flags';

export const USAGE = 'Usage: modelbench export <run-dir> --out bundle.zip [--name NAME] [--version V]';

export interface ExportArgs {
  runDir: string;
  out: string;
  name?: string;
  version?: string;
}

/** Parses argv; throws a RangeError naming the bad flag and the usage. */
export function parseExportArgs(argv: string[]): ExportArgs {
  const { flags, positional } = readFlags(argv, ['out', 'name', 'version'], USAGE);
  if (positional.length !== 1) throw new RangeError(`${positional.length ? `Expected one run directory, got ${positional.join(', ')}.` : 'Name the run directory (written by modelbench train).'} ${USAGE}`);
  if (!flags.out) throw new RangeError(`--out bundle.zip is required. ${USAGE}`);
  return { runDir: positional[0], out: flags.out, ...(flags.name ? { name: flags.name } : {}), ...(flags.version ? { version: flags.version } : {}) };
}

interface RunJson {
  createdAt?: string;
  input?: { file?: string; rows?: number };
  spec?: { kind?: string };
  fittedRecipe: FittedRecipe;
  metrics?: Record<string, number>;
  baselineMetrics?: Record<string, number>;
  slices?: SliceReportJson;
  explanationSummary?: ExplanationSummary;
  modelFiles?: string[];
}

async function readRun(dir: string): Promise<RunJson> {
  let text: string;
  try {
    text = await readFile(join(dir, 'run.json'), 'utf8');
  } catch {
    throw new DeployError(`${join(dir, 'run.json')} cannot be read; pass a directory written by \`modelbench train --out DIR\`.`, { file: join(dir, 'run.json') });
  }
  const run = JSON.parse(text) as RunJson;
  if (!run.fittedRecipe?.featureNames) throw new DeployError(`${join(dir, 'run.json')} has no fittedRecipe; it was not written by modelbench train.`, { file: join(dir, 'run.json') });
  return run;
}

async function modelOf(dir: string, run: RunJson): Promise<BundleInput['model']> {
  if ((run.modelFiles ?? []).includes('trees.json')) {
    return { kind: 'trees', ensemble: JSON.parse(await readFile(join(dir, 'trees.json'), 'utf8')) as TreeEnsemble };
  }
  if ((run.modelFiles ?? []).includes('baseline.json')) {
    return { kind: 'baseline', baseline: JSON.parse(await readFile(join(dir, 'baseline.json'), 'utf8')) as BaselineModel };
  }
  const modelJson = await readFile(join(dir, 'model.json'), 'utf8');
  const weights = new Uint8Array(await readFile(join(dir, 'weights.bin')));
  return { kind: 'tf', modelKind: run.spec?.kind ?? 'network', files: { modelJson, weights } };
}

function rowObjects(table: Table, limit: number): Record<string, unknown>[] {
  return Array.from({ length: Math.min(limit, table.rowCount) }, (_, r) =>
    Object.fromEntries(table.columns.map((c) => [c.name, isNumeric(c) ? (c.values[r] !== c.values[r] ? null : c.values[r]) : c.codes[r] < 0 ? null : c.dictionary[c.codes[r]]])),
  );
}

/** Latency of scorer.mjs in this Node process, on up to 1,000 training rows (or all-missing rows). */
async function scorerLatency(input: BundleInput, file: string | undefined): Promise<LatencyReport> {
  const dir = await mkdtemp(join(tmpdir(), 'modelbench-export-'));
  try {
    const path = join(dir, 'scorer.mjs');
    await writeFile(path, scorerModule(input.fitted, portableOf(input), { name: input.name, version: input.version }));
    const scorer = (await import(pathToFileURL(path).href)) as { predict(rows: unknown[]): unknown[]; predictOne(row: unknown): unknown };
    let rows: Record<string, unknown>[] = [];
    if (file) rows = await readTable(await nodeFileSource(file)).then((r) => rowObjects(r.table, 1000)).catch(() => []);
    if (rows.length === 0) rows = [Object.fromEntries(input.fitted.inputSchema.map((c) => [c.name, null]))];
    const batch = Array.from({ length: 1000 }, (_, i) => rows[i % rows.length]);
    return await measureLatency((i) => scorer.predictOne(rows[i % rows.length]), () => scorer.predict(batch), { path: 'scorer.mjs (Node)', calls: 5000, warmup: 500 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function fingerprint(file: string | undefined): Promise<string> {
  if (!file) return '';
  try {
    return `sha256:${createHash('sha256').update(await readFile(file)).digest('hex')}`;
  } catch {
    return '';
  }
}

export async function exportCommand(argv: string[]): Promise<number> {
  let args: ExportArgs;
  try {
    args = parseExportArgs(argv);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    console.error(e.message);
    return 2;
  }
  try {
    const run = await readRun(args.runDir);
    const file = run.input?.file;
    const input: BundleInput = {
      name: args.name ?? basename(resolve(args.runDir)),
      version: args.version ?? 1,
      fitted: run.fittedRecipe,
      model: await modelOf(args.runDir, run),
      ...(run.metrics ? { metrics: run.metrics } : {}),
      ...(run.baselineMetrics ? { baselineMetrics: run.baselineMetrics } : {}),
      ...(run.slices ? { slices: run.slices } : {}),
      ...(run.explanationSummary ? { explanation: run.explanationSummary } : {}),
      ...(file ? { data: { name: basename(file), rows: run.input?.rows ?? 0, fingerprint: await fingerprint(file) } } : {}),
    };
    const latency = await scorerLatency(input, file);
    const bundle = buildBundle({ ...input, latency: [latency] });
    await writeFile(args.out, bundle.zip);
    console.log(JSON.stringify({ out: args.out, bytes: bundle.zip.length, files: Object.keys(bundle.files), latency: latency.single }));
    return 0;
  } catch (e) {
    if (e instanceof DeployError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}
