import type { Locator, Page } from '@playwright/test';
import { test, expect, chooseModel } from './fixtures';

/**
 * Explanations beyond trees: a logistic regression and an MLP on bundled samples each show
 * permutation importance, partial dependence charts with ICE lines and one row's contributions
 * (exact for the logistic regression, estimated with ± errors for the MLP), fitting at 1,400 and
 * 400 px. Screenshots go to /tmp/explain-*.png.
 */
const trainButton = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
const latestRun = (page: Page) => page.locator('.runs tbody tr').first();
const CODE_WORDS = /\b(treeshap|undefined|NaN|null)\b|\[object/;

async function expectFits(page: Page, box: Locator) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
  const spills = await box.evaluate((el) => {
    const right = el.getBoundingClientRect().right + 1;
    return [...el.querySelectorAll('svg, table, select, figure')].filter((c) => c.getBoundingClientRect().right > right).map((c) => `${c.tagName.toLowerCase()} ends at ${Math.round(c.getBoundingClientRect().right)} px`);
  });
  expect(spills).toEqual([]);
}

test.describe('Explanations for every model kind', () => {
  test.describe.configure({ timeout: 240_000 });

  for (const { sample, model, exact } of [
    { sample: 'breast-cancer', model: 'Logistic regression', exact: true },
    { sample: 'penguins', model: 'Neural network (MLP)', exact: false },
  ]) {
    test(`${model} on ${sample}: importance, partial dependence and a row's contributions`, async ({ page }) => {
      await page.goto(`./?sample=${sample}#train`);
      await expect(trainButton(page)).toBeEnabled({ timeout: 30_000 });
      await chooseModel(page, model);
      await trainButton(page).click();
      await expect(latestRun(page)).toContainText('completed', { timeout: 180_000 });

      const explanation = page.getByTestId('evaluation').getByTestId('explanation');
      await expect(explanation.getByRole('heading', { name: 'What drives the predictions' })).toBeVisible();
      const importance = explanation.getByRole('region', { name: /^Shuffling one input column at a time on [\d,]+ test rows/ });
      expect(await importance.getByRole('row').count()).toBeGreaterThan(3);
      await expect(importance.getByRole('row').nth(1)).toContainText(/± [\d.]+/);

      // Partial dependence: up to five charts, each named by what it shows.
      await expect(explanation.getByRole('heading', { name: 'How the top columns move the prediction' })).toBeVisible();
      const charts = explanation.getByTestId('dependence').getByRole('img');
      expect(await charts.count()).toBeGreaterThan(1);
      expect(await charts.count()).toBeLessThanOrEqual(5);
      await expect(charts.first()).toHaveAccessibleName(/^The probability of “[^”]+” (rises|falls|moves|barely|is highest).*Bold: the average over [\d,]+ test rows; faint: [\d,]+ single rows\.$/);

      // One row's contributions, exact or estimated.
      const picker = explanation.getByRole('combobox', { name: 'Test row' });
      const labels = await picker.getByRole('option').allTextContents();
      expect(labels[0]).toMatch(/^Row [\d,]+ — largest error$/);
      await picker.selectOption({ label: labels.at(-1)! });
      const why = explanation.getByRole('region', { name: /: starting from the average/ });
      await expect(why.getByRole('row', { name: /^This row’s score/ })).toBeVisible();
      const method = explanation.getByTestId('contribution-method');
      if (exact) {
        await expect(method).toContainText(/^Exact\. Each column's coefficients × \(this row's value − its mean over [\d,]+ test rows\)/);
        await expect(why).toContainText(/probability of [\d.]+ %/);
      } else {
        await expect(method).toContainText(/^Estimated\. Shapley values sampled from [\d,]+ random orders of the columns against [\d,]+ sampled test rows/);
        await expect(why.getByRole('row').nth(2)).toContainText(/± [\d.]+/);
      }
      expect(await page.locator('main').innerText()).not.toMatch(CODE_WORDS);

      for (const width of [1400, 400]) {
        await page.setViewportSize({ width, height: 900 });
        await explanation.scrollIntoViewIfNeeded();
        await expectFits(page, explanation);
        await explanation.screenshot({ path: `/tmp/explain-${sample}-${width}.png`, style: '.topbar { position: static !important; }' });
      }
    });
  }
});
