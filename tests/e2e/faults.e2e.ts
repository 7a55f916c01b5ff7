import type { Page } from '@playwright/test';
import { test, expect, openSample } from './fixtures';
import { stageLink } from './trust-journey';
import { growth, memoryCycles } from '../bench/memory.bench.mjs';

/**
 * Faults a person can cause: a learning rate far out of range, and a long session of repeated work.
 * Paths a page cannot provoke safely are covered below the UI: a non-finite loss stopping training
 * (tests/unit/core/models/robustness.test.ts), a crashed, silent or GPU-lost train worker
 * (tests/unit/bridge/TrainBridge.test.ts, with fake workers and devices).
 */

async function openTrain(page: Page) {
  await stageLink(page, 'Train').click();
  const target = page.getByRole('combobox', { name: 'Target column' });
  if (await target.isVisible().catch(() => false)) return target;
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
  return null;
}

/** Opens the "Model settings" details (it folds itself while a run is going). */
async function openSettings(page: Page) {
  if (!(await page.getByLabel('Kind').isVisible().catch(() => false))) await page.getByText('Model settings').click();
  await expect(page.getByLabel('Kind')).toBeVisible();
}

async function setOption(page: Page, label: string, value: string) {
  await openSettings(page);
  await page.getByLabel(label).fill(value);
  await page.getByLabel(label).dispatchEvent('change');
}

const train = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
const latestRun = (page: Page) => page.locator('.runs tbody tr').first();

test.describe('Faults', () => {
  test.describe.configure({ timeout: 240_000 });

  test('a learning rate of 1e6 is refused with the allowed range, and a sane one then trains', async ({ page }) => {
    await openSample(page, 'cars');
    await openTrain(page);
    await setOption(page, 'Learning rate (Adam)', '1000000');
    await train(page).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(/learningRate.*1000000.*expected 0\.00001 to 1|learningRate.*1000000.*expected 1e-5 to 1/, { timeout: 60_000 });
    await expect(latestRun(page)).toContainText('failed');
    await page.screenshot({ path: 'test-results/screens/faults-learning-rate.png', fullPage: true });
    await setOption(page, 'Learning rate (Adam)', '0.002');
    await expect(train(page)).toBeEnabled();
    await train(page).click();
    await expect(latestRun(page)).toContainText('completed', { timeout: 120_000 });
  });

  test('3 load → profile → train cycles: page heap and renderer memory return near the first cycle', async ({ page }) => {
    await page.goto('./');
    const cdp = await page.context().newCDPSession(page);
    const rows = await memoryCycles(page, cdp, 3);
    const g = growth(rows);
    const fmt = (r: { cycle: number; heapMB: number; rendererMB: number }) => `cycle ${r.cycle}: heap ${r.heapMB.toFixed(1)} MB, renderers ${r.rendererMB.toFixed(0)} MB`;
    test.info().annotations.push({ type: 'memory', description: `${rows.map(fmt).join(' | ')} | growth after cycle 1: ${JSON.stringify(g)}` });
    // Each cycle keeps its run in the session list, so a little growth is expected; a leaked table or
    // TF.js model per cycle (tens of MB on penguins with the WASM backend's heap) is not.
    expect(g.heapMB).toBeLessThan(20);
    expect(g.rendererMB).toBeLessThan(150);
  });
});
