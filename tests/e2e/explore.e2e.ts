import { readFileSync } from 'node:fs';
import { test, expect, openSample } from './fixtures';

const samples = JSON.parse(readFileSync('public/samples/index.json', 'utf8')) as { name: string; title: string; target: string }[];

async function openReport(page: import('@playwright/test').Page, sample: string) {
  await openSample(page, sample);
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Explore' }).click();
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete', { timeout: 60_000 });
}

test.describe('Explore', () => {
  for (const sample of samples) {
    test(`${sample.name}: the report is complete, with every section`, async ({ page }) => {
      await openReport(page, sample.name);
      for (const heading of ['Overview', 'Alerts', 'Columns', 'Correlations', 'Missing values', 'Chart builder']) {
        await expect(page.getByRole('heading', { name: new RegExp(`^${heading}`) }).first()).toBeVisible();
      }
      await expect(page.getByRole('heading', { name: `Target: ${sample.target}` })).toBeVisible();
      await expect(page.getByRole('heading', { name: `Features ranked by association with ${sample.target}` })).toBeVisible();
      // Every column has a card; cards render as they come near the viewport.
      const cards = page.locator('#columns .when-visible');
      expect(await cards.count()).toBeGreaterThan(3);
      await cards.last().scrollIntoViewIfNeeded();
      await expect(cards.last().locator('.column-card h3')).toBeVisible();
      await page.screenshot({ path: `test-results/screens/explore-${sample.name}.png`, fullPage: true });
    });
  }

  test('a correlation cell opens the pair chart, and the chart builder draws', async ({ page }) => {
    await openReport(page, 'penguins');
    await page.locator('#correlations .cell').nth(1).click();
    // First the pair's heading (the click chose a pair), then its chart (the worker drew it): a failure says which step stopped.
    await expect(page.locator('.pair-chart h3')).toContainText(' × ');
    await expect(page.locator('.pair-chart figcaption')).toContainText(/Scatter plot of/);
    await page.getByRole('combobox', { name: 'Chart' }).selectOption('box');
    await page.getByRole('combobox', { name: 'x' }).selectOption('Species');
    await page.getByRole('combobox', { name: 'y', exact: true }).selectOption('Body Mass (g)');
    await page.getByRole('button', { name: 'Draw chart' }).click();
    await expect(page.locator('#chart-builder figcaption')).toContainText('Box plots of Body Mass (g) for 3 groups of Species');
  });

  test('thresholds are editable and re-check the alerts', async ({ page }) => {
    await openReport(page, 'penguins');
    const missingAlerts = page.locator('#alerts .alert', { hasText: 'missing' });
    await expect(missingAlerts).toHaveCount(1); // Sex: 2.9 % missing; others 0.58 %
    await page.getByText('Alert settings').click();
    await page.getByLabel('Missing cells above (%)').fill('0.5');
    await page.getByRole('button', { name: 'Apply thresholds' }).click();
    await expect(missingAlerts).toHaveCount(5);
  });

  test('the HTML report downloads, opens offline in a fresh page and shows every section; the JSON follows the contract', async ({ page, browser }) => {
    await openReport(page, 'seattle-weather');
    const [htmlDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report (HTML)' }).click()]);
    const html = readFileSync((await htmlDownload.path())!, 'utf8');
    expect(html.length).toBeLessThan(5 * 1024 * 1024);
    expect(html).not.toMatch(/<script|\bsrc=|<link|@import|url\(/i);

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report (JSON)' }).click()]);
    const report = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8'));
    expect(report.schemaVersion).toBe(1);
    expect(report.dataset).toMatchObject({ rows: 1461, columns: 6 });
    expect(report.columns.map((c: { name: string }) => c.name)).toEqual(['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather']);
    expect(Object.keys(report.columns[1].quantiles)).toEqual(['0.01', '0.05', '0.25', '0.5', '0.75', '0.95', '0.99']);
    expect(report.target.name).toBe('weather');
    expect(report.meta.timingsMs.profile).toBeGreaterThan(0);

    const context = await browser.newContext({ offline: true });
    const fresh = await context.newPage();
    const requests: string[] = [];
    fresh.on('request', (r) => requests.push(r.url()));
    await fresh.setContent(html);
    for (const section of ['Overview', 'Alerts', 'Correlations', 'Missing']) await expect(fresh.getByRole('heading', { name: new RegExp(section) }).first()).toBeVisible();
    expect(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
    await context.close();
  });

  test('hostile column names and values run no script in the studio or in the exported report', async ({ page, browser }) => {
    await page.goto('./');
    const csv = [
      '"<script>window.__pwned=1</script>","<img src=x onerror=""window.__pwned=2"">","say ""hi"""',
      '"<script>window.__pwned=3</script>","<img src=x onerror=""window.__pwned=4"">","a ""quoted"" value"',
      '"<b>bold</b>","<svg onload=""window.__pwned=5"">","]]>&amp;"',
      '1,2,3',
    ].join('\n');
    await page.getByLabel('Open dataset').setInputFiles({ name: '<img src=x onerror=alert(1)>.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Explore' }).click();
    await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete');
    await expect(page.getByRole('heading', { name: '<script>window.__pwned=1</script>' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report (HTML)' }).click()]);
    const html = readFileSync((await download.path())!, 'utf8');
    const context = await browser.newContext({ offline: true });
    const fresh = await context.newPage();
    const dialogs: string[] = [];
    fresh.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await fresh.setContent(html);
    await expect(fresh.getByText('<script>window.__pwned=1</script>').first()).toBeVisible();
    expect(await fresh.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
