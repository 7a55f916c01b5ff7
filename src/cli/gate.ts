/**
 * `modelbench gate --champion A --challenger B --test FILE [--policy gate.json] [--registry DIR]
 *  [--report FILE] [--junit FILE] [--format json|text|github]`
 *
 * Decides whether B may replace A: both score the same test rows through their own scorer.mjs, and
 * the policy's checks run on the paired comparison, the latency, the sizes, the inputs and the
 * slices. Exit 0 pass, 1 fail, 2 invalid input or usage, 3 inconclusive; one JSON line on stdout.
 */
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareOnTable } from '../core/abtest';
import { measureLatency, type LatencyReport } from '../core/deploy';
import { compareSlices, DEFAULT_POLICY, gateJunit, gateMarkdown, gateReport, githubAnnotations, parseGatePolicy, type GatePolicy, type GateReport } from '../core/gate';
import { fileErrorMessage } from './fileError';
import { readFlags } from './flags';
import { loadGateModel, type GateModelFile } from './gateModel';
import { timeModelSql } from './gateSql';
import { readTableFile } from './readTableFile';

export const USAGE = `Usage: modelbench gate --champion A --challenger B --test FILE [--policy gate.json] [--registry DIR] [--report report.md] [--junit junit.xml] [--format json|text|github]
  A and B: a bundle (.zip or its unzipped folder), a run directory, or name@version / name@alias from --registry DIR.
  Exit codes: 0 pass, 1 fail, 2 invalid input or usage, 3 inconclusive.
  latency.sqlRowsPerSecond also times each bundle's model.sql scoring the test file in an embedded DuckDB (one thread).
  Default policy (every key optional in gate.json; margins are shares of the champion's value):
${JSON.stringify(DEFAULT_POLICY, null, 2).replace(/^/gm, '    ')}`;

const FORMATS = ['json', 'text', 'github'] as const;

export interface GateArgs {
  champion: string;
  challenger: string;
  test: string;
  policy?: string;
  registry?: string;
  report?: string;
  junit?: string;
  format: (typeof FORMATS)[number];
}

/** Parses argv; throws a RangeError naming the bad flag. */
export function parseGateArgs(argv: string[]): GateArgs {
  const { flags, positional } = readFlags(argv, ['champion', 'challenger', 'test', 'policy', 'registry', 'report', 'junit', 'format'], USAGE);
  if (positional.length) throw new RangeError(`Unexpected argument(s) ${positional.join(', ')}; name the models with --champion and --challenger. ${USAGE}`);
  for (const name of ['champion', 'challenger', 'test'] as const) if (!flags[name]) throw new RangeError(`--${name} is required. ${USAGE}`);
  const format = (flags.format ?? 'json') as GateArgs['format'];
  if (!FORMATS.includes(format)) throw new RangeError(`--format ${format} must be one of ${FORMATS.join(', ')}. ${USAGE}`);
  const optional = Object.fromEntries((['policy', 'registry', 'report', 'junit'] as const).filter((k) => flags[k]).map((k) => [k, flags[k]]));
  return { champion: flags.champion!, challenger: flags.challenger!, test: flags.test!, format, ...optional };
}

async function scorerLatency(model: GateModelFile, rows: Record<string, unknown>[]): Promise<LatencyReport> {
  const batch = Array.from({ length: 1000 }, (_, i) => rows[i % rows.length]);
  return measureLatency((i) => model.predictOne(rows[i % rows.length]), () => model.predict(batch), { path: 'scorer.mjs (Node)', calls: 2000, warmup: 200, batches: 2 });
}

