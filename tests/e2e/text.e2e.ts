import { readFileSync } from 'node:fs';
import { test, expect, chooseModel } from './fixtures';

/**
 * Free text in the studio: the labelled review fixture (tests/fixtures/text/make-reviews.mjs) opens with its
 * review column read as text; Explore shows the text summary and ranks words against the target, with the
 * rows behind one; Prepare proposes the text step; a logistic regression trains on the words and its
 * explanation names them.
 */
const CODE_WORDS = /\b(undefined|NaN|null)\b|\[object/;

test('text column: explore its words, rank them against the target, train and explain', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  await page.getByLabel('Open dataset').setInputFiles({ name: 'reviews.csv', mimeType: 'text/csv', buffer: readFileSync('tests/fixtures/text/reviews.csv') });
  await expect(page.getByTestId('dataset-ready')).toBeVisible({ timeout: 30_000 });

  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Explore' }).click();
  // By role: 'Target' alone also names the report's "Association with target" setting once it renders.
  await page.getByRole('combobox', { name: /^Target/ }).selectOption('label');
  const card = page.locator('article.column-card', { has: page.getByRole('heading', { name: 'review', exact: true }) });
  await card.scrollIntoViewIfNeeded();
  await expect(card.locator('.type-badge')).toHaveText('text');
  const summary = card.getByTestId('text-summary');
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary.getByRole('table', { name: 'review: languages' })).toContainText('English');
  await expect(summary.getByRole('table', { name: 'review: languages' })).toContainText('French');
  await expect(summary.getByRole('table', { name: 'review: words' })).toContainText('Near-duplicates');
  await expect(summary.getByRole('img', { name: /Most common stop words in review/ })).toBeVisible();
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete', { timeout: 60_000 });
  await expect(page.locator('main')).toContainText('looks like it holds personal data');

  const explorer = page.getByTestId('ngram-explorer');
  await explorer.scrollIntoViewIfNeeded();
  await explorer.getByLabel('Class').selectOption('positive');
  await explorer.getByRole('button', { name: 'Rank words and sequences' }).click();
  const lower = explorer.getByRole('table', { name: 'Lower it most' });
  await expect(lower.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  const praise = explorer.getByRole('table', { name: 'Raise it most' }).getByRole('button');
  expect((await praise.allTextContents()).join(' ')).toMatch(/perfectly|sturdy|excellent|love|recommend/);
  await explorer.getByRole('button', { name: 'flimsy', exact: true }).click();
  const rows = explorer.getByTestId('ngram-rows');
  await expect(rows).toContainText(/“flimsy” is in [\d,]+ rows/);
  await expect(rows.getByRole('row').nth(1)).toContainText('flimsy');
  await page.screenshot({ path: 'test-results/screens/text-explore.png', fullPage: true });

  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Prepare' }).click();
  await expect(page.getByRole('heading', { name: /Words into numbers/ })).toBeVisible({ timeout: 30_000 });

  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Train' }).click();
  await chooseModel(page, 'Logistic regression');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.runs tbody tr').first()).toContainText('completed', { timeout: 180_000 });
  const explanation = page.getByTestId('evaluation').getByTestId('explanation');
  const importance = explanation.getByRole('region', { name: /^Shuffling one input column at a time on [\d,]+ test rows/ });
  await expect(importance).toContainText(/review:(flimsy|excellent|love|broken|terrible|stopped|sturdy|refund)/);
  const why = explanation.getByRole('region', { name: /: starting from the average/ });
  await expect(why).toContainText(/review:\p{L}+/u);
  expect(await page.locator('main').innerText()).not.toMatch(CODE_WORDS);
});
