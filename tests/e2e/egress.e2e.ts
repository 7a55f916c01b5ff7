import { existsSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { USER_CSV, deploy, explore, exportReport, modelsIfPresent, prepareAndTrain } from './trust-journey';

/**
 * The whole journey with every request recorded at the context level (page, dedicated workers and
 * the service worker): nothing may go to another origin. The guard in fixtures.ts already fails on
 * such a request; this file also lists what was fetched, and runs the journey again with every
 * request to another origin aborted, to show nothing depends on one.
 */
interface Seen {
  url: string;
  type: string;
  fromServiceWorker: boolean;
}

function record(context: BrowserContext): Seen[] {
  const seen: Seen[] = [];
  context.on('request', (r) => seen.push({ url: r.url(), type: r.resourceType(), fromServiceWorker: r.serviceWorker() !== null }));
  return seen;
}

async function journey(page: Page): Promise<string[]> {
  const steps: string[] = [];
  await page.goto('./');
  await page.getByLabel('Open dataset').setInputFiles(USER_CSV);
  await expect(page.getByTestId('dataset-ready')).toBeVisible();
  await explore(page);
  steps.push('user file + explore');

  await page.goto('./?sample=penguins');
  await expect(page.getByRole('heading', { name: 'Palmer penguins' })).toBeVisible();
  await explore(page);
  await prepareAndTrain(page);
  steps.push('sample + explore + prepare + train');
  if (existsSync('src/ui/stages/DeployStage.svelte')) steps.push(...(await deploy(page)));
  steps.push(...(await modelsIfPresent(page)));
  await exportReport(page);
  steps.push('report export');
  return steps;
}

function summarise(seen: Seen[], origin: string) {
  const other = seen.filter((s) => !s.url.startsWith('blob:') && !s.url.startsWith('data:') && new URL(s.url).origin !== origin);
  const paths = new Set(seen.filter((s) => s.url.startsWith(origin)).map((s) => new URL(s.url).pathname.replace(/-[\w-]{8}\./, '-*.')));
  return { total: seen.length, fromServiceWorker: seen.filter((s) => s.fromServiceWorker).length, other, paths: [...paths].sort() };
}

test.describe('Egress', () => {
  test.describe.configure({ timeout: 300_000 });

  test('the whole journey requests nothing from another origin (page, workers, service worker)', async ({ page, context, baseURL }) => {
    const seen = record(context);
    const steps = await journey(page);
    const s = summarise(seen, new URL(baseURL!).origin);
    test.info().annotations.push(
      { type: 'journey', description: steps.join(' → ') },
      { type: 'requests', description: `${s.total} requests (${s.fromServiceWorker} by the service worker), ${s.paths.length} distinct paths: ${s.paths.join(' ')}` },
    );
    expect(s.other).toEqual([]);
    // The recorder really sees the traffic: the app's scripts, the workers' scripts, the WASM and the sample.
    expect(s.paths.some((p) => p.endsWith('.wasm'))).toBe(true);
    expect(s.paths).toContain('/samples/penguins.json');
    expect(s.paths.filter((p) => /\/assets\/(ingest|profile|train)-/.test(p)).length).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: 'test-results/screens/egress-journey-end.png', fullPage: true });
  });

  test('with every request to another origin aborted, the journey still completes', async ({ page, context, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const aborted: string[] = [];
    await context.route('**', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      aborted.push(url);
      return route.abort('blockedbyclient');
    });
    const steps = await journey(page);
    test.info().annotations.push({ type: 'journey (foreign requests aborted)', description: steps.join(' → ') });
    expect(aborted).toEqual([]);
  });
});
