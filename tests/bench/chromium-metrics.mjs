// What the benchmarks read from a headless Chromium: main-thread long tasks (PerformanceObserver), process
// memory from /proc (the Playwright Browser exposes no pid, so we walk this process' descendants), and the
// page's JS heap through CDP.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Page init script: records every main-thread `longtask` entry as `{ start, duration }` (ms, page clock)
 * into `window.__mbLongTasks`. Runs before any page script, so tasks during start-up are caught too.
 */
export function longTaskObserver() {
  window.__mbLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__mbLongTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** The page's `performance.now()`, to mark phase boundaries on the same clock as the long-task entries. */
export const pageNow = (page) => page.evaluate(() => performance.now());

/**
 * Long tasks that started within [from, to] (page clock, ms): `{ count, longestMs, over50 }`.
 * `longestMs` is 0 when there were none.
 */
export async function longTasksBetween(page, from, to) {
  const tasks = await page.evaluate(() => window.__mbLongTasks ?? []);
  const inside = tasks.filter((t) => t.start >= from && t.start <= to);
  return {
    count: inside.length,
    longestMs: inside.reduce((m, t) => Math.max(m, t.duration), 0),
    over50: inside.filter((t) => t.duration > 50).length,
  };
}

function readProc(pid, file) {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null; // the process ended between listing and reading
  }
}

function statusKB(status, field) {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status ?? '');
  return m ? Number(m[1]) : 0;
}

/**
 * Chromium processes descended from `rootPid` (default: this Node process), each as
 * `{ pid, type, rssKB, hwmKB }`, where `type` is Chromium's `--type=` (renderer, gpu-process, utility,
 * zygote…), `renderer-ui` for renderers of the browser's own UI or extensions, or `browser` for the main process, `hwmKB` is the
 * process' peak resident set (VmHWM) and `privateKB` its anonymous plus shared-memory pages (RssAnon + RssShmem: the resident set
 * without the file-backed pages, mostly Chromium's own code, that every Chromium process maps).
 */
export function chromiumProcesses(rootPid = process.pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProc(name, 'stat');
    if (!stat) continue;
    // The command name may hold spaces or parentheses, so read the fields after its closing bracket.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const found = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length) {
    const pid = queue.shift();
    queue.push(...(children.get(pid) ?? []));
    // Chromium rewrites its argv in place, so arguments may be joined by spaces rather than NULs.
    const cmdline = (readProc(pid, 'cmdline') ?? '').replaceAll('\0', ' ');
    if (!/^\S*chrom/i.test(cmdline)) continue;
    const base = /--type=(\S+)/.exec(cmdline)?.[1] ?? 'browser';
    // The browser's own UI pages and extensions get renderers too; they are not the page under test.
    const type = base === 'renderer' && /--top-chrome-webui|--extension-process/.test(cmdline) ? 'renderer-ui' : base;
    const status = readProc(pid, 'status');
    found.push({ pid, type, rssKB: statusKB(status, 'VmRSS'), hwmKB: statusKB(status, 'VmHWM'),
      privateKB: statusKB(status, 'RssAnon') + statusKB(status, 'RssShmem') });
  }
  return found;
}

/** Thread names (`/proc/<pid>/task/<tid>/comm`) of a process; empty when it ended. */
function threadNames(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => (readProc(`${pid}/task/${tid}`, 'comm') ?? '').trim());
  } catch {
    return [];
  }
}

/**
 * The renderer that hosts the page: the one running its dedicated or service workers. Chromium also keeps
 * a *spare* renderer (~75 MB RSS) ready for the next navigation, which hosts nothing; counting it would
 * charge the page for memory it does not use. `known` (a Set of pids) remembers renderers seen hosting
 * workers earlier, since a page between jobs may have no worker thread. Null when none is found yet.
 */
export function pageRenderer(known = new Set(), rootPid = process.pid) {
  const renderers = chromiumProcesses(rootPid).filter((p) => p.type === 'renderer');
  for (const p of renderers) {
    if (threadNames(p.pid).some((n) => /^(DedicatedWorker|ServiceWorker)/.test(n))) known.add(p.pid);
  }
  const hosts = renderers.filter((p) => known.has(p.pid));
  return hosts.length === 1 ? hosts[0] : null;
}

/**
 * Proportional set size of a process in MB (`/proc/<pid>/smaps_rollup` Pss): its private pages plus
 * its share of pages mapped by several processes (Chromium's code is mapped by every Chromium process).
 * Null when unreadable. Too costly to sample every 100 ms; read it at phase ends.
 */
