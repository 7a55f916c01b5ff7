// Section "stream-2gb" (only with MB_BENCH_2GB=1): a ~2 GB flights CSV, which the studio must stream rather
// than load whole, profiled end to end; prints the time and the renderer's peak memory.
// Standalone: MB_BENCH_2GB=1 node tests/bench/stream-2gb.bench.mjs
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BYTES_PER_ROW, ensureFlights, parseSize } from './gen-flights.mjs';
import { count, mb, millis, printTable, seconds, times } from './format.mjs';
import { measureDuckdbSummarize } from './peers.mjs';
import { runStudioSession } from './studio-session.mjs';

export const name = 'stream-2gb';
export const title = 'Profiling a ~2 GB CSV (streamed)';

/** Runs the section when MB_BENCH_2GB=1; otherwise prints that it was skipped. */
export async function run(ctx) {
  if (process.env.MB_BENCH_2GB !== '1') {
    console.log('  skipped: set MB_BENCH_2GB=1 to generate the ~2 GB file (about 2 minutes, 2 GB of disk) and run it.');
    return { skipped: true };
  }
  const rows = Math.round(parseSize('2GB') / BYTES_PER_ROW);
  const file = await ensureFlights({ path: '.bench-data/flights-2gb.csv', rows, seed: 42, log: ctx.log });
  ctx.log('  measuring DuckDB SUMMARIZE, 1 thread (one run)…');
  const duck = await measureDuckdbSummarize(file.path, { threads: 1, repeats: 1 });
  ctx.log('  measuring the studio in headless Chromium…');
  let studio = null;
  let failure = null;
  try {
    studio = await runStudioSession({ path: file.path, timeoutMs: Math.max(ctx.timeoutMs, 1_200_000), log: ctx.log });
    if (!studio.profile) failure = new Error(studio.profileError ?? 'no exploration report was recorded');
  } catch (error) {
    failure = error;
  }
  const p = studio?.profile;
  const fileMB = file.bytes / 1e6;
  const rowsOut = [
    ['end to end (file → report)', seconds(p?.outsideMs), 'DuckDB SUMMARIZE, 1 thread', seconds(duck.ms), times(p ? p.outsideMs / duck.ms : null)],
    ['app: totalMs / profileMs', p ? `${seconds(p.app?.totalMs)} / ${seconds(p.app?.profileMs)}` : '—', '', '', ''],
    ['loaded whole first?', studio ? (studio.load ? `yes (${seconds(studio.load.outsideMs)})` : 'no (streamed)') : '—', '', '', ''],
    ['renderer peak RSS (VmHWM)', p ? `${mb(p.memory.rendererPeakMB)} (${times(p.memory.rendererPeakMB / fileMB)} file)` : '—', '', '', ''],
    ['renderer peak RSS, sampled', p ? mb(p.memory.sampledPeakMB) : '—', '', '', ''],
    ['longest main-thread task', millis(p?.longTasks.longestMs), '', '', ''],
  ];
  printTable(`STREAM 2 GB — ${title}`, ['measure', 'studio', 'peer', 'peer figure', 'ratio'], rowsOut,
    [`file: ${file.path}, ${fileMB.toFixed(0)} MB, ${count(file.rows)} rows.`]);
  if (failure) throw new Error(`studio on the 2 GB file failed: ${failure.message ?? failure}`);
  return { studioMs: p.outsideMs, app: p.app, duckdbMs: duck.ms, rendererPeakMB: p.memory.rendererPeakMB, streamed: !studio.load };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { createContext } = await import('./context.mjs');
  try {
    await run(createContext());
  } catch (error) {
    console.error(`✗ ${error.message ?? error}`);
    process.exit(1);
  }
}
