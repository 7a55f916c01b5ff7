/**
 * Issue 17: real files that the project did not write go the whole way, page open to an exported
 * bundle, through each stage's own next-step button: a ZSTD Parquet written by DuckDB (another
 * library than the one that reads it) and a panel-shaped JSON (countries × years, gapminder-like).
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** Gapminder-shaped JSON records: 40 countries × 12 years, life expectancy rising with income. */
function panelJson(): Buffer {
  const rows = [];
  for (let c = 0; c < 40; c++)
    for (let y = 0; y < 12; y++) {
      const income = 800 + c * 410 + y * 95;
      rows.push({ country: `Country ${c}`, continent: ['Africa', 'Asia', 'Europe', 'Americas'][c % 4], year: 1952 + 5 * y, pop: 2_000_000 + c * 7919 + y * 104_729, gdpPercap: income, lifeExp: Math.round((38 + 9 * Math.log10(income) + 0.4 * y) * 10) / 10 });
    }
  return Buffer.from(JSON.stringify(rows));
}

/** Explore, then Prepare with the target chosen: by the next-step buttons. */
async function toPrepare(page: Page, target: string) {
  await page.getByRole('button', { name: 'Explore this data' }).click();
  await page.getByRole('button', { name: 'Continue to Prepare' }).click({ timeout: 60_000 });
  await page.getByRole('combobox', { name: 'Target column' }).selectOption(target);
}

/** Prepare → Train → Deploy → Export, by the next-step buttons; returns the bundle's files. */
async function trainAndExport(page: Page): Promise<Record<string, Uint8Array>> {
  await page.getByRole('button', { name: 'Continue to Train' }).click();
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 30_000 });
  await train.click();
  await expect(page.getByTestId('evaluation')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Continue to Deploy' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export bundle' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  return unzipSync(readFileSync((await download.path())!));
}

test.describe('Real files, the whole path', () => {
  test.describe.configure({ timeout: 240_000 });

  test('a ZSTD Parquet written by DuckDB goes from page open to an exported bundle', async ({ page }) => {
    await page.goto('./');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'flights-zstd.parquet', mimeType: 'application/octet-stream', buffer: readFileSync('tests/fixtures/table/codec-zstd.parquet') });
    await expect(page.getByText('200 rows × 6 columns')).toBeVisible();
    await toPrepare(page, 'flag');
    const files = await trainAndExport(page);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['scorer.mjs', 'README.md', 'manifest.json', 'preprocess.json']));
    expect(JSON.parse(new TextDecoder().decode(files['preprocess.json'])).target).toBe('flag');
  });

  test('a panel-shaped JSON keeps each country on one side of the split and goes to an exported bundle', async ({ page }) => {
    await page.goto('./');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'gapminder.json', mimeType: 'application/json', buffer: panelJson() });
    await expect(page.getByText('480 rows × 6 columns')).toBeVisible();
    await toPrepare(page, 'lifeExp');
    const offer = page.getByTestId('group-split-offer');
    await offer.getByRole('checkbox', { name: "Keep each country's rows together (group split)" }).check();
    await expect(page.getByTestId('split-summary')).toContainText('none on both sides');
    const files = await trainAndExport(page);
    const card = new TextDecoder().decode(files['README.md']);
    expect(card).toContain('lifeExp');
    expect(card).toContain('On the rows held out for testing: whole groups of country, 20 % held out');
  });
});
