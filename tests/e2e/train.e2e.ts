import type { Page } from '@playwright/test';
import { test, expect, chooseModel, interactionCsv } from './fixtures';
import { stageLink } from './trust-journey';

async function openTrain(page: Page, sample: string) {
  await page.goto(`./?sample=${sample}#train`);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
}

async function trainAndEvaluate(page: Page) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('training-live')).toBeVisible();
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation).toBeVisible({ timeout: 150_000 });
  return evaluation;
}

test.describe('Train', () => {
  test.describe.configure({ timeout: 240_000 });

  // Train with defaults on every sample (the default is gradient-boosted trees), with live rounds and
  // the task's full evaluation, is one journey in tests/e2e/trees.e2e.ts.

  test('Cancel stops a run at once and the studio trains again afterwards', async ({ page }) => {
    await openTrain(page, 'cars');
    // A network (hundreds of epochs) is still running when Cancel is pressed; a forest is cancelled in trees.e2e.ts.
    await chooseModel(page, 'Neural network (MLP)');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByTestId('training-live')).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('training-live')).toBeHidden({ timeout: 5_000 });
    await expect(page.getByRole('row', { name: /cancelled/ })).toBeVisible();
    await trainAndEvaluate(page);
  });

  test('a search ranks every kind on the validation rows, and its best trial trains as a run with an evaluation', async ({ page }) => {
    await openTrain(page, 'penguins');
    await page.getByText('Search', { exact: true }).click();
    // Every kind but the baseline is searched by default, as the CLI's --model auto does.
    for (const kind of ['Logistic regression', 'Neural network (MLP)', 'Gradient-boosted trees', 'Random forest']) await expect(page.getByLabel(kind, { exact: true })).toBeChecked();
    // The first trial of each kind uses its default settings, so four trials try each kind once.
    await page.getByLabel('Trials').fill('4');
    await page.getByRole('button', { name: 'Start search' }).click();
    const best = page.getByRole('button', { name: 'Train the best' });
    await expect(best).toBeVisible({ timeout: 150_000 });
    const board = page.getByRole('table').filter({ has: page.getByText('Leaderboard on the validation rows') });
    await expect(board.getByRole('row')).toHaveCount(5);
    for (const kind of ['Logistic regression', 'Neural network (MLP)', 'Gradient-boosted trees', 'Random forest']) await expect(board.getByRole('rowheader', { name: kind })).toHaveCount(1);
    const winner = (await board.getByRole('rowheader').first().textContent())!;
    await expect(page.getByText(`Best of 4 trials: ${winner}`)).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/train-search.png', fullPage: true });

    await best.click();
    await expect(page.getByTestId('evaluation')).toBeVisible({ timeout: 150_000 });
    await expect(page.getByRole('row', { name: new RegExp(`${winner.replace(/[()]/g, '\\$&')} #1`) })).toContainText('completed');
    // The form shows what was trained.
    await page.getByText('Model settings', { exact: true }).click();
    await expect(page.getByLabel('Kind')).toHaveValue((await page.getByLabel('Kind').locator('option', { hasText: winner }).getAttribute('value'))!);
  });

  test('the same recipe, spec and seed on WASM give identical metrics twice', async ({ page }) => {
    await openTrain(page, 'breast-cancer');
    await chooseModel(page, 'Neural network (MLP)');
    await page.getByLabel('Backend').selectOption('wasm');
    const metrics = async () => (await page.getByTestId('evaluation').getByRole('table').first().textContent())!;
    await trainAndEvaluate(page);
    const first = await metrics();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('row', { name: /#2/ })).toContainText('completed', { timeout: 150_000 });
    await page.getByRole('button', { name: /Show evaluation of .*#2/ }).click();
    expect(await metrics()).toBe(first);
  });

  test('32,000 rows: the MLP on WASM splits each batch with a helper worker and evaluates', async ({ page }) => {
    await page.goto('./');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'split.csv', mimeType: 'text/csv', buffer: interactionCsv(32_000, 7) });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await stageLink(page, 'Train').click();
    await page.getByRole('combobox', { name: 'Target column' }).selectOption('y');
    // The measured choice: software GPUs never win, so this machine trains on WASM (asserted below).
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
    await chooseModel(page, 'Neural network (MLP)');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.locator('.runs tbody tr').first()).toContainText('completed', { timeout: 150_000 });
    // The train worker started its helper (a nested worker over shared memory) and it took half of the batches.
    const evaluation = page.getByTestId('evaluation');
    await expect(evaluation).toContainText('Backend: WASM (2 threads)');
    const auc = Number((await evaluation.getByRole('row', { name: /^ROC AUC/ }).first().textContent())!.match(/0\.\d+/)![0]);
    expect(auc).toBeGreaterThan(0.85);
  });

  test('WebGPU forced (SwiftShader) trains and evaluates', async ({ page }) => {
    await openTrain(page, 'penguins');
    const gpu = await page.evaluate(async () => !!(await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));
    test.skip(!gpu, 'This Chromium offers no WebGPU adapter');
    await chooseModel(page, 'Neural network (MLP)');
    await page.getByLabel('Backend').selectOption('webgpu');
    // SwiftShader runs an epoch of penguins in about 0.3 s against WASM's 10 ms, and the run fits six
    // times (the model and five cross-validation folds): five epochs each are enough to show every
    // step running on WebGPU; the default 300 (early stopping near 100) would take minutes.
    const epochs = page.getByLabel('Maximum epochs');
    await epochs.fill('5');
    await epochs.dispatchEvent('change');
    await trainAndEvaluate(page);
    // Every read the run makes is asynchronous (a synchronous one loses SwiftShader's device), so the
    // run trains, evaluates and cross-validates on WebGPU to the end, with no fallback.
    await expect(page.getByRole('row', { name: /#1/ })).toContainText('WEBGPU');
    await expect(page.locator('.notice')).toHaveCount(0);
    await expect(page.getByTestId('evaluation')).toContainText('Backend: WEBGPU');
  });
});
