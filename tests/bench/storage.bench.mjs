// Section "storage": src/storage against real IndexedDB in headless Chromium — saving and loading a run with a
// 50 MB model artifact and a 100 MB dataset (Arrow IPC), listing 1,000 runs, and rendering a 1,000-row runs table.
import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
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
/** Rows on one page of the studio's runs table (src/state/registryRuns.svelte.ts RUNS_PAGE). */
const PAGE_ROWS = 50;
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

/** Median and 95th percentile (nearest rank) of `xs`. */
const quantiles = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
};
const SAMPLES = 20;

/**
 * The studio's own runs table when the built app has a Models stage (`#models` shows the registry status):
 * `SAMPLES` mounts (Datasets tab, then Runs tab; from the click on Runs) and `SAMPLES` re-reads (a change message
 * makes the registry read IndexedDB again; from the moment the runs are in memory), each timed by the app itself
 * (src/ui/stages/models/frameTiming.ts) to the end of the frame after the DOM commit. Null when the build has no Models stage.
 */
async function appRunsTable(page, url) {
  await page.goto(`${url}#models`);
  const status = page.getByTestId('registry-status');
  const found = await status.waitFor({ timeout: 15_000 }).then(() => true, () => false);
  if (!found) return null;
  await page.locator('[data-testid=registry-status][data-state=ready]').waitFor({ timeout: 60_000 });
  await page.locator('table[aria-label=Runs] tbody tr').first().waitFor({ timeout: 30_000 });
  const timings = (name) => page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.detail), name);
  const next = async (name, act) => {
    const before = (await timings(name)).length;
    await act();
    await page.waitForFunction(([n, b]) => performance.getEntriesByName(n).length > b, [name, before], { polling: 20 });
  };
  for (let i = 0; i < SAMPLES; i++) {
    await next('runs-table-mount', async () => {
      await page.getByRole('tab', { name: 'Datasets' }).click();
      await page.getByRole('tab', { name: 'Runs' }).click();
    });
  }
  for (let i = 0; i < SAMPLES; i++) {
    await next('runs-table-update', () => page.evaluate(() => new BroadcastChannel('modelbench').postMessage({ kind: 'run', verb: 'bench-reread', ids: [], at: Date.now() })));
  }
  const rows = await page.locator('table[aria-label=Runs] tbody tr').count();
  return { mounts: (await timings('runs-table-mount')).slice(-SAMPLES), rereads: (await timings('runs-table-update')).slice(-SAMPLES), rows, shown: await status.innerText() };
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
    const plainPage = [];
    for (let i = 0; i < SAMPLES; i++) {
      plain.push(await page.evaluate(() => window.storageBench.renderTable()));
      plainPage.push(await page.evaluate((limit) => window.storageBench.renderTable({ limit }), PAGE_ROWS));
    }
    await page.evaluate(() => window.storageBench.close());
    ctx.log('  opening the studio\'s Models stage…');
    const load = [loadavg()[0]];
    const app = await appRunsTable(page, server.url);
    load.push(loadavg()[0]);
    return report({ saves, seed, listed, plain, plainPage, app, load, errors });
  } finally {
    await browser.close();
    await server.close();
    await served.cleanup();
  }
}

function report({ saves, seed, listed, plain, plainPage, app, load, errors }) {
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

  const phases = (samples) => ['committed', 'work', 'painted'].map((k) => {
    const { median: m, p95 } = quantiles(samples.map((s) => s[k]));
    return `${m.toFixed(1)} / ${p95.toFixed(1)}`;
  });
  const budget = (samples) => verdict(quantiles(samples.map((s) => s.work)).p95, { atMost: FRAME_MS });
  const tableRows = [
    [`plain keyed <table>, all ${plain[0].rows} runs (bench page, peer)`, ...phases(plain), budget(plain)],
    [`plain keyed <table>, newest ${plainPage[0].rows} runs (bench page, peer)`, ...phases(plainPage), budget(plainPage)],
  ];
  if (app) {
    tableRows.push([`studio runs table, mount (${app.rows} rows of a page)`, ...phases(app.mounts), budget(app.mounts)]);
    tableRows.push([`studio runs table, re-read of ${listed.count} runs`, ...phases(app.rereads), budget(app.rereads)]);
  }
  printTable(`Rendering the runs table (${listed.count} runs; ms, median / p95 of ${SAMPLES}; frame budget ${FRAME_MS.toFixed(1)} ms)`,
    ['table', 'data → DOM committed', 'main-thread work', 'data → frame produced', 'p95 work ≤ budget'], tableRows, [
      'Start: the runs are in memory (plain: listRuns resolved; studio mount: the click on the Runs tab, the registry having read them; studio re-read: '
        + 'the registry\'s read of IndexedDB resolved, after a change message). "committed": the DOM update is done. "data → frame produced": a message posted '
        + 'from the next requestAnimationFrame callback is delivered, i.e. that frame\'s style, layout, paint and commit have run. "main-thread work": '
        + 'the latter less the idle wait between the commit and the frame\'s start (the rAF timestamp); it is what must fit in one frame.',
      app ? `studio: timed by the app (src/ui/stages/models/frameTiming.ts); the re-read changes no run, so it costs the derivation and DOM reconciliation `
          + `only. Registry says: "${app.shown}". Load average (1 min) before / after the studio samples: ${load.map((l) => l.toFixed(2)).join(' / ')}.`
        : 'studio: this build has no Models stage reachable at #models (ModelsStage.svelte is not mounted by the app), so only the plain table was timed.',
      ...(errors.length ? [`page errors: ${errors.slice(0, 3).join(' | ')}`] : []),
    ]);
  return { saves, seed, listed, plain, plainPage, app, load };
}
