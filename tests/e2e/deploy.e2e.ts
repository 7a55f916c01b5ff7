/**
 * Deploy journey: train on penguins, check latency, export the bundle, open its index.html offline
 * (a fresh browser context that can reach nothing but a local static server of the unzipped
 * folder), score a CSV there and compare with scorer.mjs run in Node; then batch-score a file in
 * the studio and download the predictions.
 */
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openSample, chooseModel } from './fixtures';

const SCREENS = 'test-results/screens';


/** axe on the page as it stands: serious or critical violations, summarised. */
async function axeSerious(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

/** penguins.json as CSV (RFC 4180; numbers as written, missing as empty). */
async function penguinsCsv(limit = Infinity): Promise<{ csv: string; rows: Record<string, unknown>[] }> {
  const all = JSON.parse(await readFile('public/samples/penguins.json', 'utf8')) as Record<string, unknown>[];
  const rows = all.slice(0, limit);
  const names = Object.keys(all[0]);
  const field = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  return { csv: [names.join(','), ...rows.map((r) => names.map((n) => field(r[n])).join(','))].join('\n') + '\n', rows };
}

async function trainAndOpenDeploy(page: Page) {
  await openSample(page, 'penguins');
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Train' }).click();
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled();
  // This journey checks a network's bundle (TF.js and ONNX paths beside scorer.mjs); the default is trees.
  await chooseModel(page, 'Neural network (MLP)');
  await train.click();
  await expect(page.getByTestId('evaluation')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Deploy' }).click();
  await expect(page.getByRole('heading', { name: 'Deploy', level: 1 })).toBeVisible();
}

/** Serves `root` on 127.0.0.1 with no headers beyond the content type. */
async function staticServer(root: string) {
  const types: Record<string, string> = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.json': 'application/json' };
  const server = createServer(async (req, res) => {
    try {
      const path = join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html');
      if (!path.startsWith(root)) throw new Error('outside');
      const body = await readFile(path);
      res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

test('train → check latency → export → the bundle scores offline like scorer.mjs in Node → batch-score in the studio', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await trainAndOpenDeploy(page);
  // Serve this model: the load test of the running server sends the open dataset's rows.
  await expect(page.getByLabel('Load test')).toHaveText("npx modelbench loadtest http://127.0.0.1:8080 --rows 'penguins.json' --connections 16 --seconds 10");

  await page.getByRole('button', { name: 'Check latency' }).click();
  const verdict = page.getByTestId('latency-verdict');
  await expect(verdict).toBeVisible({ timeout: 180_000 });
  await expect(verdict).toContainText(/Passes|Fails the latency target/);
  await expect(verdict).toContainText('Recommended:');
  const paths = page.getByRole('table', { name: 'Latency per scoring path' }).getByRole('rowheader');
  await expect(paths.first()).toHaveText('scorer.mjs');
  expect(await paths.count()).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: `${SCREENS}/deploy-latency.png`, fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export bundle' }).click()]);
  const zip = new Uint8Array(await readFile((await download.path())!));
  const files = unzipSync(zip);
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['scorer.mjs', 'index.html', 'README.md', 'manifest.json', 'model.onnx', 'preprocess.json']));
  expect(new TextDecoder().decode(files['README.md'])).toMatch(/scorer\\?\.mjs \\?\((meets|FAILS) the p95 ≤ 10 ms target\\?\)/);

  const dir = await mkdtemp(join(tmpdir(), 'modelbench-deploy-e2e-'));
  try {
    for (const [path, bytes] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), bytes);
    }
    const { csv, rows } = await penguinsCsv(40);
    await writeFile(join(dir, 'rows.csv'), csv);
    const scorer = (await import(pathToFileURL(join(dir, 'scorer.mjs')).href)) as { predict(rows: unknown[]): { label: string; probabilities: Record<string, number> }[] };
    // The demo page reads every CSV cell as text; send Node the same text cells.
    const asText = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)])));
    const expected = scorer.predict(asText).map((p) => `${p.label} (${(100 * p.probabilities[p.label]).toFixed(1)}%)`);

    const server = await staticServer(dir);
    const offline = await browser.newContext();
    const blocked: string[] = [];
    await offline.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    try {
      const demo = await offline.newPage();
      const errors: string[] = [];
      demo.on('pageerror', (e) => errors.push(e.message));
      await demo.goto(`${server.url}index.html`);
      await demo.getByLabel('CSV with a header row').setInputFiles(join(dir, 'rows.csv'));
      await expect(demo.locator('#status')).toHaveText('40 rows scored.');
      const shown = await demo.locator('#table tbody tr td:last-child').allTextContents();
      expect(shown).toEqual(expected);
      // Categorical inputs offer the training categories; every field shows an example.
      expect(await demo.locator('#fields datalist option').count()).toBeGreaterThan(0);
      expect(await demo.locator('#fields input:not([placeholder^="e.g. "])').count()).toBe(0);
      const [saved] = await Promise.all([demo.waitForEvent('download'), demo.getByRole('link', { name: 'Download the predictions (CSV)' }).click()]);
      const lines = (await readFile((await saved.path())!, 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(41);
      expect(lines[0]).toContain('prediction');
      await demo.screenshot({ path: `${SCREENS}/deploy-bundle-offline.png`, fullPage: true });
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    } finally {
      await offline.close();
      await server.close();
    }

    const full = await penguinsCsv();
    await writeFile(join(dir, 'score-me.csv'), full.csv);
    await page.getByLabel('File to score').setInputFiles(join(dir, 'score-me.csv'));
    await expect(page.getByTestId('schema-ok')).toBeVisible();
    await expect(page.getByTestId('drift-summary')).toContainText('0 major');
    await page.getByRole('button', { name: 'Score file' }).click();
    await expect(page.getByTestId('score-result')).toContainText(`of ${full.rows.length} rows`);
    await page.screenshot({ path: `${SCREENS}/deploy-scored.png`, fullPage: true });
    expect(await axeSerious(page)).toEqual([]);
    const [predictions] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download predictions' }).click()]);
    expect(predictions.suggestedFilename()).toBe('score-me-predictions.csv');
    const lines = (await readFile((await predictions.path())!, 'utf8')).trim().split(/\r?\n/);
    expect(lines).toHaveLength(full.rows.length + 1);
    expect(lines[0]).toMatch(/,prediction,p_Adelie,p_Chinstrap,p_Gentoo,error$/);
    const nodeLabels = scorer.predict(full.rows).map((p) => p.label);
    const header = lines[0].split(',');
    const at = header.indexOf('prediction');
    // No quoted commas in penguins, so a plain split finds the column.
    expect(lines.slice(1).map((l) => l.split(',')[at])).toEqual(nodeLabels);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a narrow window (1024 px) keeps the Deploy stage usable', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1024, height: 800 });
  await trainAndOpenDeploy(page);
  await expect(page.getByRole('button', { name: 'Check latency' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SCREENS}/deploy-narrow.png`, fullPage: true });
});

test('a version registered before a reload is offered in Deploy, and its latency check is kept on the version', async ({ page }) => {
  test.setTimeout(240_000);
  await trainAndOpenDeploy(page);
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Models' }).click();
  // The run goes by the name the Train stage gave it, its short id beside the name.
  const runs = page.getByRole('table', { name: 'Runs' });
  await expect(runs.getByRole('rowheader')).toHaveText([/^Neural network \(MLP\) #1 [0-9a-f]{8}$/]);
  await runs.getByRole('button', { name: /^Register run Neural network \(MLP\) #1 \([0-9a-f]{8}\)$/ }).click();
  await expect(page.getByRole('heading', { name: /^Register run Neural network \(MLP\) #1 \(/ })).toBeVisible();
  await page.getByLabel('Model name').fill('penguin-deploy');
  await page.getByRole('dialog').getByRole('button', { name: 'Register' }).click();
  await expect(page.getByText(/^Registered run Neural network \(MLP\) #1 \([0-9a-f]{8}\) as penguin-deploy v1\./)).toBeVisible();

  // A week later: a fresh page with nothing trained in this session.
  await page.reload();
  await openSample(page, 'penguins');
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Deploy' }).click();
  const picker = page.getByRole('combobox', { name: /^Model\b/ });
  await expect(picker.locator('option')).toHaveText(['penguin-deploy v1 (registered)']);
  await expect(picker).toHaveValue('version:penguin-deploy@1');
  await page.getByRole('button', { name: 'Check latency' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Latency kept on penguin-deploy v1.' })).toBeVisible({ timeout: 120_000 });
  const kept = await page.evaluate(async () => {
    const open = indexedDB.open('modelbench');
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const all = await new Promise<unknown[]>((ok) => {
      const req = db.transaction('versions').objectStore('versions').getAll();
      req.onsuccess = () => ok(req.result as unknown[]);
    });
    db.close();
    return (all as { model: string; latency?: { pass: boolean; paths: { path: string; p95Us: number }[] } }[]).find((v) => v.model === 'penguin-deploy')?.latency ?? null;
  });
  expect(kept?.paths.map((p) => p.path)).toContain('scorer.mjs');
  expect(kept?.paths.every((p) => p.p95Us > 0)).toBe(true);
  await page.screenshot({ path: `${SCREENS}/deploy-registered-version.png`, fullPage: true });
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Models' }).click();
  await page.getByRole('tab', { name: 'Registered models' }).click();
  await page.getByRole('button', { name: 'penguin-deploy' }).click();
  await page.getByRole('button', { name: 'Show version 1' }).click();
  await expect(page.getByTestId('version-latency')).toContainText(/meets p95 ≤ 10 ms ·\s+scorer\.mjs p95 [\d.]+ µs/);
});
