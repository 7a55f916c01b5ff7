import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect } from './fixtures';
import { stageLink } from './trust-journey';
import { chromiumArgs, findChromium } from '../support/browser.mjs';

// Chromium's fake camera (a moving test pattern), granted without a prompt, for the demo page's
// webcam. `test.use` replaces the config's launch options whole, so its browser and flags are repeated.
test.use({ launchOptions: { executablePath: findChromium() ?? undefined, args: [...chromiumArgs({ webgpu: true }), '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] } });

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
    expect(Object.keys(files).sort()).toEqual(['demo.html', 'image-model.json', 'model.onnx', 'model/model.json', 'model/weights.bin', 'scorer.mjs']);
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
      // A page set from memory is not a secure context: the browser keeps the camera from it, and the page says where to open it.
      await demo.getByRole('button', { name: 'Use the webcam' }).click();
      await expect(demo.getByRole('alert')).toContainText('The browser offers the camera only to secure pages. Open demo.html straight from your disk');

      // Opened from disk, as a user opens the download, it classifies webcam frames and lets the camera go on Stop.
      const path = test.info().outputPath('demo.html');
      writeFileSync(path, files['demo.html']);
      const cam = await offline.newPage();
      cam.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
      cam.on('request', (r) => void (r.url() === pathToFileURL(path).href || problems.push(`request: ${r.url()}`)));
      await cam.goto(pathToFileURL(path).href);
      await cam.getByRole('button', { name: 'Use the webcam' }).click();
      await expect(cam.getByRole('status')).toHaveText('The webcam is on. Frames stay in this page.');
      await expect(cam.getByRole('row')).toHaveCount(1);
      await cam.getByRole('button', { name: 'Classify this frame' }).click();
      await expect(cam.getByRole('row')).toHaveCount(4);
      await expect(cam.getByRole('cell', { name: /^\d+ %$/ })).toHaveCount(3);
      await cam.getByLabel('Classify continuously').check();
      const stream = await cam.evaluateHandle(() => document.querySelector('video')!.srcObject as MediaStream);
      expect(await stream.evaluate((s) => s.getTracks().map((t) => t.readyState))).toEqual(['live']);
      await cam.screenshot({ path: 'test-results/images-cnn-webcam.png', fullPage: true });
      await cam.getByRole('button', { name: 'Stop the webcam' }).click();
      expect(await stream.evaluate((s) => s.getTracks().map((t) => t.readyState))).toEqual(['ended']);
      await expect(cam.getByRole('status')).toHaveText('The webcam is off.');
      await expect(cam.getByRole('button', { name: 'Classify this frame' })).toBeHidden();
      await expect(cam.getByRole('button', { name: 'Use the webcam' })).toBeEnabled();
      // A refused permission and a machine without a camera each get their own remedy.
      for (const [name, text] of [['NotAllowedError', 'The camera was not allowed. Allow this page to use it'], ['NotFoundError', 'No camera was found. Connect one']]) {
        const refused = await offline.newPage();
        await refused.addInitScript((error) => void (navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused', error))), name);
        await refused.goto(pathToFileURL(path).href);
        await refused.getByRole('button', { name: 'Use the webcam' }).click();
        await expect(refused.getByRole('alert')).toContainText(text);
        await refused.close();
      }
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
