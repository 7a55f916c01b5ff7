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
 * zygote…), `renderer-ui` for renderers of the browser's own UI or extensions, or `browser` for the main process, and `hwmKB` is the process' peak resident set (VmHWM).
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
    found.push({ pid, type, rssKB: statusKB(status, 'VmRSS'), hwmKB: statusKB(status, 'VmHWM') });
  }
  return found;
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
 * (MB): a lower bound on the simultaneous peak, to set beside the VmHWM upper bound.
 */
export function sampleRendererRss(intervalMs = 100, rootPid = process.pid) {
  let peak = 0;
  const tick = () => {
    peak = Math.max(peak, browserMemory(rootPid).rendererNowMB);
  };
  const timer = setInterval(tick, intervalMs);
  tick();
  return {
    peek: () => peak,
    stop() {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
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
