// Section "profile": file → complete exploration report in the studio, beside DuckDB's SUMMARIZE over
// read_csv on the same file with one and with two threads.
import { mb, millis, printTable, seconds, times, verdict } from './format.mjs';
import { PAGE_MEMORY_METHOD, pageRendererRows } from './load.bench.mjs';

export const name = 'profile';
export const title = 'Profiling a CSV (file → full exploration report)';

/** Runs the section; returns its figures for the results file. Throws when the studio part broke. */
export async function run(ctx) {
  const file = await ctx.file();
  const duck1 = await ctx.duckdbSummarize(1);
  const duck2 = await ctx.duckdbSummarize(2);
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
  const rows = [
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
  printTable(`PROFILE — ${title}`, ['measure', 'studio', 'peer', 'peer figure', 'ratio', 'target', 'verdict'], rows, notes);
  if (p) {
    printTable('MEMORY — page during the profile (target: stays ≤ 4× file size)', ['measure', 'value', '× file', 'target', 'verdict'], memRows,
      [`${PAGE_MEMORY_METHOD} Peaks sampled from the load's end to the report's; VmHWM is the process' peak since it started.`,
        'measureUserAgentSpecificMemory: page + its workers (JS heaps, array buffers), after the GC it waits for; taken once the report is done.',
        `workers alive after the report: ${p.memory.workerUrls?.join(', ') || 'none'}.`]);
  }
  if (failure) throw new Error(`studio profile failed: ${failure.message ?? failure}`);
  return { studioMs: ms, app: p.app, vsSummarize1: vs1, vsSummarize2: vs2, duckdb1: duck1, duckdb2: duck2,
    longestTaskMs: p.longTasks.longestMs, rendererPeakMB: p.memory.rendererPeakMB, page: p.memory.page, userAgent: p.memory.userAgent };
}
