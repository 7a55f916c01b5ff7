import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openSample } from './fixtures';
import { stageLink } from './trust-journey';
import { chartProblems } from './chartChecks';

const samples = JSON.parse(readFileSync('public/samples/index.json', 'utf8')) as { name: string; task: string }[];

/**
 * A seeded regression CSV whose target is mostly noise, so the model's predictions cover a narrow
 * band while the actual values spread wide: the case where an unclipped y = x line ran up the page.
 */
function narrowCsv(rows: number, seed: number): Buffer {
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['a,b,c,y'];
  for (let i = 0; i < rows; i++) {
    const [a, b, c] = [rand(), rand(), rand()];
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${c.toFixed(4)},${(1000 + 0.05 * a + 40 * (rand() - 0.5)).toFixed(3)}`);
  }
  return Buffer.from(lines.join('\n'));
}

async function expectTidyCharts(page: Page, scope: string, atLeast: number) {
  const { checked, problems } = await chartProblems(page, scope);
  expect(problems).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(atLeast);
}

async function exploreAll(page: Page) {
  await stageLink(page, 'Explore').click();
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete', { timeout: 60_000 });
  // Column cards render as they come near the viewport: scroll through them all.
  const cards = page.locator('#columns .when-visible');
  for (let i = 0; i < (await cards.count()); i++) await cards.nth(i).scrollIntoViewIfNeeded();
  await expect(cards.last().locator('.column-card h3')).toBeVisible();
}

async function train(page: Page) {
  await stageLink(page, 'Train').click();
  const button = page.getByRole('button', { name: 'Train', exact: true });
  await expect(button).toBeEnabled({ timeout: 30_000 });
  await button.click();
  await expect(page.getByTestId('evaluation')).toBeVisible({ timeout: 150_000 });
}

async function screenshots(page: Page, name: string) {
  for (const width of [1400, 400]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screens/charts-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

test.describe('Charts stay in their frames, with round ticks', () => {
  test.describe.configure({ timeout: 300_000 });

  for (const sample of samples) {
    test(`${sample.name}: every Explore and evaluation chart`, async ({ page }) => {
      await openSample(page, sample.name);
      await exploreAll(page);
      await expectTidyCharts(page, 'main', 3);
      await screenshots(page, `explore-${sample.name}`);
      await train(page);
      await expectTidyCharts(page, '[data-testid="evaluation"]', 2);
      await expectTidyCharts(page, 'main', 4);
      await screenshots(page, `train-${sample.name}`);
    });
  }

  test('a regression whose predictions cover a narrow range keeps its y = x line inside the chart', async ({ page }) => {
    await page.goto('./');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'narrow.csv', mimeType: 'text/csv', buffer: narrowCsv(600, 11) });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await stageLink(page, 'Train').click();
    await page.getByRole('combobox', { name: 'Target column' }).selectOption('y');
    await train(page);
    const evaluation = page.getByTestId('evaluation');
    await expect(evaluation.getByRole('img', { name: /^Predicted against actual/ })).toBeVisible();
    await expectTidyCharts(page, 'main', 4);
    await evaluation.getByRole('img', { name: /^Predicted against actual/ }).scrollIntoViewIfNeeded();
    await screenshots(page, 'narrow');
  });

  test('the HTML report charts stay in their frames, with round ticks', async ({ page }) => {
    await openSample(page, 'cars');
    await exploreAll(page);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download report (HTML)' }).click();
    const html = readFileSync(await (await download).path(), 'utf8');
    // On about:blank, so the browser asks the app's server for nothing (a favicon) while showing the file.
    await page.goto('about:blank');
    await page.setContent(html);
    await expectTidyCharts(page, 'body', 5);
    await screenshots(page, 'report-cars');
  });
});
