import type { Page } from '@playwright/test';
import { test, expect, openSample, chooseModel } from './fixtures';
import { stageLink } from './trust-journey';
import { growth, memoryCycles } from '../bench/memory.bench.mjs';

/**
 * Faults in real Chromium: a learning rate far out of range, features so large the loss overflows,
 * a GPU lost in the middle of training (WebGPU on SwiftShader, through the `window.__mbTrain` test
 * hook), a crashed train worker and a crashed chart worker, and a long session of repeated work.
 * A stalled run is covered below the UI (tests/unit/bridge/TrainBridge.test.ts, with fake workers).
 */

async function openTrain(page: Page) {
  await stageLink(page, 'Train').click();
  const target = page.getByRole('combobox', { name: 'Target column' });
  if (await target.isVisible().catch(() => false)) return target;
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
  return null;
}

/**
 * Opens the "Model settings" details (it folds itself while a run is going) with the network chosen:
 * these journeys are about networks (epochs, learning rates, TF.js backends, lost GPUs), and the
 * studio's default is gradient-boosted trees.
 */
async function openSettings(page: Page) {
  const kind = page.getByLabel('Kind');
  if (!(await kind.isVisible().catch(() => false))) await page.getByText('Model settings', { exact: true }).click();
  await expect(kind).toBeVisible();
  if ((await kind.inputValue()) !== 'mlp') await chooseModel(page, 'Neural network (MLP)');
}

async function setOption(page: Page, label: string, value: string) {
  await openSettings(page);
  await page.getByLabel(label).fill(value);
  await page.getByLabel(label).dispatchEvent('change');
}

const train = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
const latestRun = (page: Page) => page.locator('.runs tbody tr').first();
const live = (page: Page) => page.getByTestId('training-live');

/** The latest epoch the live panel shows (0 before the first). */
async function liveEpoch(page: Page): Promise<number> {
  const text = (await live(page).textContent().catch(() => '')) ?? '';
  return Number(/epoch (\d+)/.exec(text)?.[1] ?? 0);
}

/**
 * Records, in order, every epoch number the live panel shows into `window.__epochs` and every
 * status line into `window.__statuses` (a status can be replaced within a moment).
 */
async function recordLive(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __epochs: number[]; __statuses: string[] };
    w.__epochs = [];
    w.__statuses = [];
    const note = () => {
      const text = document.querySelector('[data-testid="training-live"] [aria-live]')?.textContent ?? '';
      const status = text.split(' · ')[0].trim();
      if (status && status !== w.__statuses.at(-1)) w.__statuses.push(status);
      const m = /epoch (\d+)/.exec(text);
      if (m && Number(m[1]) !== w.__epochs.at(-1)) w.__epochs.push(Number(m[1]));
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const statusesSoFar = (page: Page) => page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);

/** Epochs of the device-loss runs: enough that the loss lands mid-run however fast the GPU trains. */
const DEVICE_RUN_EPOCHS = 100;

/** Penguins, `DEVICE_RUN_EPOCHS` without early stopping, forced onto `backend`, recording the live panel; waits until it trains there. */
async function startOn(page: Page, backend: 'webgl' | 'webgpu') {
  await openTrain(page);
  await setOption(page, 'Maximum epochs', String(DEVICE_RUN_EPOCHS));
  await page.getByLabel('Early stopping').uncheck();
  await page.getByLabel('Backend').selectOption(backend);
  await recordLive(page);
  await train(page).click();
  await expect(live(page)).toContainText(`backend ${backend.toUpperCase()}`, { timeout: 60_000 });
}

/**
 * After a device loss the test caused: the status said what was lost and that the run continues
 * on WASM from the epoch after the last checkpoint, epoch numbers went on from there to the last without
 * going back to 1, and the run completed with an evaluation of a model that learned (it beats the baseline).
 */
