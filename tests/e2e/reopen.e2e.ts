/**
 * Issue 17: reopen past datasets. A file the user chose to keep reopens from Models → Datasets
 * after a fresh page load; one not kept is reopened by choosing the file again, and a different
 * file is refused with both fingerprints named.
 */
import { test, expect, interactionCsv } from './fixtures';

test('a kept dataset reopens from the Datasets list; a different file is refused by fingerprint', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  await page.getByLabel('Open dataset').setInputFiles({ name: 'kept.csv', mimeType: 'text/csv', buffer: interactionCsv(600, 3) });
  await expect(page.getByTestId('dataset-ready')).toBeVisible();
  // A type the user set is part of how the kept copy reopens.
  await page.getByRole('combobox', { name: 'Type of column cat' }).selectOption('identifier');
  await expect(page.getByRole('combobox', { name: 'Type of column cat' })).toHaveValue('identifier', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: /^Keep a copy in this browser/ })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Keep a copy in this browser/ }).click();
  await expect(page.getByTestId('keep-copy')).toContainText('A copy is kept in this browser');

  // Training stores the dataset's record (name, fingerprint) in the registry.
  const nav = page.getByRole('navigation', { name: 'Stages' });
  await nav.getByRole('link', { name: 'Train' }).click();
  await page.getByRole('combobox', { name: 'Target column' }).selectOption('y');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('evaluation')).toContainText('Evaluation:', { timeout: 120_000 });

  await page.goto('./');
  await nav.getByRole('link', { name: 'Models' }).click();
  await page.getByRole('tab', { name: 'Datasets' }).click();
  await page.getByRole('button', { name: 'Reopen kept.csv' }).click();
  await expect(page.getByTestId('dataset-ready')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'kept.csv' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Type of column cat' })).toHaveValue('identifier');

  // Without the copy, the list asks for the file and checks its bytes.
  await nav.getByRole('link', { name: 'Models' }).click();
  await page.getByRole('tab', { name: 'Datasets' }).click();
  await page.getByRole('button', { name: 'Forget the copy' }).click();
  const choose = page.getByLabel(/^Choose kept\.csv/);
  await choose.setInputFiles({ name: 'kept.csv', mimeType: 'text/csv', buffer: interactionCsv(600, 4) });
  await expect(page.getByText(/is not the one kept\.csv was made from/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/reopen-refused.png', fullPage: true });
  await choose.setInputFiles({ name: 'kept.csv', mimeType: 'text/csv', buffer: interactionCsv(600, 3) });
  await expect(page.getByTestId('dataset-ready')).toBeVisible();
});
