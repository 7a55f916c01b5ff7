/**
 * Issue 17: Deploy works from the registry alone. After a reload, with no dataset open, a
 * registered version can be timed (on example rows made from its recipe), exported, and offered
 * for comparison on a file; nothing asks for the training data first.
 */
import { unzipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { test, expect, openSample } from './fixtures';

test('a registered version deploys after a reload with no dataset open', async ({ page }) => {
  test.setTimeout(240_000);
  await openSample(page, 'penguins');
  const nav = page.getByRole('navigation', { name: 'Stages' });
  await nav.getByRole('link', { name: 'Train' }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('evaluation')).toContainText('Evaluation:', { timeout: 120_000 });

  await nav.getByRole('link', { name: 'Models' }).click();
  const runs = page.getByRole('table', { name: 'Runs' });
  await runs.getByRole('button', { name: /^Register run / }).first().click();
  await page.getByLabel('Model name').fill('alone');
  await page.getByRole('dialog').getByRole('button', { name: 'Register' }).click();
  await expect(page.getByText(/as alone v1\./)).toBeVisible();

  // A fresh page without the sample's link: nothing reopens the data.
  await page.goto('./');
  await nav.getByRole('link', { name: 'Deploy' }).click();
  await expect(page.getByRole('combobox', { name: 'Model' })).toContainText('alone v1', { timeout: 30_000 });
  await expect(page.getByText(/example rows made from the recipe/)).toBeVisible();

  await page.getByRole('button', { name: 'Check latency' }).click();
  await expect(page.getByTestId('latency-verdict')).toBeVisible({ timeout: 120_000 });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export bundle' }).click()]);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['scorer.mjs', 'index.html', 'README.md', 'manifest.json']));

  await page.getByRole('tab', { name: 'A/B testing' }).click();
  // No held-out rows without the dataset: the comparison asks for a file.
  await expect(page.getByRole('radio', { name: /that no chosen model trained on/ })).toHaveCount(0);
  await expect(page.getByLabel('Test file')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/deploy-alone.png', fullPage: true });
});
