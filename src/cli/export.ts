/**
 * `modelbench export <run-dir> --out bundle.zip [--name NAME] [--version V]`
 *
 * Reads a run directory written by `modelbench train` (run.json plus model.json + weights.bin,
 * trees.json or baseline.json), measures scorer.mjs latency on rows of the training file when it is still
 * there, and writes the portable bundle zip. Prints one JSON line: files, bytes, latency.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBundle, measureLatency, portableOf, scorerModule, type BundleInput, type LatencyReport } from '../core/deploy';
import { bundleModel } from '../core/registryFolder';

export { bundleModel };
import { readTable } from '../core/table';
import { isNumeric, type Table } from '../core/table';
import { nodeFileSource } from './nodeSource';
import { readFlags } from './flags';
import { fileFingerprint } from './fileFingerprint';
import { readRunDirectory } from './readRunDirectory';

/** A format-1 run recorded no fingerprint: the file it names is hashed now, when it is still there. */
const fingerprintOf = (file: string) => fileFingerprint(file).catch(() => '');

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

export async function exportCommand(argv: string[]): Promise<number> {
  // A RangeError here is a usage mistake: main prints it and exits 2.
  const args = parseExportArgs(argv);
  const run = await readRunDirectory(args.runDir);
  const file = run.data?.file;
  const input: BundleInput = {
    name: args.name ?? basename(resolve(args.runDir)),
    version: args.version ?? 1,
    fitted: run.fitted,
    model: bundleModel(run),
    metrics: run.metrics,
    ...(run.training.baselineMetrics ? { baselineMetrics: run.training.baselineMetrics } : {}),
    ...(run.training.profile ? { drift: run.training.profile } : {}),
    ...(run.training.split ? { split: run.training.split.spec } : {}),
    ...run.summaries,
    ...(run.data ? { data: { name: run.data.name, rows: run.data.rows, fingerprint: run.data.fingerprint ?? (file ? await fingerprintOf(file) : '') } } : {}),
  };
  const latency = await scorerLatency(input, file);
  const bundle = buildBundle({ ...input, latency: [latency] });
  await writeFile(args.out, bundle.zip);
  console.log(JSON.stringify({ out: args.out, bytes: bundle.zip.length, files: Object.keys(bundle.files), latency: latency.single }));
  return 0;
}
