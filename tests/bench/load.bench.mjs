// Section "load": the studio loading the flights CSV through its worker path, beside arquero.fromCSV and
// DuckDB's single-thread read_csv on the same file; then the page's memory once the table is ready.
import { count, mb, mbPerSec, millis, perSec, printTable, seconds, times, verdict } from './format.mjs';

export const name = 'load';
export const title = 'Loading a CSV (file → typed table ready)';

const HEADER = ['measure', 'studio', 'peer', 'peer figure', 'ratio', 'target', 'verdict'];

function loadTable(file, arquero, duck, core, studio) {
  const load = studio?.load;
  const ms = load?.outsideMs;
  const mbs = ms ? file.bytes / 1e6 / (ms / 1000) : null;
  const rowsPerSec = ms ? file.rows / (ms / 1000) : null;
  const vsArquero = mbs && arquero.mbPerSec ? mbs / arquero.mbPerSec : null;
  const vsDuck = ms ? ms / duck.ms : null;
  const rows = [
    ['throughput', mbPerSec(mbs), 'arquero.fromCSV (Node)', mbPerSec(arquero.mbPerSec), times(vsArquero), '≥ 5× arquero',
      verdict(vsArquero, { atLeast: 5 })],
    ['rows/s', perSec(rowsPerSec), 'arquero.fromCSV (Node)', perSec(arquero.rowsPerSec), times(vsArquero), '', ''],
    ['load time', seconds(ms), 'DuckDB read_csv, 1 thread', seconds(duck.ms), times(vsDuck), '≤ 1.5× DuckDB',
      verdict(vsDuck, { atMost: 1.5 })],
    ['rows/s', perSec(rowsPerSec), 'DuckDB read_csv, 1 thread', perSec(duck.rowsPerSec), '', '', ''],
    ['MB/s', mbPerSec(mbs), 'DuckDB read_csv, 1 thread', mbPerSec(duck.mbPerSec), '', '', ''],
    ['load time (app: totalMs)', seconds(load?.app?.totalMs), '', '', '', '', ''],
    ['parse time (app: parseMs)', seconds(load?.app?.parseMs), '', '', '', '', ''],
    ['rows read (app)', count(load?.app?.rows), '', count(duck.rows), '', `${count(file.rows)}`,
      load ? (load.app?.rows === file.rows ? 'met' : 'MISSED') : '—'],
    ['longest main-thread task', millis(load?.longTasks.longestMs), '', '', '', '≤ 50 ms',
      verdict(load?.longTasks.longestMs, { atMost: 50 })],
    ['load time', seconds(ms), 'readTable (src/core) in Node, 1 thread', core.unavailable ? 'unavailable' : seconds(core.ms),
      times(ms && core.ms ? ms / core.ms : null), '', ''],
  ];
  const notes = [
    `file: ${file.path}, ${(file.bytes / 1e6).toFixed(1)} MB, ${count(file.rows)} rows.`,
    'studio time is measured outside the page, from setInputFiles until the app records the load (the app\'s own figures below it).',
    `arquero: ${arquero.note}; times parsing a string already in memory (reading took ${millis(arquero.readMs)}); `
      + `its "date" values stay ${arquero.dateType === '[object Date]' ? 'Dates' : 'strings'}.`,
    `DuckDB: median of ${duck.times.length} runs (${duck.times.map((t) => seconds(t)).join(', ')}); types ${duck.types}.`,
  ];
  notes.push(core.unavailable ? `readTable in Node unavailable: ${core.unavailable}`
    : `readTable in Node: median of ${core.times.length} (${core.times.map((t) => seconds(t)).join(', ')}), `
      + `${mbPerSec(core.mbPerSec)}, ${perSec(core.rowsPerSec)}; types ${core.types}. Not a target: it shows the parser's share.`);
  if (load) notes.push(`long tasks during load: ${load.longTasks.count} (${load.longTasks.over50} over 50 ms).`);
  return { rows, notes, figures: { studioMs: ms, studioMBps: mbs, vsArquero, vsDuck } };
}

/** Rows for the page's own renderer (`memory.page` from the session), or one row saying it was not found. */
export function pageRendererRows(page, fileMB) {
  if (!page) return [['page renderer', 'not identified (no worker thread seen)', '', '', '']];
  // Chromium itself may reset VmHWM (memory-infra writes /proc/self/clear_refs), so the peak is the larger
  // of it and the 100 ms samples: both are lower bounds of the true peak.
  const peak = Math.max(page.hwmMB, page.peakRssMB);
  return [
    ['page renderer peak RSS (page + its workers)', mb(peak), times(peak / fileMB), '≤ 4× file', verdict(peak / fileMB, { atMost: 4 })],
    ['  VmHWM (since the page opened) / sampled every 100 ms (this phase)', `${mb(page.hwmMB)} / ${mb(page.peakRssMB)}`, '', '', ''],
    ['page renderer RSS now', mb(page.rssMB), times(page.rssMB / fileMB), '', ''],
    ['page renderer private memory (RssAnon+RssShmem) now / sampled peak', `${mb(page.privateMB)} / ${mb(page.peakPrivateMB)}`,
      times(page.peakPrivateMB / fileMB), '', ''],
    ['page renderer PSS now (shared pages split)', page.pssMB == null ? '—' : mb(page.pssMB), page.pssMB == null ? '' : times(page.pssMB / fileMB), '', ''],
  ];
}

