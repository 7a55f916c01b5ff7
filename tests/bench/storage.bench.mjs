// Section "storage": src/storage against real IndexedDB in headless Chromium — saving and loading a run with a
// 50 MB model artifact and a 100 MB dataset (Arrow IPC), listing 1,000 runs, and rendering a 1,000-row runs table.
import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { millis, printTable, verdict } from './format.mjs';
import { ensureBuild } from './studio-session.mjs';

export const name = 'storage';
export const title = 'Model registry storage (IndexedDB in Chromium) and the 1,000-run table';

const DATASET_MB = 100;
const MODEL_MB = 50;
const RUNS = 1000;
const FRAME_MS = 1000 / 60;
const BENCH_DIR = '__storage-bench';

/** Builds storage-page.html with Vite into a temp folder and serves it beside the studio (same origin, same database). */
async function servedRoot(studioRoot) {
  const work = await mkdtemp(join(tmpdir(), 'mb-storage-bench-'));
  const outDir = join(work, BENCH_DIR);
  await build({ configFile: false, root: process.cwd(), logLevel: 'error', base: './',
    build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: 'tests/bench/storage-page.html' } } });
  // The studio's files as links, so a shared dist/ is served as is and never written to.
  for (const entry of await readdir(studioRoot)) await symlink(join(studioRoot, entry), join(work, entry));
  return { root: work, page: `${BENCH_DIR}/tests/bench/storage-page.html`, cleanup: () => rm(work, { recursive: true, force: true }) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const list = (xs) => xs.map((x) => Math.round(x)).join(', ');

/**
 * The studio's own runs table when the built app has a Models stage (`#models` shows the registry status), timed
 * from the click on its Runs tab to the next frame; null when the build has no Models stage.
 */
async function appRunsTable(page, url) {
  await page.goto(`${url}#models`);
  const status = page.getByTestId('registry-status');
  const found = await status.waitFor({ timeout: 15_000 }).then(() => true, () => false);
  if (!found) return null;
  await page.locator('[data-testid=registry-status][data-state=ready]').waitFor({ timeout: 60_000 });
  const samples = [];
  for (let i = 0; i < 5; i++) {
    await page.getByRole('tab', { name: 'Datasets' }).click();
    samples.push(await page.evaluate(() => new Promise((ok) => {
      const tab = [...document.querySelectorAll('[role=tab]')].find((t) => t.textContent.trim() === 'Runs');
      const t0 = performance.now();
      tab.click();
      const poll = () => {
        const rows = document.querySelectorAll('table[aria-label=Runs] tbody tr').length;
        if (!rows) return requestAnimationFrame(poll);
        const frame = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => ok({ rows, frameMs: frame - t0, paintMs: performance.now() - t0 });
        channel.port2.postMessage(null);
      };
      requestAnimationFrame(poll);
    })));
  }
  const mounts = await page.evaluate(() => performance.getEntriesByName('runs-table-mount').map((e) => e.duration));
  const shown = await status.innerText();
  return { samples, mounts, shown };
}

/** Runs the section; returns its figures. */
export async function run(ctx) {
  const studioRoot = resolve(process.env.MB_BENCH_DIST || 'dist');
  if (!process.env.MB_BENCH_DIST) ensureBuild(ctx.log);
  const repeats = Math.max(1, Math.min(ctx.repeats, 5));
  const [{ startServer }, { launchChromium }] = await Promise.all([import('../support/serve.mjs'), import('../support/browser.mjs')]);
  ctx.log('  building the storage bench page with Vite…');
  const served = await servedRoot(studioRoot);
  const server = await startServer({ root: served.root, port: 0 });
  const browser = await launchChromium({ webgpu: false });
  const errors = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url + served.page);
    await page.waitForFunction(() => window.storageBenchReady === true, null, { timeout: 30_000 });
    const saves = [];
    for (let r = 0; r < repeats; r++) {
      ctx.log(`  save + load ${DATASET_MB} MB dataset and ${MODEL_MB} MB model, run ${r + 1}/${repeats}…`);
      saves.push(await page.evaluate((o) => window.storageBench.saveAndLoad(o), { datasetMB: DATASET_MB, modelMB: MODEL_MB, repeat: r }));
    }
    ctx.log(`  seeding ${RUNS} runs…`);
    const seed = await page.evaluate((o) => window.storageBench.seedRuns(o), { count: RUNS, datasetId: saves[0].datasetId });
    const listed = await page.evaluate(() => window.storageBench.listRuns({ times: 5 }));
    const plain = [];
    for (let i = 0; i < 5; i++) plain.push(await page.evaluate(() => window.storageBench.renderTable()));
    await page.evaluate(() => window.storageBench.close());
    ctx.log('  opening the studio\'s Models stage…');
    const app = await appRunsTable(page, server.url);
    return report({ saves, seed, listed, plain, app, errors });
  } finally {
    await browser.close();
    await server.close();
    await served.cleanup();
  }
}

