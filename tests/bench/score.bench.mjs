// Section "score": batch scoring of 1,000,000 rows. The studio trains the default MLP on penguins,
// exports its bundle and scores a penguins-shaped CSV in its score worker; Node then scores the
// same rows with the same bundle's scorer.mjs through the same scoreTable loop. Target: studio ≤ 2× Node.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { tsImport } from 'tsx/esm/api';
import { count, perSec, printTable, seconds, times, verdict } from './format.mjs';
import { ensureBuild } from './studio-session.mjs';

export const name = 'score';
export const title = 'Batch scoring 1,000,000 rows (studio score worker vs the bundle\'s scorer.mjs in Node)';

/** penguins.json repeated to `rows` rows, as CSV (written once per row count). */
async function scoreFile(rows, log) {
  const path = `.bench-data/penguins-${rows}.csv`;
  if (existsSync(path)) return path;
  const all = JSON.parse(await readFile('public/samples/penguins.json', 'utf8'));
  const names = Object.keys(all[0]);
  const lines = all.map((r) => names.map((n) => (r[n] == null ? '' : String(r[n]))).join(','));
  const out = [names.join(',')];
  for (let i = 0; i < rows; i++) out.push(lines[i % lines.length]);
  await mkdir('.bench-data', { recursive: true });
  await writeFile(path, `${out.join('\n')}\n`);
  log(`  wrote ${path} (${count(rows)} rows)`);
  return path;
}

/** The studio journey; returns the exported bundle and the worker's scoring time. */
async function studio(path, rows, timeoutMs, log) {
  const [{ startServer }, { launchChromium }] = await Promise.all([import('../support/serve.mjs'), import('../support/browser.mjs')]);
  const server = await startServer({ root: process.env.MB_BENCH_DIST || 'dist', port: 0 });
  const browser = await launchChromium({ webgpu: false });
  try {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`${server.url}?sample=penguins`);
    await page.getByTestId('dataset-ready').waitFor({ timeout: timeoutMs });
    const nav = page.getByRole('navigation', { name: 'Stages' });
    await nav.getByRole('link', { name: 'Train' }).click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByTestId('evaluation').waitFor({ timeout: timeoutMs });
    await nav.getByRole('link', { name: 'Deploy' }).click();
    const exportButton = page.getByRole('button', { name: 'Export bundle' });
    await exportButton.waitFor({ timeout: 10_000 }).catch(() => {
      throw new Error('the Deploy stage is not wired into App.svelte, so the studio cannot be measured');
    });
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const zip = new Uint8Array(await readFile(await download.path()));
    log('  studio: trained, exported; reading the file to score…');
    const t0 = Date.now();
    await page.getByLabel('File to score').setInputFiles(path);
    await page.getByTestId('schema-ok').waitFor({ timeout: timeoutMs });
    const readMs = Date.now() - t0;
    const t1 = Date.now();
    await page.getByRole('button', { name: 'Score file' }).click();
    const result = page.getByTestId('score-result');
    await result.waitFor({ timeout: timeoutMs });
    const outsideMs = Date.now() - t1;
    const workerMs = Number(await result.getAttribute('data-ms'));
    const text = (await result.innerText()).replace(/\s+/g, ' ');
    if (!text.includes(`of ${count(rows)} rows`)) throw new Error(`the studio scored something else: "${text}"`);
    return { zip, readMs, workerMs, outsideMs };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The same bundle's scorer.mjs over the same rows, through core's scoreTable (as `modelbench score`). */
async function node(zip, path) {
  const m = {
    ...(await tsImport('../../src/core/table/index.ts', import.meta.url)),
    ...(await tsImport('../../src/core/deploy/index.ts', import.meta.url)),
    ...(await tsImport('../../src/cli/nodeSource.ts', import.meta.url)),
  };
  const files = unzipSync(zip);
  const dir = await mkdtemp(join(tmpdir(), 'mb-score-'));
  try {
    await writeFile(join(dir, 'scorer.mjs'), files['scorer.mjs']);
    const scorer = await import(pathToFileURL(join(dir, 'scorer.mjs')).href);
    const preprocess = JSON.parse(new TextDecoder().decode(files['preprocess.json']));
    const t0 = performance.now();
    const { table } = await m.readTable(await m.nodeFileSource(path));
    const readMs = performance.now() - t0;
    const t1 = performance.now();
    const scored = await m.scoreTable(table, scorer, preprocess);
    return { readMs, scoreMs: performance.now() - t1, scored: scored.scored, rows: table.rowCount };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(ctx) {
  const rows = Number(process.env.MB_BENCH_SCORE_ROWS ?? 1_000_000);
  ensureBuild(ctx.log);
  const path = await scoreFile(rows, ctx.log);
  ctx.log('  measuring the studio (train, export, score in the worker)…');
  const page = await studio(path, rows, ctx.timeoutMs, ctx.log);
  ctx.log('  measuring scorer.mjs in Node on the same rows…');
  const peer = await node(page.zip, path);
  const ratio = page.workerMs / peer.scoreMs;
  printTable(`SCORE — ${title}`, ['measure', 'studio', 'Node (scorer.mjs)', 'ratio', 'target', 'verdict'], [
    ['score rows (scoreTable loop)', seconds(page.workerMs), seconds(peer.scoreMs), times(ratio), '≤ 2×', verdict(ratio, { atMost: 2 })],
    ['rows per second', perSec(rows / (page.workerMs / 1000)), perSec(rows / (peer.scoreMs / 1000)), '', '', ''],
    ['read + schema check / readTable', seconds(page.readMs), seconds(peer.readMs), '', '', ''],
    ['click → result shown (incl. writing the CSV)', seconds(page.outsideMs), '', '', '', ''],
  ], [`file: ${path}, ${count(rows)} rows; model: the default MLP trained in the studio on penguins, the same bundle in both columns.`]);
  return { rows, studio: { readMs: page.readMs, scoreMs: page.workerMs, clickToResultMs: page.outsideMs }, node: peer, ratio };
}
