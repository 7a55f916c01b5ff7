import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openSample, chooseModel } from './fixtures';
import { buildWorkspace, tamper } from './workspaceFixture';

const SCREENS = 'test-results/screens';

async function openModels(page: Page) {
  await page.goto('./#models');
  await expect(page.getByTestId('registry-status')).toHaveAttribute('data-state', 'ready');
}

async function importZip(page: Page, bytes: Uint8Array, name = 'workspace.zip') {
  await page.getByRole('tab', { name: 'Storage and workspace' }).click();
  await page.getByLabel('Workspace file to import').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`)).toEqual([]);
}

test.describe('Models stage storage', () => {
  test('with nothing stored, every tab says so and the storage panel lists empty stores', async ({ page }) => {
    await openModels(page);
    await expect(page.getByTestId('registry-status')).toContainText('0 runs · 0 registered models · 0 datasets');
    await expect(page.getByRole('heading', { name: 'No runs yet' })).toBeVisible();
    await axe(page);
    await page.getByRole('tab', { name: 'Registered models' }).click();
    await expect(page.getByText('No model is registered yet')).toBeVisible();
    await page.getByRole('tab', { name: 'Datasets' }).click();
    await expect(page.getByText('No dataset is stored yet')).toBeVisible();
    await page.getByRole('tab', { name: 'Storage and workspace' }).click();
    const stores = page.getByRole('table', { name: 'Stored records by kind' });
    await expect(stores.getByRole('row')).toHaveCount(10);
    await expect(stores.getByRole('row', { name: /^Runs 0/ })).toBeVisible();
    await expect(stores.getByRole('row', { name: /^Projects 0/ })).toBeVisible();
    await expect(page.getByTestId('storage-usage')).toContainText(/This site uses .* of the .* the browser allows/);
    await axe(page);
    await page.screenshot({ path: `${SCREENS}/models-empty-storage.png`, fullPage: true });
  });

  test('"Keep my data" asks the browser and shows its answer', async ({ page }) => {
    await openModels(page);
    await page.getByRole('tab', { name: 'Storage and workspace' }).click();
    await page.getByRole('button', { name: 'Keep my data' }).click();
    await expect(page.getByText(/The browser (will keep this data|declined for now)/)).toBeVisible();
  });

  test('a workspace imports with a summary, survives a reload, and a tampered one changes nothing', async ({ page }) => {
    const zip = await buildWorkspace({ runs: 5 });
    await openModels(page);
    await importZip(page, zip);
    const summary = page.getByTestId('import-summary');
    await expect(summary).toContainText('Imported: 1 datasets, 5 runs, 1 models, 2 versions, 1 aliases, 2 blobs');
    await expect(page.getByTestId('registry-status')).toContainText('5 runs · 1 registered model · 1 dataset');
    await page.screenshot({ path: `${SCREENS}/models-imported.png`, fullPage: true });

    await page.reload();
    await expect(page.getByTestId('registry-status')).toContainText('5 runs · 1 registered model · 1 dataset');

    await importZip(page, tamper(zip), 'tampered.zip');
    const error = page.getByRole('alert').filter({ hasText: 'tampered.zip was not imported' });
    await expect(error).toContainText('does not match the SHA-256 recorded in manifest.json');
    await expect(error).toContainText('Nothing was changed');
    await expect(page.getByTestId('registry-status')).toContainText('5 runs · 1 registered model · 1 dataset');
    await expect(page.getByRole('table', { name: 'Stored records by kind' }).getByRole('row', { name: /^Runs 5/ })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/models-tampered.png`, fullPage: true });

    // Importing the same file again adds nothing: every item is already here.
    await importZip(page, zip);
    await expect(page.getByTestId('import-summary')).toContainText('Imported: nothing. Already here: 1 datasets, 5 runs');
  });

  test('an import in one tab shows up in another without a reload', async ({ page, context }) => {
    await openModels(page);
    const other = await context.newPage();
    await openModels(other);
    await expect(other.getByRole('heading', { name: 'No runs yet' })).toBeVisible();
    await importZip(page, await buildWorkspace({ runs: 3 }));
    await expect(other.getByTestId('registry-status')).toContainText('3 runs · 1 registered model · 1 dataset');
    await expect(other.getByRole('table', { name: 'Runs' }).getByRole('row')).toHaveCount(4);
    await other.close();
  });

  test('the exported workspace holds every file with its SHA-256 and imports back after "Forget everything"', async ({ page }) => {
    await openModels(page);
    await importZip(page, await buildWorkspace({ runs: 4 }));
    await expect(page.getByTestId('registry-status')).toContainText('4 runs');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export workspace' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^modelbench-workspace-\d{4}-\d\d-\d\d\.zip$/);
    const exported = readFileSync((await download.path())!);
    const files = unzipSync(new Uint8Array(exported));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(manifest.format).toBe('modelbench-workspace');
    expect(Object.keys(manifest.files).sort()).toEqual(Object.keys(files).filter((f) => f !== 'manifest.json').sort());
    expect(JSON.parse(new TextDecoder().decode(files['workspace.json'])).runs).toHaveLength(4);

    await page.evaluate(() => {
      localStorage.setItem('modelbench:test', '1');
      sessionStorage.setItem('modelbench:test', '1');
    });
    await page.getByRole('button', { name: 'Forget everything…' }).click();
    await page.getByRole('button', { name: 'Yes, forget everything' }).click();
    await expect(page.getByTestId('forget-result')).toContainText('no database, no cache and no stored settings are left');
    await expect(page.getByTestId('registry-status')).toContainText('0 runs · 0 registered models · 0 datasets');
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    await page.screenshot({ path: `${SCREENS}/models-forgotten.png`, fullPage: true });

    await importZip(page, new Uint8Array(exported), download.suggestedFilename());
    await expect(page.getByTestId('import-summary')).toContainText('Imported: 1 datasets, 4 runs, 1 models, 2 versions');
  });

  test('a run exported while running imports as interrupted', async ({ page }) => {
    await openModels(page);
    await importZip(page, await buildWorkspace({ runs: 3, running: true }));
    await page.getByRole('tab', { name: 'Runs' }).click();
    await expect(page.getByRole('table', { name: 'Runs' }).getByText('interrupted', { exact: true })).toHaveCount(1);
  });

  test('closing the tab mid-training leaves the run interrupted, and the next start says so', async ({ page, context }) => {
    test.setTimeout(180_000);
    await openSample(page, 'penguins');
    await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Train' }).click();
    // Open the settings once the stage has settled: a click while its recipe was still arriving was
    // seen to open a panel that the next render replaced (a loaded CI run).
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
    await chooseModel(page, 'Neural network (MLP)');
    const epochs = page.getByRole('spinbutton', { name: 'Maximum epochs' });
    await expect(async () => {
      if (!(await epochs.isVisible())) await page.getByText('Model settings', { exact: true }).click();
      await expect(epochs).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await page.getByRole('spinbutton', { name: 'Maximum epochs' }).fill('5000');
    await page.getByRole('spinbutton', { name: 'Maximum epochs' }).dispatchEvent('change');
    await page.getByRole('checkbox', { name: 'Early stopping' }).uncheck();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByTestId('training-live')).toContainText(/epoch \d+/, { timeout: 60_000 });
    const watcher = await context.newPage();
    await openModels(watcher);
    await expect(watcher.getByRole('table', { name: 'Runs' }).getByText('running', { exact: true })).toHaveCount(1);
    await page.close();
    // A heartbeat older than 30 s means the tab is gone; until then another tab must leave the run alone.
    await watcher.waitForTimeout(31_000);
    await watcher.reload();
    await expect(watcher.getByText('1 run was interrupted because the tab training it closed.')).toBeVisible();
    await expect(watcher.getByRole('table', { name: 'Runs' }).getByText('interrupted', { exact: true })).toHaveCount(1);
  });

  test('a newer schema opened in another tab tells this one to reload', async ({ page, context }) => {
    await openModels(page);
    const other = await context.newPage();
    await other.goto('./favicon.svg');
    await other.evaluate(() => new Promise((resolve, reject) => {
      const request = indexedDB.open('modelbench', 99);
      request.onsuccess = () => resolve(request.result.close());
      request.onerror = () => reject(request.error);
    }));
    await expect(page.getByRole('alert').filter({ hasText: 'Modelbench was updated in another tab; reload this one.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
    await other.close();
  });

  test('the storage panel fits a 1024 px window', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 800 });
    await openModels(page);
    await importZip(page, await buildWorkspace({ runs: 3 }));
    await expect(page.getByTestId('import-summary')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENS}/models-storage-1024.png`, fullPage: true });
  });
});