async function expectContinued(page: Page, lost: string) {
  await expect(latestRun(page)).toContainText('completed', { timeout: 150_000 });
  await expect(page.getByTestId('evaluation')).toBeVisible();
  await expect(latestRun(page)).toContainText('WASM');
  await expect(latestRun(page)).not.toContainText('not beaten');
  const notice = (await page.locator('.notice', { hasText: 'continuing on WASM' }).textContent())!.trim();
  expect(notice.startsWith(`${lost} after epoch `), notice).toBe(true);
  const [, lostAfter, from] = /after epoch (\d+) — continuing on WASM from epoch (\d+)$/.exec(notice)!.map(Number);
  expect(lostAfter).toBeGreaterThanOrEqual(3);
  // The epoch after the last checkpoint: the last finished one + 1, or that epoch itself when its checkpoint was still on its way.
  expect([lostAfter, lostAfter + 1]).toContain(from);
  const seen = await page.evaluate(() => (window as unknown as { __epochs: number[] }).__epochs);
  const statuses = await statusesSoFar(page);
  test.info().annotations.push({ type: 'device loss', description: `${notice} | statuses: ${statuses.join(' / ')} | epochs seen: ${seen.join(' ')}` });
  // While it ran, the status named the loss and the backend it went on with, then trained there.
  const said = statuses.indexOf(notice);
  expect(said, `statuses: ${statuses.join(' / ')}`).toBeGreaterThan(-1);
  expect(statuses.slice(said + 1)).toContain('Training on WASM');
  expect(seen.at(-1)).toBe(DEVICE_RUN_EPOCHS);
  expect(Math.min(...seen.slice(seen.indexOf(lostAfter)))).toBeGreaterThanOrEqual(from - 1);
  expect(seen.filter((e, i) => i > 0 && e < seen[i - 1] - 1), `epochs seen: ${seen.join(' ')}`).toEqual([]);
  expect(seen.filter((e) => e === 1).length).toBeLessThanOrEqual(1);
}

/**
 * A regression table whose feature is around 1e30: without a scale step, the first predictions
 * are around 1e31 and their squared error overflows float32, so the loss is Infinity or NaN.
 */
const HUGE_CSV = {
  name: 'huge-values.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(['reading,other,target', ...Array.from({ length: 80 }, (_, i) => `${((i % 17) + 1) * 1.3}e30,${(i * 7) % 11},${(i * 37) % 101}`)].join('\n') + '\n'),
};

