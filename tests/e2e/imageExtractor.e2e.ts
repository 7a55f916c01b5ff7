import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';

/**
 * A user's own feature extractor in the studio: the shapes zip opens with weight-free features; the
 * user chooses a TF.js model's files (tests/fixtures/images/make-extractors.mjs), the images go
 * through it in a worker, its features open as the dataset and train; the weight-free ones are one
 * click back. A model chosen without its weights is refused with the file it needs.
 */
const CODE_WORDS = /\b(undefined|NaN|null)\b|\[object/;
const TINY = 'tests/fixtures/images/tiny-cnn';

test('features from a dropped-in TF.js model open as the dataset, train, and give way to the weight-free ones', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./');
  await page.getByLabel('Open dataset').setInputFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: readFileSync('tests/fixtures/images/shapes.zip') });
  const card = page.getByTestId('image-features');
  await expect(card).toContainText('305 images', { timeout: 90_000 });
  await expect(card).toContainText('weight-free features');
  await card.screenshot({ path: 'test-results/screens/image-extractor-choose-1280.png' });

  // Only model.json: the weights it lists are missing, and nothing else changes.
  await card.getByLabel('Model files').setInputFiles(`${TINY}/model.json`);
  await card.getByRole('button', { name: 'Compute features' }).click();
  await expect(page.getByRole('alert')).toContainText('model.json lists a weights file that was not chosen: weights.bin. Choose it together with model.json.', { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'shapes (image features).csv' })).toBeVisible();

  await card.getByLabel('Model files').setInputFiles([`${TINY}/model.json`, `${TINY}/weights.bin`]);
  await card.getByLabel('Pixels scaled to').selectOption('unit');
  await card.getByRole('button', { name: 'Compute features' }).click();
  await expect(page.getByRole('heading', { name: 'shapes (tiny_cnn features).csv' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  const result = card.getByTestId('extractor-result');
  await expect(result).toContainText('tiny_cnn turned 305 images into 8 features each, reading them at 32 × 32 colour pixels scaled 0 to 1');
  await expect(result).toContainText('Its last layer, "classes", is a classifier\'s softmax, so the features are the layer before it.');
  await expect(card).toContainText('the 8 features that tiny_cnn computes for it');
  await expect(page.getByRole('rowheader', { name: 'feature 8', exact: true })).toBeVisible();
  await expect(card.getByRole('radio', { name: 'tiny_cnn (8 features)' })).toBeChecked();
  expect(await card.innerText()).not.toMatch(CODE_WORDS);
  for (const width of [1400, 400]) {
    await page.setViewportSize({ width, height: 900 });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `test-results/screens/image-extractor-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 860 });

  // Explore still shows the images; Train fits the default model on the extractor's features.
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Explore' }).click();
  await expect(page.getByTestId('images-section')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Train' }).click();
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await train.click();
  await expect(page.getByTestId('evaluation')).toContainText(/accuracy/i, { timeout: 200_000 });

  // Back to the weight-free features, from the keyboard.
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Data' }).click();
  const weightFree = card.getByRole('radio', { name: 'Weight-free (colour, edges, thumbnail)' });
  await weightFree.focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { name: 'shapes (image features).csv' })).toBeVisible({ timeout: 60_000 });
  await expect(weightFree).toBeChecked();
  await expect(page.getByRole('rowheader', { name: 'red bin 1', exact: true })).toBeVisible();
});
