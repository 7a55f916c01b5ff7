// Memory over repeated work: N cycles of load → profile → train on the penguins sample in ONE page, with the
// page's JS heap (CDP Performance.getMetrics after a forced GC), the workers' heaps and the renderers' RSS
// (/proc; dedicated workers live in the renderer process) read after each cycle. A leak of TF.js tensors,
// tables or worker state shows as a steady climb after the first (warm-up) cycle. Figures only; never fails on them.
// `tests/e2e/faults.e2e.ts` runs 3 cycles of the same loop with a tolerance.
import { browserMemory, pageHeap, workerHeaps } from './chromium-metrics.mjs';

/** The sample file used for every cycle, opened through the file picker as a person would. */
export const CYCLE_FILE = 'public/samples/penguins.json';

const link = (page, name) => page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name, exact: true });

/** One load → profile → train cycle in the current page. `timeoutMs` bounds each wait. */
export async function memoryCycle(page, timeoutMs = 120_000) {
  await link(page, 'Data').click();
  await page.getByLabel(/^Open (another )?dataset$/).setInputFiles(CYCLE_FILE);
  await page.getByRole('heading', { name: 'penguins.json' }).waitFor({ timeout: timeoutMs });
  await link(page, 'Explore').click();
  await page.locator('[data-testid="report-status"][data-state="complete"]').waitFor({ timeout: timeoutMs });
  await link(page, 'Train').click();
  const target = page.getByRole('combobox', { name: 'Target column' });
  const train = page.getByRole('button', { name: 'Train', exact: true });
  // Stages load on first visit: wait for Train to render before asking whether it needs a target.
  await train.waitFor({ state: 'attached', timeout: timeoutMs });
  if (await target.count()) await target.selectOption('Species');
  const rows = page.locator('.runs tbody tr');
  const before = await rows.count();
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === 'Train');
    return b && !b.disabled;
  }, null, { timeout: timeoutMs });
  await train.click();
  await page.waitForFunction((n) => {
    const first = document.querySelector('.runs tbody tr');
    return document.querySelectorAll('.runs tbody tr').length === n + 1 && /completed|failed/.test(first?.textContent ?? '');
  }, before, { timeout: timeoutMs });
  const status = (await rows.first().textContent()) ?? '';
  if (!status.includes('completed')) throw new Error(`cycle training did not complete: ${status.trim()}`);
}

/** Heap and RSS now, in MB, after asking V8 to collect garbage in the page. */
export async function memoryNow(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  await page.waitForTimeout(300);
  const heap = await pageHeap(cdp);
  const workers = await workerHeaps(page);
  const mem = browserMemory();
  return {
    heapMB: heap.usedMB,
    // Chromium exposes performance.memory to some workers only; null when none reports it (their memory is in the RSS).
    workerHeapMB: workers.some((w) => w.usedMB !== null) ? workers.reduce((s, w) => s + (w.usedMB ?? 0), 0) : null,
    workers: workers.length,
    rendererMB: mem.rendererNowMB,
  };
}

/**
 * Runs `cycles` cycles and returns a row per cycle. Cycle 1 warms up (workers start, WASM compiles,
 * JIT); growth is measured from it.
 */
export async function memoryCycles(page, cdp, cycles, log = () => undefined) {
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable').catch(() => undefined);
  const rows = [{ cycle: 0, ms: 0, ...(await memoryNow(page, cdp)) }];
  for (let i = 1; i <= cycles; i++) {
    const started = performance.now();
    await memoryCycle(page);
    rows.push({ cycle: i, ms: performance.now() - started, ...(await memoryNow(page, cdp)) });
    const r = rows.at(-1);
    log(`  cycle ${i}: ${(r.ms / 1000).toFixed(1)} s, page heap ${r.heapMB.toFixed(1)} MB, workers ${r.workerHeapMB?.toFixed(1) ?? 'n/a'} MB (${r.workers}), renderers ${r.rendererMB.toFixed(0)} MB`);
  }
  return rows;
}

/** Growth from the end of cycle 1 to the last cycle, in MB: `{ heapMB, workerHeapMB, rendererMB }`. */
export function growth(rows) {
  const first = rows[1];
  const last = rows.at(-1);
  const workerHeapMB = last.workerHeapMB === null || first.workerHeapMB === null ? null : last.workerHeapMB - first.workerHeapMB;
  return { heapMB: last.heapMB - first.heapMB, workerHeapMB, rendererMB: last.rendererMB - first.rendererMB };
}

export const name = 'memory';
export const title = 'memory after repeated load → profile → train cycles (MB_BENCH_CYCLES, default 20)';

export async function run(ctx) {
  const cycles = Number(process.env.MB_BENCH_CYCLES ?? 20);
  const [{ startServer }, { launchChromium }] = await Promise.all([import('../support/serve.mjs'), import('../support/browser.mjs')]);
  const server = await startServer({ root: process.env.MB_BENCH_DIST || 'dist', port: 0 });
  const browser = await launchChromium({ webgpu: false });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const cdp = await page.context().newCDPSession(page);
    const rows = await memoryCycles(page, cdp, cycles, ctx?.log ?? console.log);
    const g = growth(rows);
    const perCycle = (mb) => (mb / Math.max(1, cycles - 1)).toFixed(2);
    (ctx?.log ?? console.log)(
      `  growth after cycle 1 → ${cycles}: page heap ${g.heapMB.toFixed(1)} MB (${perCycle(g.heapMB)}/cycle), `
        + `worker heaps ${g.workerHeapMB === null ? 'n/a' : `${g.workerHeapMB.toFixed(1)} MB (${perCycle(g.workerHeapMB)}/cycle)`}, renderers ${g.rendererMB.toFixed(0)} MB (${perCycle(g.rendererMB)}/cycle)`,
    );
    return { cycles, rows, growth: g };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1]?.endsWith('memory.bench.mjs')) {
  run({ log: console.log }).then((r) => console.log(JSON.stringify(r.growth)), (e) => {
    console.error(e);
    process.exit(1);
  });
}
