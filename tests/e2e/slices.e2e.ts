import type { Page } from '@playwright/test';
import { test, expect, chooseModel } from './fixtures';

/**
 * Error analysis in the evaluation: after training on a sample, "Where the model is weakest" lists
 * the weakest slices of the held-out rows with their row counts, opens to every slice from the
 * keyboard, and fits the page at 1,400 and 400 px (screenshots in /tmp/slices-*.png).
 */
const trainButton = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });

test.describe('Metrics by slice', () => {
  test.describe.configure({ timeout: 180_000 });

  test('seattle-weather: the evaluation shows the weakest slices with their row counts', async ({ page }) => {
    await page.goto('./?sample=seattle-weather#train');
    await expect(trainButton(page)).toBeEnabled({ timeout: 30_000 });
    await chooseModel(page, 'Logistic regression');
    await trainButton(page).click();
    await expect(page.locator('.runs tbody tr').first()).toContainText('completed', { timeout: 150_000 });

    const slices = page.getByTestId('evaluation').getByTestId('slice-metrics');
    await expect(slices.getByRole('heading', { name: 'Where the model is weakest' })).toBeVisible();
    await expect(slices).toContainText(/on slices of the [\d,]+ held-out rows/);
    await expect(slices).toContainText('Ranked by how much worse than overall the log loss is');
    const table = slices.getByRole('region', { name: 'Slices, weakest first' });
    await expect(table.getByRole('columnheader', { name: 'Rows' })).toBeVisible();
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(9);
    // The first slice: a column and its value or range, a row count, the log loss and how it compares.
    const first = rows.nth(1);
    await expect(first.getByRole('rowheader')).toHaveText(/^(date|precipitation|temp_max|temp_min|wind) \S/);
    await expect(first.getByRole('cell').first()).toHaveText(/^\d[\d,]*( few rows)?$/);
    await expect(first).toContainText(/(worse|better|as overall)/);
    expect(await slices.innerText()).not.toMatch(/\b(NaN|undefined|null|worseBy|rocAuc|logLoss)\b/);

    // Every slice, from the keyboard: the button says how many, and folds back.
    const more = slices.getByRole('button', { name: /^Show all [\d,]+ slices/ });
    const total = Number((await more.textContent())!.match(/Show all ([\d,]+)/)![1].replace(/,/g, ''));
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(total + 1);
    await expect(slices.getByRole('button', { name: 'Show the weakest 8' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(9);

    // The narrow picture shows every slice, the small ones marked.
    for (const width of [1400, 400]) {
      await page.setViewportSize({ width, height: 900 });
      if (width === 400) await more.click();
      await slices.scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
      const box = await slices.evaluate((el) => el.getBoundingClientRect().right);
      const tableBox = await slices.locator('.table-box').evaluate((el) => ({ right: el.getBoundingClientRect().right, scrolls: el.scrollWidth > el.clientWidth + 1 }));
      expect(tableBox.right).toBeLessThanOrEqual(box + 1);
      if (width === 1400) expect(tableBox.scrolls).toBe(false);
      await slices.screenshot({ path: `/tmp/slices-${width}.png`, style: '.topbar { position: static !important; }' });
    }
  });
});
