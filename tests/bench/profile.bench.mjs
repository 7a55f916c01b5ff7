// Section "profile": file → complete exploration report in the studio, beside DuckDB's SUMMARIZE over
// read_csv on the same file with one and with two threads.
import { mb, millis, printTable, seconds, times, verdict } from './format.mjs';

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
    ['renderer peak RSS after report', p ? `${mb(p.memory.rendererPeakMB)} (${times(peak)} file)` : '—', '', '', '',
      '≤ 4× file', verdict(peak, { atMost: 4 })],
  ];
  const notes = [
    `file: ${file.path}, ${fileMB.toFixed(1)} MB.`,
    'studio time is measured outside the page from setInputFiles'
      + (p?.clickedExplore ? ', through the load and a click on "Explore", until the app records the finished report.' : ' until the app records the finished report.'),
    `DuckDB: median of ${duck1.times.length} runs each (1 thread: ${duck1.times.map((t) => seconds(t)).join(', ')}; `
      + `2 threads: ${duck2.times.map((t) => seconds(t)).join(', ')}).`,
  ];
  if (p) notes.push(`long tasks during the profile phase: ${p.longTasks.count} (${p.longTasks.over50} over 50 ms).`);
  printTable(`PROFILE — ${title}`, ['measure', 'studio', 'peer', 'peer figure', 'ratio', 'target', 'verdict'], rows, notes);
  if (failure) throw new Error(`studio profile failed: ${failure.message ?? failure}`);
  return { studioMs: ms, app: p.app, vsSummarize1: vs1, vsSummarize2: vs2, duckdb1: duck1, duckdb2: duck2,
    longestTaskMs: p.longTasks.longestMs, rendererPeakMB: p.memory.rendererPeakMB };
}