export function processPssMB(pid) {
  const m = /^Pss:\s+(\d+) kB/m.exec(readProc(pid, 'smaps_rollup') ?? '');
  return m ? Number(m[1]) / 1024 : null;
}

/**
 * Memory of the renderer processes (which host the page and its dedicated workers) and of the whole
 * browser, in MB: `{ rendererPeakMB, rendererNowMB, browserNowMB, renderers }`. The peak is the sum of
 * each renderer's VmHWM, so it is an upper bound on their simultaneous peak.
 */
export function browserMemory(rootPid = process.pid) {
  const procs = chromiumProcesses(rootPid);
  const renderers = procs.filter((p) => p.type === 'renderer');
  const sum = (list, key) => list.reduce((s, p) => s + p[key], 0) / 1024;
  return {
    rendererPeakMB: sum(renderers, 'hwmKB'),
    rendererNowMB: sum(renderers, 'rssKB'),
    browserNowMB: sum(procs, 'rssKB'),
    renderers: renderers.length,
  };
}

/**
 * Samples the renderers' summed RSS every `intervalMs` until `stop()`, which returns the largest sum seen
 * (MB): a lower bound on the simultaneous peak, to set beside the VmHWM upper bound. Also samples the page's
 * own renderer (`pageRenderer`): `page()` returns `{ rssMB, privateMB, peakRssMB, peakPrivateMB, hwmMB }`
 * (sampled now and at their largest; `hwmMB` is that process' VmHWM), or null when it was never identified.
 */
export function sampleRendererRss(intervalMs = 100, rootPid = process.pid) {
  let peak = 0;
  const known = new Set();
  let page = null;
  const tick = () => {
    peak = Math.max(peak, browserMemory(rootPid).rendererNowMB);
    const p = pageRenderer(known, rootPid);
    if (!p) return;
    const rssMB = p.rssKB / 1024;
    const privateMB = p.privateKB / 1024;
    page = { pid: p.pid, rssMB, privateMB, hwmMB: p.hwmKB / 1024,
      peakRssMB: Math.max(page?.peakRssMB ?? 0, rssMB), peakPrivateMB: Math.max(page?.peakPrivateMB ?? 0, privateMB) };
  };
  const timer = setInterval(tick, intervalMs);
  tick();
  return {
    peek: () => peak,
    page: () => {
      tick();
      return page && { ...page, pssMB: processPssMB(page.pid) };
    },
    /** Starts the page's peaks afresh (e.g. at a phase boundary); VmHWM cannot be reset and stays the process' peak. */
    resetPage: () => {
      if (page) page = { ...page, peakRssMB: page.rssMB, peakPrivateMB: page.privateMB };
    },
    stop() {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}

/**
 * `performance.measureUserAgentSpecificMemory()` in the page (it needs cross-origin isolation): bytes of the
 * page and its workers, JS heaps and array buffers included, after the garbage collection it waits for.
 * Returns `{ totalMB, byScope: { Window: MB, DedicatedWorkerGlobalScope: MB, ... } }`, or `{ unavailable }`.
 */
export async function userAgentMemory(page, timeoutMs = 60_000) {
  return page.evaluate(async (ms) => {
    if (!globalThis.crossOriginIsolated || !performance.measureUserAgentSpecificMemory) {
      return { unavailable: 'the page is not cross-origin isolated' };
    }
    const timeout = new Promise((r) => setTimeout(() => r(null), ms));
    const m = await Promise.race([performance.measureUserAgentSpecificMemory(), timeout]);
    if (!m) return { unavailable: `no answer within ${ms} ms` };
    const byScope = {};
    for (const b of m.breakdown) {
      const scope = b.attribution[0]?.scope ?? (b.types.join('+') || 'shared');
      byScope[scope] = (byScope[scope] ?? 0) + b.bytes / 1e6;
    }
    return { totalMB: m.bytes / 1e6, byScope };
  }, timeoutMs).catch((error) => ({ unavailable: String(error.message ?? error).split('\n')[0] }));
}

/** The page's main-thread JS heap via CDP `Performance.getMetrics`, in MB: `{ usedMB, totalMB }`. */
export async function pageHeap(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => (metrics.find((m) => m.name === name)?.value ?? 0) / 1e6;
  return { usedMB: get('JSHeapUsedSize'), totalMB: get('JSHeapTotalSize') };
}

/** JS heap used by each live dedicated worker, in MB (Chromium's `performance.memory`; null where absent). */
export async function workerHeaps(page) {
  return Promise.all(page.workers().map(async (w) => ({
    url: w.url().split('/').pop(),
    usedMB: await w.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null)).catch(() => null),
  })));
}