/** How page memory is measured, for the notes under each memory table. */
export const PAGE_MEMORY_METHOD = 'page memory = the RSS of the renderer process that hosts the page and its dedicated workers '
  + '(/proc VmRSS; found as the renderer running the app\'s worker threads); its peak is the larger of VmHWM and RSS sampled '
  + 'every 100 ms, both lower bounds (Chromium may reset VmHWM itself). Chromium\'s spare renderer '
  + '(~75 MB, hosts nothing) and its browser/GPU/utility processes are left out. "private" = RssAnon + RssShmem, i.e. without '
  + 'the ~110 MB of file-backed pages (Chromium\'s code) that every Chromium process maps; PSS splits those shared pages among the processes.';

function memoryTable(file, studio) {
  const m = studio.load.memory;
  const fileMB = file.bytes / 1e6;
  const ratio = m.page ? Math.max(m.page.hwmMB, m.page.peakRssMB) / fileMB : m.rendererPeakMB / fileMB;
  const workers = m.workers.filter((w) => w.usedMB != null);
  const rows = [
    ...pageRendererRows(m.page, fileMB),
    ['page renderer RSS / private before loading', studio.before.page ? `${mb(studio.before.page.rssMB)} / ${mb(studio.before.page.privateMB)}` : '—', '', '', ''],
    ['all renderers peak RSS (VmHWM summed, spare renderer included)', mb(m.rendererPeakMB), times(m.rendererPeakMB / fileMB), '', ''],
    ['all renderers RSS, sampled peak / now', `${mb(m.sampledPeakMB)} / ${mb(m.rendererNowMB)}`, times(m.sampledPeakMB / fileMB), '', ''],
    ['all renderers RSS before loading', mb(studio.before.rendererNowMB), '', '', ''],
    ['whole browser RSS now (all processes)', mb(m.browserNowMB), times(m.browserNowMB / fileMB), '', ''],
    ['main-thread JS heap used / total', `${mb(m.heap.usedMB)} / ${mb(m.heap.totalMB)}`, '', '', ''],
    ...workers.map((w) => [`worker JS heap used (${w.url})`, mb(w.usedMB), '', '', '']),
  ];
  const notes = [`file ${fileMB.toFixed(1)} MB; ${m.renderers} renderer process(es). ${PAGE_MEMORY_METHOD}`,
    'read when the app records the load; the report starts at once, so its first moments are included.'];
  if (!workers.length) notes.push('worker JS heaps: not readable here (workers expose no performance.memory); their memory is inside the renderer RSS above; see the profile section for measureUserAgentSpecificMemory.');
  return { rows, notes, figures: { rendererPeakMB: m.rendererPeakMB, page: m.page, timesFile: ratio } };
}

/** Runs the section; returns its figures for the results file. Throws when the studio part broke. */
export async function run(ctx) {
  const file = await ctx.file();
  const arquero = await ctx.arquero();
  const duck = await ctx.duckdbLoad();
  const core = await ctx.coreNode();
  let studio = null;
  let failure = null;
  try {
    studio = await ctx.studio();
  } catch (error) {
    failure = error;
  }
  const load = loadTable(file, arquero, duck, core, studio);
  printTable(`LOAD — ${title}`, HEADER, load.rows, load.notes);
  const figures = { load: load.figures, arquero, duckdb: duck, coreNode: core };
  if (studio?.load) {
    const memory = memoryTable(file, studio);
    printTable('MEMORY — page after load (target ≤ 4× file size)', ['measure', 'value', '× file', 'target', 'verdict'],
      memory.rows, memory.notes);
    figures.memory = memory.figures;
  }
  if (studio?.consoleErrors.length) console.log(`  ! ${studio.consoleErrors.length} console error(s) in the page: ${studio.consoleErrors.slice(0, 3).join(' | ')}`);
  if (failure) throw new Error(`studio load failed: ${failure.message ?? failure}`);
  if (!studio.load) throw new Error('the studio produced a report without recording a load (window.__mbMetrics.loads stayed empty).');
  return figures;
}
