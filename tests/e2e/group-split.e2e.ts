import { test, expect } from './fixtures';
import { stageLink } from './trust-journey';

/** A gapminder-like panel: 60 countries × 12 years. */
function panelCsv(): Buffer {
  const lines = ['country,continent,year,pop,lifeExp'];
  for (let c = 0; c < 60; c++) for (let y = 0; y < 12; y++) lines.push(`Country ${c},${['Africa', 'Asia', 'Europe'][c % 3]},${1952 + 5 * y},${1_000_000 + c * 7919 + y * 104_729},${40 + (c % 25) + 1.5 * y}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

test.describe('Prepare: group split', () => {
  test('offers to keep each country together on panel data and counts the groups on each side', async ({ page }) => {
    await page.goto('./');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'panel.csv', mimeType: 'text/csv', buffer: panelCsv() });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await stageLink(page, 'Prepare').click();
    await page.getByRole('combobox', { name: 'Target column' }).selectOption('lifeExp');
    const offer = page.getByTestId('group-split-offer');
    await expect(offer).toContainText('Each of the 60 country values has about 12 rows, one per year');
    const summary = page.getByTestId('split-summary');
    await expect(summary).toHaveText('576 rows for training, 144 for testing (20 %).');
    await offer.getByRole('checkbox', { name: "Keep each country's rows together (group split)" }).check();
    await expect(page.getByRole('combobox', { name: 'Split' })).toHaveValue('group');
    await expect(page.getByRole('combobox', { name: 'Group column' })).toHaveValue('country');
    await expect(summary).toHaveText('576 rows for training, 144 for testing (20 %); 48 country values in training and 12 in testing, none on both sides.');
    await offer.getByRole('checkbox').uncheck();
    await expect(page.getByRole('combobox', { name: 'Split' })).toHaveValue('random');
    await expect(summary).toHaveText('576 rows for training, 144 for testing (20 %).');
  });
});

test.describe('Prepare: time split', () => {
  test('offers to test on the latest days of a daily file, and the split follows the checkbox', async ({ page }) => {
    await page.goto('./?sample=seattle-weather');
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await stageLink(page, 'Prepare').click();
    await page.getByRole('combobox', { name: 'Target column' }).selectOption('weather');
    const offer = page.getByTestId('time-split-offer');
    await expect(offer).toContainText('"date" runs from 2012-01-01 to 2015-12-31. If the model will predict rows later than the ones it learns from, test it on the latest rows');
    await expect(page.getByTestId('group-split-offer')).toHaveCount(0);
    await offer.getByRole('checkbox', { name: 'Test on the latest rows by date (time split)' }).check();
    await expect(page.getByRole('combobox', { name: 'Split' })).toHaveValue('time');
    await expect(page.getByRole('combobox', { name: 'Time column' })).toHaveValue('date');
    await expect(page.getByTestId('split-summary')).toHaveText(/^1,169 rows for training, 292 for testing \(20 %\)/);
    await offer.getByRole('checkbox').uncheck();
    await expect(page.getByRole('combobox', { name: 'Split' })).toHaveValue('stratified');
  });
});
