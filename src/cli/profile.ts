import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createProfileAccumulator, profileTable, renderReportHtml, reportToJson, type ProfileAccumulator, type Report } from '../core/profile';
import { streamTable } from '../core/table';
import { printReadWarnings, readTableFile } from './readTableFile';
import { nodeFileSource } from './nodeSource';
import { formatCount, plural } from '../core/format';
import { readFlags } from './flags';
import { createProgress, profileProgress, readProgress, type Progress } from './progress';
import { isImageInput } from './imageInput';

export const USAGE = 'Usage: modelbench profile <file|image folder|image zip> [--target COL] [--out report.json] [--html report.html] [--stream] [--seed N] [--quiet]';

/** Command-line flags of `modelbench profile`, validated. */
export interface ProfileArgs {
  file: string;
  target?: string;
  out?: string;
  html?: string;
  /** Read in batches and profile with sketches (files larger than memory). */
  stream: boolean;
  seed?: number;
  /** No progress line on stderr, even on a terminal. */
  quiet?: boolean;
}

/** Parses argv; throws a RangeError naming the bad flag and the usage. */
export function parseProfileArgs(argv: string[]): ProfileArgs {
  const { flags, switches, positional } = readFlags(argv, ['target', 'out', 'html', 'seed'], USAGE, ['stream', 'quiet']);
  if (positional.length > 1) throw new RangeError(`Only one input file is profiled; got "${positional[0]}" and "${positional[1]}". ${USAGE}`);
  const args: ProfileArgs = { file: positional[0] ?? '', stream: switches.has('stream'), ...(switches.has('quiet') ? { quiet: true } : {}) };
  for (const name of ['target', 'out', 'html'] as const) if (flags[name] !== undefined) args[name] = flags[name];
  if (flags.seed !== undefined) {
    args.seed = Number(flags.seed);
    if (!Number.isInteger(args.seed)) throw new RangeError(`--seed must be an integer; got "${flags.seed}". ${USAGE}`);
  }
  if (!args.file) throw new RangeError(`No input file given. ${USAGE}`);
  return args;
}

/** SHA-256 of the file's bytes, hex: the report's `dataset.fingerprint`. */
async function fingerprint(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

async function streamed(args: ProfileArgs, print: string, progress: Progress): Promise<Report> {
  const source = await nodeFileSource(args.file);
  let acc: ProfileAccumulator | null = null;
  const fp = await fingerprint(args.file);
  const started = performance.now();
  const hooks = readProgress(progress, args.file);
  const { warnings } = await streamTable(source, {}, (batch) => {
    acc ??= createProfileAccumulator(
      { name: source.name, columns: batch.columns.map((c) => ({ name: c.name, type: c.type, shapes: c.shapes })) },
      { fingerprint: fp, seed: args.seed },
    );
    acc.add(batch);
  }, hooks);
  progress.clear();
  printReadWarnings(args.file, warnings);
  if (!acc) throw new RangeError(`"${args.file}" has no rows to profile. ${print}`);
  const report = (acc as ProfileAccumulator).finish();
  report.meta.timingsMs.profile = performance.now() - started;
  return report;
}

/** Reads the whole file and profiles it; an unknown --target is a RangeError (exit 2). */
async function profile(args: ProfileArgs, progress: Progress): Promise<Report> {
  if (args.stream) return streamed(args, USAGE, progress);
  const { table, meta } = await readTableFile(args.file, { progress });
  if (args.target !== undefined && !table.columns.some((c) => c.name === args.target)) {
    throw new RangeError(`--target "${args.target}" is not a column of "${args.file}". Columns: ${table.columns.map((c) => c.name).join(', ')}.`);
  }
  const fp = await fingerprint(args.file);
  return profileTable(table, { target: args.target, fingerprint: fp, parseMs: meta.parseMs, seed: args.seed }, profileProgress(progress));
}

/** `modelbench profile <file> …`: writes the JSON and/or HTML report; JSON to stdout when neither is named. */
export async function profileCommand(argv: string[]): Promise<number> {
  let args: ProfileArgs;
  try {
    args = parseProfileArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  if (await isImageInput(args.file)) {
    if (args.html || args.stream || args.target) {
      console.error(`--html, --stream and --target apply to tables; an image folder or zip takes only --out and --quiet. ${USAGE}`);
      return 2;
    }
    return (await import('./imageProfile')).imageProfileCommand(args);
  }
  let report: Report;
  const progress = createProgress({ quiet: args.quiet });
  try {
    report = await profile(args, progress);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    progress.clear();
    console.error(e.message);
    return 2;
  } finally {
    progress.clear();
  }
  const json = reportToJson(report, 1);
  if (args.out) await writeFile(args.out, json);
  if (args.html) await writeFile(args.html, renderReportHtml(report));
  if (!args.out && !args.html) process.stdout.write(`${json}\n`);
  const d = report.dataset;
  if (!args.quiet) console.error(`Profiled ${plural(d.rows, 'row')} × ${plural(d.columns, 'column')} in ${formatCount(report.meta.timingsMs.profile)} ms${args.stream ? ', reading as it went' : ` (reading ${formatCount(report.meta.timingsMs.parse)} ms)`}; ${plural(report.alerts.length, 'alert')}.`);
  return 0;
}
