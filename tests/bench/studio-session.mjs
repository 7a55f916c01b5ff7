// One journey through the built studio in headless Chromium: open the page, load a file through the
// "Open dataset" input, open Explore, and wait for the exploration report. Timed both by the app
// (window.__mbMetrics) and from outside, with long tasks and memory per phase.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { browserMemory, longTaskObserver, longTasksBetween, pageHeap, pageNow, sampleRendererRss, userAgentMemory, workerHeaps }
  from './chromium-metrics.mjs';

/** Builds `dist/` with Vite when `dist/index.html` is missing. Throws when the build fails. */
export function ensureBuild(log = console.log) {
  if (existsSync('dist/index.html')) return;
  log('dist/index.html is missing: running `npx vite build`…');
  const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`\`npx vite build\` failed (exit ${build.status}); fix the build, then rerun the bench.`);
}

async function support() {
  const [{ startServer }, { launchChromium }] = await Promise.all([
    import('../support/serve.mjs'),
    import('../support/browser.mjs'),
  ]);
  return { startServer, launchChromium };
}

/**
 * Resolves with 'load' or 'profile' when the app pushes a new entry, or rejects with the text of an
 * error banner the app shows instead.
 */
async function nextMetric(page, seen, timeoutMs) {
  const metric = page.waitForFunction(({ loads, profiles }) => {
    const m = window.__mbMetrics;
    if ((m?.loads.length ?? 0) > loads) return 'load';
    if ((m?.profiles.length ?? 0) > profiles) return 'profile';
    return false;
  }, seen, { timeout: timeoutMs, polling: 'raf' }).then((h) => h.jsonValue());
  const alert = page.locator('[role=alert]').first();
  const failed = alert.waitFor({ state: 'visible', timeout: timeoutMs }).then(async () => {
    throw new Error(`the studio showed an error: "${(await alert.innerText()).replace(/\s+/g, ' ').trim()}"`);
  });
  failed.catch(() => {}); // Only the race's winner matters; keep the loser from surfacing as unhandled.
  return Promise.race([metric, failed]);
}

const counts = (page) => page.evaluate(() => ({
  loads: window.__mbMetrics?.loads.length ?? 0,
  profiles: window.__mbMetrics?.profiles.length ?? 0,
}));

/**
 * Runs the journey on `path` and returns `{ load, profile, profileError, before, consoleErrors, longTasksAll }`:
 * - `load`: `{ app, outsideMs, longTasks, memory }` or null when the app streamed the file straight into a profile;
 * - `profile`: `{ app, outsideMs, longTasks, memory, clickedExplore }`, `outsideMs` counted from `setInputFiles`;
 * - memory figures from `browserMemory`, plus the page's JS heap, sampled peak renderer RSS, the page's own renderer
 *   (`page`: RSS and private memory, now and at their peak in the phase, see `sampleRendererRss`) and, after the report,
 *   `userAgent` (`measureUserAgentSpecificMemory`: page + workers, JS heaps and array buffers) and the live workers' scripts;
 * - `profileError`: why no report came when the load worked (then `profile` is null).
 * `root` is the folder served (default `dist`, built first when missing); `timeoutMs` bounds each wait (default 5 minutes).
 */
export async function runStudioSession({ path, root = 'dist', timeoutMs = 300_000, log = console.log }) {
  if (root === 'dist') ensureBuild(log);
  const { startServer, launchChromium } = await support();
  const server = await startServer({ root, port: 0 });
  const browser = await launchChromium({ webgpu: false });
  const consoleErrors = [];
  let sampler = null;
  try {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.addInitScript(longTaskObserver);
    await page.goto(server.url);
    const input = page.getByLabel('Open dataset', { exact: true }).first();
    await input.waitFor({ state: 'attached', timeout: 30_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    sampler = sampleRendererRss(100);
    const before = { ...browserMemory(), heap: await pageHeap(cdp), page: sampler.page() };
    const seen = await counts(page);
    const pageStart = await pageNow(page);
    const t0 = performance.now();
    await input.setInputFiles(path);
    log(`  studio: ${basename(path)} handed to "Open dataset"; waiting for the table…`);
    const first = await nextMetric(page, seen, timeoutMs);
    const firstMs = performance.now() - t0;
    const pageMid = await pageNow(page);

    let load = null;
    let profile = null;
    if (first === 'load') {
        load = {
        app: await page.evaluate(() => window.__mbMetrics.loads.at(-1)),
        outsideMs: firstMs,
        longTasks: await longTasksBetween(page, pageStart, pageMid),
        memory: { ...browserMemory(), sampledPeakMB: sampler.peek(), page: sampler.page(), heap: await pageHeap(cdp), workers: await workerHeaps(page) },
      };
      sampler.resetPage();
      log(`  studio: table ready after ${(firstMs / 1000).toFixed(2)} s; opening Explore…`);
      const explore = page.getByRole('link', { name: 'Explore', exact: true }).first();
      await explore.click();
      try {
        await nextMetric(page, { ...seen, loads: seen.loads + 1 }, timeoutMs);
      } catch (error) {
        // Keep the load figures: the report is what failed.
        return { load, profile: null, profileError: String(error.message ?? error), before, consoleErrors,
          longTasksAll: await longTasksBetween(page, 0, await pageNow(page)) };
      }
    }
    const endMs = performance.now() - t0;
    const pageEnd = await pageNow(page);
    profile = {
      app: await page.evaluate(() => window.__mbMetrics.profiles.at(-1)),
      outsideMs: endMs,
      clickedExplore: first === 'load',
      longTasks: await longTasksBetween(page, first === 'load' ? pageMid : pageStart, pageEnd),
      memory: { ...browserMemory(), sampledPeakMB: sampler.peek(), page: sampler.page(), heap: await pageHeap(cdp), workers: await workerHeaps(page) },
    };
    sampler.stop();
    // Measured last: it waits for a garbage collection, which must not land inside a timed phase.
    profile.memory.userAgent = await userAgentMemory(page);
    profile.memory.workerUrls = page.workers().map((w) => w.url().split('/').pop());
    log(`  studio: report complete after ${(endMs / 1000).toFixed(2)} s`);
    return { load, profile, before, consoleErrors, longTasksAll: await longTasksBetween(page, 0, pageEnd) };
  } finally {
    sampler?.stop();
    await browser.close();
    await server.close();
  }
}
