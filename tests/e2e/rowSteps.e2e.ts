import { test, expect } from './fixtures';

/** Prepare's row filter: added from the step list, applied to training and testing, reported in the evaluation. */
test('a "Keep rows where…" step trains on the kept rows and the evaluation says how many it left out', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./?sample=cars#prepare');
  await expect(page.getByRole('heading', { name: /^Recipe steps/ })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Add a step').selectOption({ label: 'Keep rows where…' });
  await page.getByRole('button', { name: 'Add step', exact: true }).click();
  const card = page.locator('.step-card').last();
  await expect(card.getByRole('heading', { name: /Keep rows where/ })).toBeVisible();
  await card.getByLabel('Column').selectOption('Horsepower');
  await card.getByLabel('Condition').selectOption({ label: '>' });
  await card.getByLabel('Value').fill('100');
  await card.getByLabel('Value').press('Tab');
  await expect(page.locator('details', { hasText: 'Show the current recipe' }).locator('pre')).toContainText('"value": 100');
  await page.getByRole('button', { name: 'Continue to Train' }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation).toBeVisible({ timeout: 150_000 });
  await expect(evaluation).toContainText(/the recipe's row steps left out [\d,]+ rows/);
  await expect(page.getByTestId('baseline-verdict')).toContainText('the baseline');
  await page.screenshot({ path: 'test-results/screens/row-filter.png', fullPage: true });
});
