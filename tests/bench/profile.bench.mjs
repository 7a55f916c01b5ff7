// Section "profile": file → complete exploration report in the studio, beside DuckDB's SUMMARIZE over
// read_csv on the same file with one and with two threads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mb, millis, printTable, seconds, times, verdict } from './format.mjs';
import { PAGE_MEMORY_METHOD, pageRendererRows } from './load.bench.mjs';

export const name = 'profile';
export const title = 'Profiling a CSV (file → full exploration report)';

/**
 * `modelbench profile <file> --out report.json` as a user runs it: wall time of the whole process
 * (start-up, read, profile, write), and the times the report records for reading and profiling.
 */
function measureCli(path) {
  const dir = mkdtempSync(join(tmpdir(), 'mb-bench-cli-'));
  try {
    const out = join(dir, 'report.json');
    const started = performance.now();
    const r = spawnSync(process.execPath, ['src/cli/modelbench.mjs', 'profile', path, '--out', out, '--quiet'], { encoding: 'utf8' });
    const ms = performance.now() - started;
    if (r.status !== 0) throw new Error(`modelbench profile exited ${r.status}: ${r.stderr.trim().split('\n').at(-1)}`);
    const timings = JSON.parse(readFileSync(out, 'utf8')).meta?.timingsMs ?? {};
    return { ms, parseMs: timings.parse, profileMs: timings.profile };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the section; returns its figures for the results file. Throws when the studio part broke. */
export async function run(ctx) {
  const file = await ctx.file();
  const duck1 = await ctx.duckdbSummarize(1);
  const duck2 = await ctx.duckdbSummarize(2);
  ctx.log('  measuring modelbench profile (the CLI)…');
  const cli = measureCli(file.path);
  let studio = null;
  let failure = null;
  try {
    studio = await ctx.studio();
    if (!studio.profile) failure = new Error(studio.profileError ?? 'no exploration report was recorded');
  } catch (error) {
    failure = error;
  }
  const p = studio?.profile;
  const ms = p?.outsideMs;
  const vs1 = ms ? ms / duck1.ms : null;
  const vs2 = ms ? ms / duck2.ms : null;
  const fileMB = file.bytes / 1e6;
  const peak = p ? p.memory.rendererPeakMB / fileMB : null;
  // The CLI's read + profile is its work on the file; the whole process adds Node and tsx start-up.
  // Compared with the studio's own read + profile (the app's totalMs), not its end to end, which adds the page's part.
  const cliWork = cli.parseMs + cli.profileMs;
  const appMs = p?.app?.totalMs;
  const cliVsStudio = appMs ? cliWork / appMs : null;
  const cliVs1 = cliWork / duck1.ms;
  const rows = [
    ['CLI: modelbench profile, read + profile', seconds(cliWork), 'the studio: read + profile (app totalMs)', seconds(appMs), times(cliVsStudio), '≤ 1.2×', verdict(cliVsStudio, { atMost: 1.2 })],
    ['CLI: modelbench profile, read + profile', seconds(cliWork), 'DuckDB SUMMARIZE, 1 thread', seconds(duck1.ms), times(cliVs1), '< 1× (faster)', verdict(cliVs1, { below: 1 })],
    ['CLI: the whole process (start-up, read, profile, write)', seconds(cli.ms), '', '', '', '', ''],
    ['end to end (file → report)', seconds(ms), 'DuckDB SUMMARIZE, 1 thread', seconds(duck1.ms), times(vs1), '< 1× (faster)',
      verdict(vs1, { below: 1 })],
    ['end to end (file → report)', seconds(ms), 'DuckDB SUMMARIZE, 2 threads', seconds(duck2.ms), times(vs2), '', ''],
    ['app: totalMs', seconds(p?.app?.totalMs), '', '', '', '', ''],
    ['app: parseMs', seconds(p?.app?.parseMs), '', '', '', '', ''],
    ['app: profileMs', seconds(p?.app?.profileMs), '', '', '', '', ''],
    ['longest main-thread task (profile phase)', millis(p?.longTasks.longestMs), '', '', '', '≤ 50 ms',
      verdict(p?.longTasks.longestMs, { atMost: 50 })],
  ];
  const ua = p?.memory.userAgent;
  const memRows = p ? [
    ...pageRendererRows(p.memory.page, fileMB),
    ['measureUserAgentSpecificMemory after report', ua?.totalMB != null ? mb(ua.totalMB) : `unavailable (${ua?.unavailable})`,
      ua?.totalMB != null ? times(ua.totalMB / fileMB) : '', '', ''],
    ...Object.entries(ua?.byScope ?? {}).map(([scope, v]) => [`  of which ${scope}`, mb(v), '', '', '']),
    ['all renderers peak RSS (VmHWM summed, spare renderer included)', mb(p.memory.rendererPeakMB), times(peak), '', ''],
  ] : [];
  const notes = [
    `file: ${file.path}, ${fileMB.toFixed(1)} MB.`,
    'studio time is measured outside the page from setInputFiles'
      + (p?.clickedExplore ? ', through the load and a click on "Explore", until the app records the finished report.' : ' until the app records the finished report.'),
    `DuckDB: median of ${duck1.times.length} runs each (1 thread: ${duck1.times.map((t) => seconds(t)).join(', ')}; `
      + `2 threads: ${duck2.times.map((t) => seconds(t)).join(', ')}).`,
  ];
  if (p) notes.push(`long tasks during the profile phase: ${p.longTasks.count} (${p.longTasks.over50} over 50 ms).`);
  printTable(`PROFILE — ${title}`, ['measure', 'ours', 'peer', 'peer figure', 'ratio', 'target', 'verdict'], rows, notes);
  if (p) {
    printTable('MEMORY — page during the profile (target: stays ≤ 4× file size)', ['measure', 'value', '× file', 'target', 'verdict'], memRows,
      [`${PAGE_MEMORY_METHOD} Peaks sampled from the load's end to the report's; VmHWM is the process' peak since it started.`,
        'measureUserAgentSpecificMemory: page + its workers (JS heaps, array buffers), after the GC it waits for; taken once the report is done.',
        `workers alive after the report: ${p.memory.workerUrls?.join(', ') || 'none'}.`]);
  }
  if (failure) throw new Error(`studio profile failed: ${failure.message ?? failure}`);
  return { studioMs: ms, cli, cliVsStudio, cliVsSummarize1: cliVs1, app: p.app, vsSummarize1: vs1, vsSummarize2: vs2, duckdb1: duck1, duckdb2: duck2,
    longestTaskMs: p.longTasks.longestMs, rendererPeakMB: p.memory.rendererPeakMB, page: p.memory.page, userAgent: p.memory.userAgent };
}
