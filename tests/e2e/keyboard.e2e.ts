import { existsSync } from 'node:fs';
import { test, expect } from './fixtures';
import type { Locator, Page } from '@playwright/test';

/**
 * The whole journey with the keyboard only (no mouse events): start screen → open a sample →
 * Explore → Prepare → Train → evaluation (→ an exported bundle when the Deploy stage exists).
 * Each control is reached with Tab and pressed with Enter or Space; the test prints how many
 * key presses each step took.
 */

/** Presses Tab until `target` has focus (at most `limit` times); returns the number of presses. */
async function tabTo(page: Page, target: Locator, limit = 400): Promise<number> {
  await expect(target).toBeVisible({ timeout: 60_000 });
  await expect(target).toBeEnabled({ timeout: 60_000 });
  const handle = await target.elementHandle();
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((el) => document.activeElement === el, handle)) return i;
  }
  throw new Error(`Tab never reached ${target}`);
}

test('keyboard only: open a sample, explore, prepare, train and read the evaluation', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  const log: string[] = [];
  const press = async (label: string, target: Locator, key: 'Enter' | 'Space' = 'Enter') => {
    const tabs = await tabTo(page, target);
    await page.keyboard.press(key);
    log.push(`${label}: ${tabs} Tab + ${key}`);
  };
  const nav = page.getByRole('navigation', { name: 'Stages' });

  await press('Open sample Palmer penguins', page.getByRole('button', { name: 'Open sample Palmer penguins' }));
  await expect(page.getByTestId('dataset-ready')).toBeVisible();
  await press('Explore this data', page.getByRole('button', { name: 'Explore this data' }));
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete', { timeout: 60_000 });
  // An info control opens with the keyboard and closes with Escape, handing focus back.
  await press('About Missing cells', page.getByRole('button', { name: 'About Missing cells' }));
  await expect(page.getByRole('dialog', { name: 'Missing cells' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'About Missing cells' })).toBeFocused();
  // Stage links by shortcut: 3 is Prepare.
  await page.keyboard.press('3');
  log.push('Prepare: key 3');
  await expect(nav.getByRole('link', { name: 'Prepare' })).toHaveAttribute('aria-current', 'page');
  await press('Continue to Train', page.getByRole('button', { name: 'Continue to Train' }));
  await expect(nav.getByRole('link', { name: 'Train' })).toHaveAttribute('aria-current', 'page');
  await press('Train', page.getByRole('button', { name: 'Train', exact: true }), 'Space');
  await expect(page.getByTestId('evaluation-summary')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('evaluation-summary')).not.toBeEmpty();
  await page.screenshot({ path: 'test-results/screens/keyboard-evaluation.png' });

  if (existsSync('src/ui/stages/DeployStage.svelte')) {
    await page.keyboard.press('6');
    await expect(nav.getByRole('link', { name: 'Deploy' })).toHaveAttribute('aria-current', 'page');
    const exportButton = page.getByRole('button', { name: 'Export bundle', exact: true });
    // Deploy loads on its first visit: wait for it rather than test whether it is there yet.
    await expect(exportButton).toBeVisible({ timeout: 30_000 });
    const download = page.waitForEvent('download');
    await press('Export bundle', exportButton);
    const file = await download;
    log.push(`exported ${file.suggestedFilename()}`);
    expect(file.suggestedFilename()).toMatch(/\.zip$/);
  }
  console.log(`keyboard journey: ${log.join(' · ')}`);
});
