import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect } from './fixtures';
import { stageLink } from './trust-journey';

/** Opens the shapes fixture (as a zip, through Open dataset) and goes to Train's image section. */
async function openShapesOnTrain(page: Page) {
  await page.goto('./');
  await page.getByLabel('Open dataset').setInputFiles('tests/fixtures/images/shapes.zip');
  await expect(page.getByTestId('dataset-ready')).toBeVisible({ timeout: 60_000 });
  await stageLink(page, 'Train').click();
  const section = page.getByTestId('image-train');
  await expect(section.getByRole('heading', { name: 'Convolutional network (images)' })).toBeVisible();
  return section;
}

/** Trains on `processor`; `patience` bounds the wait for the first epoch and for the evaluation (SwiftShader is slow). */
async function train(page: Page, processor: 'wasm' | 'webgpu', epochs: number, patience = 90_000) {
  const section = await openShapesOnTrain(page);
  await section.getByLabel('Processor').selectOption(processor);
  await section.getByLabel('Epochs').fill(String(epochs));
  await section.getByRole('button', { name: 'Train on the images' }).click();
  // Live curves arrive while it trains.
  await expect(section.getByRole('img', { name: /^Loss by epoch/ })).toBeVisible({ timeout: patience });
  const evaluation = page.getByTestId('image-evaluation');
  await expect(evaluation).toBeVisible({ timeout: patience * 2 });
  return { section, evaluation };
}

test.describe('Convolutional network on images', () => {
  test('trains on WASM, shows the confusion matrix and the surest mistakes, explains a clicked image, and exports a demo page that works offline', async ({ page, browser }) => {
    test.setTimeout(240_000);
    const { evaluation } = await train(page, 'wasm', 8);
    await expect(evaluation).toContainText('WASM was asked for.');
    const accuracy = Number((await evaluation.getByText(/^Accuracy/).textContent())!.match(/Accuracy (\d+) %/)![1]);
    // Three classes: chance is a third.
    expect(accuracy).toBeGreaterThan(60);
    await expect(evaluation.getByRole('table')).toContainText('true ↓ / predicted →');
    const mistakes = evaluation.getByRole('list', { name: 'Most confident mistakes' }).getByRole('button');
    // The seeded run on WASM is the same every time, mistakes included.
    await expect(mistakes.first()).toBeVisible();
    await mistakes.first().click();
    const saliency = page.getByTestId('saliency');
    await expect(saliency.getByText(/Orange: pixels that moved the score/)).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: 'test-results/images-cnn-wasm.png', fullPage: true });

    // The exported demo page classifies a chosen image in a fresh, offline browser context.
    const [file] = await Promise.all([page.waitForEvent('download'), evaluation.getByRole('button', { name: 'Download the model and an offline demo page' }).click()]);
    expect(file.suggestedFilename()).toBe('shapes image model.zip');
    const files = unzipSync(new Uint8Array(readFileSync((await file.path())!)));
    expect(Object.keys(files).sort()).toEqual(['demo.html', 'image-model.json', 'model/model.json', 'model/weights.bin']);
    const offline = await browser.newContext({ offline: true });
    try {
      const demo = await offline.newPage();
      const problems: string[] = [];
      demo.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
      demo.on('request', (r) => void (r.url().startsWith('data:') || problems.push(`request: ${r.url()}`)));
      await demo.setContent(strFromU8(files['demo.html']));
      await demo.getByLabel('Choose an image').setInputFiles('tests/fixtures/images/shapes/circle/000.png');
      await expect(demo.getByRole('row')).toHaveCount(4);
      await expect(demo.getByRole('cell', { name: 'circle', exact: true })).toBeVisible();
      expect(problems).toEqual([]);
    } finally {
      await offline.close();
    }
  });

  test('Pause holds the run and Cancel stops it, keeping nothing', async ({ page }) => {
    const section = await openShapesOnTrain(page);
    await section.getByLabel('Processor').selectOption('wasm');
    await section.getByLabel('Epochs').fill('200');
    await section.getByRole('button', { name: 'Train on the images' }).click();
    await expect(section.getByTestId('image-train-status')).toContainText('Epoch 1', { timeout: 90_000 });
    await section.getByRole('button', { name: 'Pause' }).click();
    await expect(section.getByRole('button', { name: 'Resume' })).toBeVisible();
    await section.getByRole('button', { name: 'Cancel' }).click();
    await expect(section.getByText('Training was cancelled; nothing was kept.')).toBeVisible();
    await expect(page.getByTestId('image-evaluation')).toHaveCount(0);
    await expect(section.getByRole('button', { name: 'Train on the images' })).toBeEnabled();
  });

  test('WebGPU forced (SwiftShader) trains and shows the mistakes gallery', async ({ page }) => {
    test.setTimeout(600_000);
    await page.goto('./');
    const gpu = await page.evaluate(async () => !!(await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));
    test.skip(!gpu, 'This Chromium offers no WebGPU adapter');
    const { evaluation } = await train(page, 'webgpu', 1, 240_000);
    await expect(evaluation).toContainText('WebGPU was asked for');
    await expect(evaluation.getByRole('heading', { name: 'Most confident mistakes' })).toBeVisible();
    await expect(evaluation.getByRole('list', { name: 'Most confident mistakes' }).or(evaluation.getByText('The network got every held-out image right.'))).toBeVisible();
  });
});
