import { readFileSync } from 'node:fs';
import { test, expect, openSample } from './fixtures';

const samples = JSON.parse(readFileSync('public/samples/index.json', 'utf8')) as { name: string; title: string; rows: number }[];

test.describe('Data stage', () => {
  test('the start screen offers Open dataset, drag-and-drop, samples, and stages that explain what they need', async ({ page }) => {
    await page.goto('./');
    await expect(page).toHaveTitle('Modelbench');
    await expect(page.getByLabel('Open dataset')).toBeAttached();
    await expect(page.getByText('drop a file or folder anywhere')).toBeVisible();
    for (const sample of samples) await expect(page.getByRole('button', { name: `Open sample ${sample.title}` })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Stages' });
    for (const stage of ['Data', 'Explore', 'Prepare', 'Train', 'Models', 'Deploy']) await expect(nav.getByRole('link', { name: stage })).toBeVisible();
    await nav.getByRole('link', { name: 'Train' }).click();
    await expect(page.getByRole('heading', { name: 'Train' })).toBeVisible();
    await expect(page.getByText('Open a dataset or a bundled sample first')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/start.png', fullPage: true });
  });

  for (const sample of samples) {
    test(`?sample=${sample.name} opens the sample`, async ({ page }) => {
      await openSample(page, sample.name);
      await expect(page.getByRole('heading', { name: sample.title })).toBeVisible();
      await expect(page.getByText(`${sample.rows.toLocaleString('en')} rows ×`)).toBeVisible();
      await expect(page.getByRole('grid')).toBeVisible();
      await page.screenshot({ path: `test-results/screens/sample-${sample.name}.png` });
    });
  }

  test('an unknown sample name lists the ones that exist', async ({ page }) => {
    await page.goto('./?sample=nope');
    await expect(page.getByRole('alert')).toContainText('penguins');
  });

  test('a file opened through Open dataset is typed, previewed and can be re-typed', async ({ page }) => {
    await page.goto('./');
    const csv = ['id;when;amount;ok;city', '1;2024-01-05;3,5;yes;Paris', '2;2024-02-05;4;no;Lyon', '3;2024-03-05;NA;yes;Paris'].join('\n');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'mini.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.replaceAll(',', '.')) });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await expect(page.getByText('3 rows × 5 columns')).toBeVisible();
    await expect(page.getByLabel('Type of column when')).toHaveValue('datetime');
    await expect(page.getByLabel('Type of column amount')).toHaveValue('float');
    await expect(page.getByLabel('Type of column ok')).toHaveValue('boolean');
    await expect(page.getByLabel('Type of column city')).toHaveValue('categorical');
    await expect(page.getByRole('gridcell', { name: 'Lyon' })).toBeVisible();

    await page.getByLabel('Type of column id').selectOption('categorical');
    await expect(page.getByLabel('Type of column id')).toHaveValue('categorical');
    await expect(page.getByText('3 rows × 5 columns')).toBeVisible();
  });

  test('a file dropped anywhere on the page opens', async ({ page }) => {
    await page.goto('./');
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['a,b\n1,x\n2,y\n'], 'dropped.csv', { type: 'text/csv' }));
      return dt;
    });
    await page.dispatchEvent('body', 'dragenter', { dataTransfer });
    await expect(page.getByText('Drop the file (or a folder of images) to open it')).toBeVisible();
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    await expect(page.getByRole('heading', { name: 'dropped.csv' })).toBeVisible();
    await expect(page.getByText('2 rows × 2 columns')).toBeVisible();
  });

  test('ragged rows and repaired headers are reported as warnings', async ({ page }) => {
    await page.goto('./');
    const csv = 'a,,a\n1,2,3\n4,5\n6,7,8,9\n';
    await page.getByLabel('Open dataset').setInputFiles({ name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    const warnings = page.getByText(/Ingest warnings/);
    await expect(warnings).toBeVisible();
    await expect(page.locator('.warnings')).toContainText('col_2');
    await expect(page.locator('.warnings')).toContainText('a_2');
    await expect(page.locator('.warnings')).toContainText(/3/);
  });
});