test.describe('Faults', () => {
  test.describe.configure({ timeout: 240_000 });

  test('a learning rate of 1e6 is refused with the allowed range, and a sane one then trains', async ({ page }) => {
    await openSample(page, 'cars');
    await openTrain(page);
    await setOption(page, 'Learning rate (Adam)', '1000000');
    await train(page).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Learning rate (Adam) is 1000000; it must be a number from 0.00001 to 1.', { timeout: 60_000 });
    await expect(latestRun(page)).toContainText('failed');
    await page.screenshot({ path: 'test-results/screens/faults-learning-rate.png', fullPage: true });
    await setOption(page, 'Learning rate (Adam)', '0.002');
    await expect(train(page)).toBeEnabled();
    await train(page).click();
    await expect(latestRun(page)).toContainText('completed', { timeout: 120_000 });
  });

  test('features around 1e30 with the scale step removed: the non-finite loss stops training with the fix, and the fixed recipe trains', async ({ page }) => {
    await page.goto('./');
    await page.getByLabel('Open dataset').setInputFiles(HUGE_CSV);
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await stageLink(page, 'Prepare').click();
    await page.getByLabel('Target column').selectOption('target');
    await expect(page.getByRole('heading', { name: /^Recipe steps/ })).toBeVisible({ timeout: 30_000 });
    const scale = page.locator('li.step-card', { has: page.getByRole('heading', { name: /^Scale numbers/ }) });
    await expect(scale).toHaveCount(1);
    await scale.getByRole('button', { name: /^Remove step/ }).click();
    await expect(scale).toHaveCount(0);
    await page.getByRole('button', { name: 'Continue to Train' }).click();
    await expect(train(page)).toBeEnabled({ timeout: 30_000 });
    await openSettings(page);
    await page.getByLabel('Backend').selectOption('wasm');
    await train(page).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(/Training loss became (Infinity|NaN) at epoch 1, batch 1\. Lower the learning rate \(now 0\.\d+\) or scale the features \(add a scale step to the recipe\)\./, { timeout: 60_000 });
    await expect(latestRun(page)).toContainText('failed');
    await expect(live(page)).toBeHidden();
    await page.screenshot({ path: 'test-results/screens/faults-nonfinite-loss.png', fullPage: true });

    // The fix the message names: put the scale step back (the proposed recipe has it), train again.
    await stageLink(page, 'Prepare').click();
    await page.getByRole('button', { name: 'Reset to the proposed recipe' }).click();
    await expect(scale).toHaveCount(1);
    await page.getByRole('button', { name: 'Continue to Train' }).click();
    await expect(train(page)).toBeEnabled({ timeout: 30_000 });
    await train(page).click();
    await expect(latestRun(page)).toContainText('completed', { timeout: 120_000 });
    await expect(page.getByTestId('evaluation')).toBeVisible();
    await expect(page.locator('.runs tbody tr')).toHaveCount(2);
  });

  test('WebGL context lost mid-run (WEBGL_lose_context): training continues on WASM from the epoch after the last finished one and completes', async ({ page }) => {
    await openSample(page, 'penguins');
    await startOn(page, 'webgl');
    await expect.poll(() => liveEpoch(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
    expect(await page.evaluate(() => window.__mbTrain!.loseDevice())).toBe('WebGL context lost on purpose (WEBGL_lose_context.loseContext()).');
    await expectContinued(page, 'The WebGL context was lost');
    await page.screenshot({ path: 'test-results/screens/faults-webgl-lost.png', fullPage: true });
  });

  // Runs alone (@solo): in the parallel suite it twice found the run already on WASM at epoch 30 with no
  // loss reported; alone, and alone beside three busy CPU loops, it passes. The cause is not found yet.
  test('WebGPU forced on SwiftShader, device lost mid-run: the run names the loss, goes on on WASM and completes with an evaluation @solo', async ({ page }) => {
    await openSample(page, 'penguins');
    const gpu = await page.evaluate(async () => !!(await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));
    test.skip(!gpu, 'This Chromium offers no WebGPU adapter');
    await startOn(page, 'webgpu');
    // SwiftShader's WebGPU in a worker loses its device at the first asynchronous read (the first
    // checkpoint), so on it the run restarts on WASM before the test can destroy anything; where the
    // device lives on, the test destroys it after epoch 3 and the run must continue from its checkpoint.
    await expect.poll(async () => (await liveEpoch(page)) >= 3 || (await statusesSoFar(page)).some((t) => t.includes('was lost')), { timeout: 120_000 }).toBe(true);
    const lostByItself = (await statusesSoFar(page)).some((t) => t.includes('was lost'));
    test.info().annotations.push({ type: 'webgpu', description: lostByItself ? 'the device was lost on its own before epoch 3' : 'device destroyed by the test after epoch 3' });
    if (!lostByItself) {
      expect(await page.evaluate(() => window.__mbTrain!.loseDevice())).toBe('WebGPU device destroyed on purpose (device.destroy()).');
      await expectContinued(page, 'The WebGPU device was lost (destroyed on purpose)');
    } else {
      await expect(latestRun(page)).toContainText('completed', { timeout: 150_000 });
      await expect(page.getByTestId('evaluation')).toBeVisible();
      await expect(latestRun(page)).toContainText('WASM');
      await expect(page.locator('.notice').first()).toContainText(/^The WebGPU device was lost \(.+\) after epoch \d+ — (restarting on WASM from epoch 1|continuing on WASM from epoch \d+)$/);
      const statuses = await statusesSoFar(page);
      test.info().annotations.push({ type: 'statuses', description: statuses.join(' / ') });
      expect(statuses).toContain('Training on WASM');
    }
    await page.screenshot({ path: 'test-results/screens/faults-webgpu-lost.png', fullPage: true });
  });

  test('a train worker that crashes mid-run becomes a message and a failed run, and Train works again', async ({ page }) => {
    // The worker throws outside any call, as a crash would; the bridge handles its error event, so the page logs no error.
    await openSample(page, 'penguins');
    await openTrain(page);
    await setOption(page, 'Maximum epochs', '2000');
    await page.getByLabel('Early stopping').uncheck();
    await page.getByLabel('Backend').selectOption('wasm');
    await train(page).click();
    await expect.poll(() => liveEpoch(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    await page.evaluate(() => window.__mbTrain!.crashWorker());
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The training worker crashed (');
    await expect(alert).toContainText('Nothing was saved; try again, or reload the page if it repeats.');
    await expect(live(page)).toBeHidden();
    await expect(latestRun(page)).toContainText('failed');
    await page.screenshot({ path: 'test-results/screens/faults-worker-crash.png', fullPage: true });

    await setOption(page, 'Maximum epochs', '10');
    await expect(train(page)).toBeEnabled();
    await train(page).click();
    await expect(latestRun(page)).toContainText('completed', { timeout: 120_000 });
    await expect(page.getByTestId('evaluation')).toBeVisible();
  });

  test.describe('a crashed profile worker', () => {
    // The route below must see the workers' script requests, which a service worker would answer from its cache.
    test.use({ serviceWorkers: 'block' });

    test('a profile worker that crashes mid-report becomes a message, and the report can be computed again', async ({ page }) => {
      // 300,000 rows keep the two profile workers busy for a while. The first two profile workers are
      // served with one line added at the top: it swallows the worker's answer and throws from a timer
      // instead, so the worker crashes while the page still waits for it, however the timing falls (a
      // crash injected from outside could land after a worker had answered, and go unnoticed). Workers
      // started later (for "Compute the report again") are served as built.
      const lines = ['id,a,b,c,d,cat,flag'];
      for (let i = 0; i < 300_000; i++) lines.push(`${i},${((i * 7919) % 1000) / 7},${Math.sin(i).toFixed(6)},${(i * 31) % 977},${i % 13 === 0 ? '' : (i * 3) % 101},k${i % 37},${i % 2 ? 'yes' : 'no'}`);
      const crash = "self.postMessage = () => void setTimeout(() => { throw new Error('The profile worker was crashed on purpose (test)'); });";
      let toCrash = 2;
      await page.route(/\/profile-[^/]*\.js(\?.*)?$/, async (route) => {
        const response = await route.fetch();
        if (toCrash <= 0) return route.fulfill({ response });
        toCrash--;
        await route.fulfill({ response, body: `${crash}\n${await response.text()}` });
      });
      await page.goto('./');
      await page.getByLabel('Open dataset').setInputFiles({ name: 'many-rows.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
      await stageLink(page, 'Explore').click();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('The exploration report could not be computed', { timeout: 60_000 });
      await expect(alert).toContainText(/Profile worker [12] crashed \(Uncaught Error: The profile worker was crashed on purpose \(test\)\) while profiling "many-rows\.csv"\. Try again; if it repeats, the table may be too large for this browser's memory\./);
      expect(toCrash).toBe(0);
      await page.screenshot({ path: 'test-results/screens/faults-profile-crash.png', fullPage: true });
      await page.getByRole('button', { name: 'Compute the report again' }).click();
      await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete', { timeout: 120_000 });
      await expect(alert).toHaveCount(0);
    });
  });

  test('3 load → profile → train cycles: page heap and renderer memory return near the first cycle', async ({ page }) => {
    await page.goto('./');
    const cdp = await page.context().newCDPSession(page);
    const rows = await memoryCycles(page, cdp, 3);
    const g = growth(rows);
    const fmt = (r: { cycle: number; heapMB: number; rendererMB: number }) => `cycle ${r.cycle}: heap ${r.heapMB.toFixed(1)} MB, renderers ${r.rendererMB.toFixed(0)} MB`;
    test.info().annotations.push({ type: 'memory', description: `${rows.map(fmt).join(' | ')} | growth after cycle 1: ${JSON.stringify(g)}` });
    // Each cycle keeps its run in the session list, so a little growth is expected; a leaked table or
    // TF.js model per cycle (tens of MB on penguins with the WASM backend's heap) is not.
    expect(g.heapMB).toBeLessThan(20);
    expect(g.rendererMB).toBeLessThan(150);
  });
});
