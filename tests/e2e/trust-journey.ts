import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect } from './fixtures';

/** A small user file with a header that would break naive code, opened through the file picker. */
export const USER_CSV = {
  name: 'my-data.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(['region,units,price,returned', 'north,12,3.5,no', 'south,7,4.25,yes', 'east,19,2.75,no', 'west,3,5.5,yes', 'north,11,3.75,no'].join('\n') + '\n'),
};

export const stageLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name, exact: true });

/** Clicks `button` and returns the file it downloads (read from disk as text). */
export async function download(page: Page, button: string): Promise<{ download: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { download: file, text: readFileSync((await file.path())!, 'utf8') };
}

/** Explore stage until the report is complete. */
export async function explore(page: Page) {
  await stageLink(page, 'Explore').click();
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete', { timeout: 60_000 });
}

/** Prepare (the proposed recipe) → Train (defaults) until the evaluation of the new run is shown. */
export async function prepareAndTrain(page: Page) {
  await stageLink(page, 'Prepare').click();
  await expect(page.getByRole('heading', { name: /^Recipe steps/ })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue to Train' }).click();
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 30_000 });
  const before = await page.locator('.runs tbody tr').count();
  await train.click();
  await expect(page.locator('.runs tbody tr')).toHaveCount(before + 1, { timeout: 60_000 });
  await expect(page.locator('.runs tbody tr').first()).toContainText('completed', { timeout: 120_000 });
  await expect(page.getByTestId('evaluation')).toBeVisible();
}

/** Downloads the HTML exploration report and checks it is self-contained. */
export async function exportReport(page: Page) {
  await explore(page);
  const { text } = await download(page, 'Download report (HTML)');
  expect(text).toContain('<html');
  expect(text).not.toMatch(/<script|\bsrc=|<link|@import|url\(/i);
  return text;
}

/**
 * The Models stage, when the app routes to it: waits for the registry and, when the stage offers
 * them, registers the latest run and downloads a workspace. Returns what it could do.
 */
export async function modelsIfPresent(page: Page): Promise<string[]> {
  const done: string[] = [];
  await stageLink(page, 'Models').click();
  const status = page.getByTestId('registry-status');
  if (!(await status.isVisible({ timeout: 5_000 }).catch(() => false))) return done;
  await expect(status).toHaveAttribute('data-state', 'ready');
  done.push('models stage');
  const exportButton = page.getByRole('button', { name: /^Export workspace/ });
  if (await exportButton.count()) {
    await page.getByRole('tab', { name: 'Storage and workspace' }).click().catch(() => undefined);
    if (await exportButton.isVisible().catch(() => false)) {
      const [file] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
      expect(await file.path()).toBeTruthy();
      done.push('workspace export');
    }
  }
  return done;
}

/** The first `limit` penguins as CSV: a file to batch-score with a model trained on the sample. */
export function penguinsCsv(limit = 40): string {
  const all = JSON.parse(readFileSync('public/samples/penguins.json', 'utf8')) as Record<string, unknown>[];
  const names = Object.keys(all[0]);
  const field = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  return [names.join(','), ...all.slice(0, limit).map((r) => names.map((n) => field(r[n])).join(','))].join('\n') + '\n';
}

/**
 * The Deploy stage after a run on penguins: check latency (when `latency`), export the bundle, and
 * batch-score a file and download the predictions. Returns what it did.
 */
export async function deploy(page: Page, { latency = true } = {}): Promise<string[]> {
  const done: string[] = [];
  await stageLink(page, 'Deploy').click();
  await expect(page.getByRole('heading', { name: 'Deploy', level: 1 })).toBeVisible();
  if (latency) {
    await page.getByRole('button', { name: 'Check latency' }).click();
    await expect(page.getByTestId('latency-verdict')).toBeVisible({ timeout: 180_000 });
    done.push('latency check');
  }
  const [bundle] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export bundle' }).click()]);
  expect(bundle.suggestedFilename()).toMatch(/\.zip$/);
  done.push('bundle export');
  await page.getByLabel('File to score').setInputFiles({ name: 'score-me.csv', mimeType: 'text/csv', buffer: Buffer.from(penguinsCsv()) });
  await expect(page.getByTestId('schema-ok')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Score file' }).click();
  await expect(page.getByTestId('score-result')).toContainText('of 40 rows', { timeout: 60_000 });
  const [predictions] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download predictions' }).click()]);
  expect(predictions.suggestedFilename()).toMatch(/predictions/);
  done.push('batch score + predictions download');
  return done;
}
