import { test, expect, chooseModel } from './fixtures';

test.describe('Links that reproduce', () => {
  test.describe.configure({ timeout: 300_000 });

  test('a link copied in one browser context reproduces identical metrics in a fresh one', async ({ page, browser }) => {
    await page.goto('./?sample=penguins#train');
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
    // A network on WASM: the link carries the backend too (trees, the default, have none to carry).
    await chooseModel(page, 'Neural network (MLP)');
    await page.getByLabel('Backend').selectOption('wasm');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const evaluation = page.getByTestId('evaluation');
    await expect(evaluation).toBeVisible({ timeout: 150_000 });
    const metrics = (await evaluation.getByRole('table').first().textContent())!;
    const link = await page.getByTestId('experiment-link').inputValue();
    expect(link).toContain('sample=penguins');
    expect(link).toContain('exp=');

    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(link);
    const again = fresh.getByTestId('evaluation');
    await expect(again).toBeVisible({ timeout: 150_000 });
    expect((await again.getByRole('table').first().textContent())!).toBe(metrics);
    await context.close();
  });

  test('a link for a file of your own carries no data and asks for the file', async ({ page }) => {
    const csv = 'x,y,label\n' + Array.from({ length: 60 }, (_, i) => `${i % 7},${(i * 3) % 11},${i % 2 ? 'a' : 'b'}`).join('\n') + '\n';
    await page.goto('./');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Prepare' }).click();
    await page.getByLabel('Target column').first().selectOption('label');
    await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Train' }).click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByTestId('evaluation')).toBeVisible({ timeout: 150_000 });
    const link = await page.getByTestId('experiment-link').inputValue();
    expect(link).not.toContain('sample=');
    // The data never travels: no cell value of the file is in the link.
    const decoded = Buffer.from(new URL(link).searchParams.get('exp')!.replaceAll('-', '+').replaceAll('_', '/'), 'base64').toString();
    expect(decoded).toContain('"fileName":"mine.csv"');
    expect(decoded).not.toContain('0,0,b');

    await page.goto(link);
    await expect(page.getByRole('status').filter({ hasText: 'The link carries no data' })).toBeVisible();
    await page.getByLabel('Open dataset').setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('evaluation')).toBeVisible({ timeout: 150_000 });
  });
});
