import type { Page } from '@playwright/test';
import { test, expect, openSample } from './fixtures';

const stageLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name, exact: true });
const preview = (page: Page) => page.getByRole('table', { name: 'Prepared data preview' });

/**
 * Prepare shows the first rows of the feature matrix and keeps it current as the recipe changes;
 * a yes/no target derived from a numeric column trains, and its source column stays out of the features.
 */
test('the prepared-data preview follows the recipe; a derived target trains without its source column', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await openSample(page, 'penguins');
  await stageLink(page, 'Prepare').click();

  // The preview: fitted feature names as headers, 20 rows, numbers with separators, a count of features.
  await expect(preview(page)).toBeVisible({ timeout: 30_000 });
  await expect(preview(page).locator('tbody tr')).toHaveCount(20);
  await expect(preview(page).getByRole('columnheader', { name: 'Body Mass (g)' })).toBeVisible();
  const note = page.getByTestId('matrix-note');
  await expect(note).toContainText(/^\d+ features in all, as .+; fitted on 275 training rows\.$/);

  // A recipe change (a larger test share) refits the preview on fewer training rows.
  const share = page.getByLabel('Test share (%)');
  await share.fill('40');
  await share.press('Tab');
  await expect(note).toContainText('fitted on 206 training rows.');

  // Derive "heavy" = Body Mass (g) > 4000 and predict it.
  await page.getByText('Derive a new target from a column…').click();
  const form = page.getByRole('form', { name: 'Derive a new target' });
  await form.getByRole('combobox', { name: 'From column', exact: true }).selectOption('Body Mass (g)');
  await form.getByRole('combobox', { name: 'Condition', exact: true }).selectOption({ label: '>' });
  await form.getByRole('textbox', { name: 'Value', exact: true }).fill('4000');
  await form.getByRole('textbox', { name: 'New column name', exact: true }).fill('heavy');
  await form.getByRole('button', { name: 'Derive and predict it' }).click();
  await expect(page.getByLabel('Target column')).toHaveValue('heavy');
  await expect(page.getByTestId('derived-target-note')).toContainText('“Body Mass (g)” is dropped from the features: “heavy” is computed from it');
  await expect(page.getByLabel('Task')).toHaveValue('binary');
  await expect(preview(page).getByRole('columnheader', { name: 'Body Mass (g)' })).toHaveCount(0);
  await expect(preview(page).getByRole('columnheader').first()).toBeVisible();
  await expect(page.locator('details', { hasText: 'Show the current recipe' }).locator('pre')).toContainText('"targetRule"');
  await page.screenshot({ path: 'test-results/screens/prepare-preview-1400.png', fullPage: true });
  await page.setViewportSize({ width: 400, height: 900 });
  await expect(preview(page)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  await page.screenshot({ path: 'test-results/screens/prepare-preview-400.png', fullPage: true });
  await page.setViewportSize({ width: 1400, height: 900 });

  // Train on it: the evaluation is for "heavy", and the source column is not among the inputs.
  await page.getByRole('button', { name: 'Continue to Train' }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation).toBeVisible({ timeout: 150_000 });
  const importance = evaluation.getByRole('region', { name: /^Shuffling one input column at a time/ });
  await expect(importance.getByRole('row').nth(1)).toBeVisible();
  await expect(importance.getByRole('rowheader', { name: 'Body Mass (g)', exact: true })).toHaveCount(0);
  await expect(importance.getByRole('rowheader', { name: 'Species', exact: true })).toBeVisible();
});

test('at 400 px every recipe step fits the screen, the text step with its long method names included (movies)', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 900 });
  await openSample(page, 'movies');
  await stageLink(page, 'Prepare').click();
  const method = page.getByRole('combobox', { name: 'Method' }).filter({ has: page.getByRole('option', { name: 'TF-IDF (named words)' }) });
  await expect(method).toBeVisible({ timeout: 30_000 });
  const steps = page.locator('ol.steps > li');
  expect(await steps.count()).toBeGreaterThan(3);
  const outside = await steps.evaluateAll((cards) => cards.filter((c) => c.getBoundingClientRect().right > document.documentElement.clientWidth).map((c) => (c.textContent ?? '').trim().slice(0, 40)));
  expect(outside, 'recipe steps past the right edge').toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  const box = await method.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(400);
});