function report({ saves, seed, listed, plain, app, errors }) {
  const pick = (k) => saves.map((s) => s[k]);
  const rate = (bytes, ms) => `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
  const arrowMB = saves[0].arrowBytes / 1e6;
  const weightMB = saves[0].weightBytes / 1e6;
  const row = (what, k, bytes) => [what, millis(median(pick(k))), rate(bytes, median(pick(k))), list(pick(k))];
  printTable(`IndexedDB through src/storage (median of ${saves.length})`, ['operation', 'median', 'throughput', 'each run (ms)'], [
    row(`save dataset (putDataset, ${arrowMB.toFixed(0)} MB Arrow IPC)`, 'saveDatasetMs', saves[0].arrowBytes),
    row(`save run (saveRun, ${weightMB.toFixed(0)} MB weights + model.json)`, 'saveRunMs', saves[0].weightBytes),
    row('load run (getRun + loadArtifact each)', 'loadRunMs', saves[0].weightBytes),
    row('load dataset (getDataset + loadArtifact)', 'loadDatasetMs', saves[0].arrowBytes),
    [`list runs (listRuns, ${listed.count} runs)`, millis(median(listed.ms)), '', list(listed.ms)],
    [`seed ${RUNS} runs (one saveRun each, small)`, millis(seed.ms), `${(RUNS / (seed.ms / 1000)).toFixed(0)} runs/s`, ''],
  ], [
    'each save is one IndexedDB transaction (blobs chunked at 32 MB) awaited to tx.done; each load re-checks the SHA-256 of the bytes.',
    'dataset: real Arrow IPC from arquero (4 float64 columns of xorshift noise + 1 int32 code column); weights: float32 noise, so Chromium\'s value compression gains little.',
  ]);

  const tableRows = [
    [`plain keyed <table>, all ${plain[0].rows} rows (bench page)`, millis(median(plain.map((p) => p.domMs))),
      millis(median(plain.map((p) => p.frameMs))), millis(median(plain.map((p) => p.paintMs))), `≤ ${FRAME_MS.toFixed(1)} ms`,
      verdict(median(plain.map((p) => p.frameMs)), { atMost: FRAME_MS })],
  ];
  if (app) {
    tableRows.push([`studio Models stage runs table (${app.samples[0].rows} rows of a page)`, millis(median(app.mounts)),
      millis(median(app.samples.map((s) => s.frameMs))), millis(median(app.samples.map((s) => s.paintMs))), `≤ ${FRAME_MS.toFixed(1)} ms`,
      verdict(median(app.samples.map((s) => s.frameMs)), { atMost: FRAME_MS })]);
  }
  printTable(`Rendering the runs table (${listed.count} runs, median of 5)`, ['table', 'data → DOM', 'data → next rAF', 'data → painted', 'frame budget', 'verdict'],
    tableRows, [
      'plain table: in the bench page, after listRuns resolves (data ready) one <tr> per run is built with insertRow/insertCell and keyed by id in a Map; '
        + '"next rAF" is performance.now() in the first requestAnimationFrame callback after the DOM is built, "painted" is a MessageChannel message posted from that callback (it runs after the frame is produced).',
      app ? `studio: #models, click on the Runs tab (data already read by the registry) → first rAF with rows in table[aria-label=Runs]; "data → DOM" is the app's own `
          + `performance measure runs-table-mount (${list(app.mounts)} ms). Registry says: "${app.shown}".`
        : 'studio: this build has no Models stage reachable at #models (ModelsStage.svelte is not mounted by the app), so only the plain table was timed.',
      ...(errors.length ? [`page errors: ${errors.slice(0, 3).join(' | ')}`] : []),
    ]);
  return { saves, seed, listed, plain, app };
}