/** Runs every check; throws a RangeError for input that cannot be judged. Exported for tests and `pipeline`. */
export async function runGate(args: Omit<GateArgs, 'format' | 'report' | 'junit'>): Promise<GateReport> {
  const policy: GatePolicy = args.policy ? parseGatePolicy(await readFile(args.policy, 'utf8'), args.policy) : DEFAULT_POLICY;
  const dir = await mkdtemp(join(tmpdir(), 'modelbench-gate-'));
  try {
    const champion = await loadGateModel(args.champion, 'champion', dir, args.registry);
    const challenger = await loadGateModel(args.challenger, 'challenger', dir, args.registry);
    const { table } = await readTableFile(args.test);
    const names = new Set(table.columns.map((c) => c.name));
    const target = champion.preprocess.target;
    if (!names.has(target)) throw new RangeError(`--test ${args.test} has no column '${target}', the champion's target; give a test file with the true outcome.`);
    for (const m of [champion, challenger]) {
      const missing = m.inputs.filter((c) => !names.has(c));
      if (missing.length) throw new RangeError(`--test ${args.test} lacks ${missing.map((c) => `'${c}'`).join(', ')}, which "${m.name}" needs; give a test file with every input column.`);
    }
    let scored: Record<string, unknown>[] = [];
    const scorers = [champion, challenger].map((m) => ({ name: m.name, preprocess: m.preprocess, predict: (rows: Record<string, unknown>[]) => ((scored = rows), m.predict(rows)) }));
    const compared = compareOnTable(table, target, scorers, { confidence: policy.confidence, alpha: 1 - policy.confidence });
    const slices = policy.slices.margin === null ? null : compareSlices(table, target, compared.input, { columns: policy.slices.columns, minRows: policy.slices.minRows });
    const [championLatency, challengerLatency] = policy.latency.p99Ms === null || scored.length === 0 ? [null, null] : [await scorerLatency(champion, scored), await scorerLatency(challenger, scored)];
    // model.sql is timed only where the policy sets a floor for it: each run loads the test file into DuckDB.
    const sqlOf = async (m: GateModelFile) => (typeof m.sql === 'string' ? timeModelSql(m.sql, args.test) : m.sql);
    const sql = policy.latency.sqlRowsPerSecond === null ? null : { champion: await sqlOf(champion), challenger: await sqlOf(challenger) };
    const dropped = compared.dropped.missingTarget + compared.dropped.unseenClass + compared.dropped.refused;
    return gateReport({
      champion: { name: champion.name, bytes: champion.zip.length, inputs: champion.inputs, latency: championLatency, ...(sql ? { sql: sql.champion } : {}) },
      challenger: { name: challenger.name, bytes: challenger.zip.length, inputs: challenger.inputs, latency: challengerLatency, ...(sql ? { sql: sql.challenger } : {}) },
      comparison: compared.report.comparisons[0],
      slices,
      policy,
      test: { file: args.test, rows: compared.report.n, dropped },
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What the gate prints on stdout: one JSON line, plus annotations (github) or a readable table (text) before it. */
function printReport(report: GateReport, format: GateArgs['format']): void {
  if (format === 'github') for (const line of githubAnnotations(report)) console.log(line);
  if (format === 'text') for (const c of report.checks) console.log(`${c.status.toUpperCase().padEnd(12)} ${c.title}: ${c.summary}`);
  const checks = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
  console.log(JSON.stringify({ verdict: report.verdict, exitCode: report.exitCode, champion: report.champion.name, challenger: report.challenger.name, rows: report.test.rows, checks }));
}

export async function gateCommand(argv: string[]): Promise<number> {
  try {
    const args = parseGateArgs(argv);
    const report = await runGate(args);
    const markdown = gateMarkdown(report);
    if (args.report) await writeFile(args.report, markdown);
    if (args.junit) await writeFile(args.junit, gateJunit(report));
    if (args.format === 'github' && process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
    printReport(report, args.format);
    return report.exitCode;
  } catch (e) {
    // Whatever went wrong, the gate did not judge: exit 2, never a pass or a plain fail.
    const message = fileErrorMessage(e) ?? (e instanceof Error ? e.message : String(e));
    console.error(`Gate not run: ${message}`);
    // In a GitHub job the reason also shows as an annotation on the run.
    if (argv.join(' ').includes('--format github')) console.log(`::error title=Model gate not run::${message.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')}`);
    if (process.env.MODELBENCH_DEBUG && e instanceof Error) console.error(e.stack);
    return 2;
  }
}
