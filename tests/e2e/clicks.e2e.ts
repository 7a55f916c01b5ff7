/**
 * Issue 17: the whole path from page open to an exported bundle takes at most 8 clicks on a
 * sample, each on the stage's own next-step button, and every stage is shown on the way. Clicks
 * are counted in the page (every pointer click a person makes), not by this script.
 */
import { test, expect } from './fixtures';

test('page open to an exported bundle on a sample in at most 8 clicks', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  await page.evaluate(() => {
    (window as unknown as { clicks: number }).clicks = 0;
    addEventListener('click', (e) => e.isTrusted && (window as unknown as { clicks: number }).clicks++, true);
  });
  const clicks = () => page.evaluate(() => (window as unknown as { clicks: number }).clicks);

  await page.getByRole('button', { name: 'Open sample Palmer penguins' }).click();
  await expect(page.getByTestId('dataset-ready')).toBeVisible();
  await page.getByRole('button', { name: 'Explore this data' }).click();
  await page.getByRole('button', { name: 'Continue to Prepare' }).click();
  await page.getByRole('button', { name: 'Continue to Train' }).click();
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 30_000 });
  await train.click();
  await page.getByRole('button', { name: 'Continue to Deploy' }).click({ timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export bundle' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  expect(await clicks()).toBeLessThanOrEqual(8);
});
