import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { stageLink } from './trust-journey';

test.describe('Real files', () => {
  test.describe.configure({ timeout: 120_000 });

  test('a ZSTD Parquet file written by DuckDB (Polars’ default codec) opens with its rows and columns', async ({ page }) => {
    await page.goto('./');
    const buffer = readFileSync('tests/fixtures/table/codec-zstd.parquet');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'flights-zstd.parquet', mimeType: 'application/octet-stream', buffer });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await expect(page.getByText('200 rows × 6 columns')).toBeVisible();
    await expect(page.getByRole('gridcell', { name: 'LAX' }).first()).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a gzip-compressed CSV opens as the CSV inside, named without .gz', async ({ page }) => {
    const { gzipSync, strToU8 } = await import('fflate');
    const csv = 'day,tip,smoker\n' + Array.from({ length: 300 }, (_, i) => `${['Thu', 'Fri', 'Sat'][i % 3]},${(1 + (i % 9) / 4).toFixed(2)},${i % 2 ? 'Yes' : 'No'}`).join('\n') + '\n';
    await page.goto('./');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'tips.csv.gz', mimeType: 'application/gzip', buffer: Buffer.from(gzipSync(strToU8(csv))) });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await expect(page.getByText('300 rows × 3 columns')).toBeVisible();
    await expect(page.getByRole('gridcell', { name: 'Fri' }).first()).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a table whose only input is free text trains on its words; one no model can learn from says why', async ({ page }) => {
    const rows = Array.from({ length: 60 }, (_, i) => `"a small library for ${['parsing', 'plots', 'http'][i % 3]} number ${i}",${['text', 'graphics', 'web'][i % 3]}`);
    await page.goto('./');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'packages.csv', mimeType: 'text/csv', buffer: Buffer.from(`description,section\n${rows.join('\n')}\n`) });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await stageLink(page, 'Prepare').click();
    await page.getByRole('combobox', { name: 'Target column' }).selectOption('section');
    await stageLink(page, 'Train').click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByTestId('explanation')).toContainText('description:', { timeout: 60_000 });

    const units = Array.from({ length: 60 }, (_, i) => `kg,${['a', 'b'][i % 2]}`);
    await stageLink(page, 'Data').click();
    await page.getByLabel('Open another dataset').setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(`unit,section\n${units.join('\n')}\n`) });
    await expect(page.getByText('60 rows × 2 columns')).toBeVisible();
    await stageLink(page, 'Prepare').click();
    await page.getByRole('combobox', { name: 'Target column' }).selectOption('section');
    await stageLink(page, 'Train').click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'No usable input columns' });
    await expect(alert).toBeVisible({ timeout: 60_000 });
    await expect(alert).toContainText("'unit' holds the same value in every row, which this recipe drops. Add a column the model can learn from");
    await expect(alert).not.toContainText(/SymbolicTensor|apply\(\)/);
  });
});
