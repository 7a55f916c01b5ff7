import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startServer } from '../support/serve.mjs';
import { test, expect } from './fixtures';
import { deploy, exportReport, prepareAndTrain } from './trust-journey';

/** Loads the studio and waits until its service worker has precached everything and controls the page. */
async function installed(page: Page) {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Or start from a sample' })).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { timeout: 30_000 }).toBe('activated');
}

test.describe('Offline', () => {
  test.describe.configure({ timeout: 240_000 });

  test('after one visit the studio reloads, opens a sample, trains and exports with the network off', async ({ page, context }) => {
    await installed(page);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith('modelbench-'))!);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached.some((p) => p.endsWith('.wasm'))).toBe(true);
    expect(cached).toContain('/samples/penguins.json');

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.reload();
    await page.goto('./?sample=penguins');
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Palmer penguins' })).toBeVisible();
    await prepareAndTrain(page);
    const deployed = existsSync('src/ui/stages/DeployStage.svelte') ? await deploy(page, { latency: false }) : [];
    test.info().annotations.push({ type: 'offline deploy', description: deployed.join(' → ') || 'no Deploy stage' });
    await exportReport(page);
    await page.screenshot({ path: 'test-results/screens/offline-trained.png', fullPage: true });

    // A user file opens offline too.
    await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Data', exact: true }).click();
    await page.getByLabel('Open another dataset').setInputFiles({ name: 'offline.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3,4\n') });
    await expect(page.getByRole('heading', { name: 'offline.csv' })).toBeVisible();
  });

  test('the page is installable-shaped: manifest with 192 and 512 icons, a controlling service worker', async ({ page, request }) => {
    await installed(page);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('./manifest.webmanifest');
    const response = await request.get('./manifest.webmanifest');
    expect(response.ok()).toBe(true);
    expect(response.headers()['content-type']).toContain('application/manifest+json');
    const manifest = await response.json();
    expect(manifest).toMatchObject({ name: 'Modelbench', start_url: './', display: 'standalone' });
    const sizes = (manifest.icons as { sizes: string; src: string; type: string }[]).map((i) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
      const file = await request.get(`./${icon.src}`);
      expect(file.ok(), icon.src).toBe(true);
      expect(file.headers()['content-type']).toBe(icon.type);
      if (icon.type === 'image/png') {
        // PNG width and height are big-endian at bytes 16 and 20 of the IHDR chunk.
        const png = await file.body();
        const [w, h] = icon.sizes.split('x').map(Number);
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w, h]);
      }
    }
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    test.info().annotations.push({ type: 'Chromium installability errors', description: JSON.stringify(installabilityErrors) });
    // Playwright's contexts are incognito, where Chromium never offers installation; nothing else may be missing.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
  });

  test('once its caches are deleted, files the service worker serves come from the network and no cache comes back', async ({ page }) => {
    await installed(page);
    const after = await page.evaluate(async () => {
      for (const key of await caches.keys()) await caches.delete(key);
      // A precached file, fetched through the controlling worker as a new worker script would be.
      const response = await fetch('./samples/penguins.json');
      return { ok: response.ok, caches: await caches.keys() };
    });
    // Workbox's matchPrecache opens the cache, which used to create it again, empty: "Forget everything" then found it.
    expect(after).toEqual({ ok: true, caches: [] });
  });
});

/**
 * The update prompt needs a second build on the same origin. Each test here gets its own server
 * over a private copy of the build, so it can change one byte of sw.js, as a new deployment would.
 */
const updatable = test.extend<{ copy: string }>({
  copy: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-update-'));
    cpSync(process.env.MB_DIST || 'dist', dir, { recursive: true });
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  baseURL: async ({ copy }, use) => {
    const server = await startServer({ root: copy, port: 0 });
    await use(server.url);
    await server.close();
  },
});

updatable('a new build shows "A new version of Modelbench is ready" and does not reload by itself', async ({ page, copy }) => {
  await installed(page);
  const swPath = join(copy, 'sw.js');
  writeFileSync(swPath, `${readFileSync(swPath, 'utf8')}\n// next release\n`);
  const marker = await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = Math.random()));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  const prompt = page.getByRole('status').filter({ hasText: 'A new version of Modelbench is ready' });
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(1_500);
  // Same document, old worker still in charge: nothing reloaded or swapped by itself.
  expect(await page.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(marker);
  expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting))).toBe(true);
  await page.screenshot({ path: 'test-results/screens/update-prompt.png' });

  await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload to update' }).click()]);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __marker?: number }).__marker ?? null)).toBeNull();
  // One precache, shared across releases (files are revisioned one by one), now run by the new worker.
  const active = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('modelbench-')));
  expect(active).toHaveLength(1);
  expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting))).toBe(false);
  await expect(page.getByRole('status').filter({ hasText: 'A new version' })).toHaveCount(0);
});
