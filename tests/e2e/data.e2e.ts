import { readFileSync } from 'node:fs';
import { test, expect, interactionCsv, openSample } from './fixtures';

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

  test.describe('while a column type change is applied', () => {
    // The route below must see the workers' script requests, which a service worker would answer from its cache.
    test.use({ serviceWorkers: 'block' });

    test('Train waits for a column type change, so a run never uses the types from before it', async ({ page }) => {
      // The re-read's worker is served with one line added that holds its answer until the test lets it
      // go, so the change is still being applied while the Train stage is checked, however fast it is.
      const hold = "{ const post = self.postMessage.bind(self); const held = []; self.postMessage = (...a) => void held.push(a); self.release = () => { self.postMessage = post; for (const a of held) post(...a); }; }";
      let holdNext = false;
      await page.route(/\/ingest-[^/]*\.js(\?.*)?$/, async (route) => {
        const response = await route.fetch();
        if (!holdNext) return route.fulfill({ response });
        holdNext = false;
        await route.fulfill({ response, body: `${hold}\n${await response.text()}` });
      });
      await page.goto('./');
      await page.getByLabel('Open dataset').setInputFiles({ name: 'types.csv', mimeType: 'text/csv', buffer: interactionCsv(600, 3) });
      await expect(page.getByTestId('dataset-ready')).toBeVisible();
      const nav = page.getByRole('navigation', { name: 'Stages' });
      await nav.getByRole('link', { name: 'Train' }).click();
      await page.getByRole('combobox', { name: 'Target column' }).selectOption('y');
      const trainButton = page.getByRole('button', { name: 'Train', exact: true });
      await expect(trainButton).toBeEnabled({ timeout: 30_000 });

      await nav.getByRole('link', { name: 'Data' }).click();
      holdNext = true;
      const reader = page.waitForEvent('worker', { predicate: (w) => w.url().includes('/ingest-') });
      await page.getByLabel('Type of column cat').selectOption('identifier');
      const worker = await reader;
      await expect(page.getByTestId('load-status')).toContainText('Re-typing types.csv');
      await nav.getByRole('link', { name: 'Train' }).click();
      await expect(page.getByText('Applying the column type change to types.csv; Train is available once it is done.')).toBeVisible();
      await expect(trainButton).toBeDisabled();
      await page.getByText('Search', { exact: true }).click();
      await expect(page.getByRole('button', { name: 'Start search' })).toBeDisabled();
      await page.screenshot({ path: 'test-results/screens/train-waits-for-retype.png' });

      await worker.evaluate(() => (self as unknown as { release(): void }).release());
      await expect(page.getByTestId('load-status')).toHaveCount(0, { timeout: 30_000 });
      await expect(trainButton).toBeEnabled({ timeout: 30_000 });
      await nav.getByRole('link', { name: 'Data' }).click();
      await expect(page.getByLabel('Type of column cat')).toHaveValue('identifier');
    });
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
