import { test, expect, openSample, chooseModel } from './fixtures';
import type { Page } from '@playwright/test';

/** The train worker in real Chromium (WebGPU and WebGL on SwiftShader), driven through the Train stage. */
async function openTrain(page: Page) {
  await openSample(page, 'penguins');
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Train' }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
}

test.describe('Train worker', () => {
  test('measures every backend on the model and never lets a software GPU win', async ({ page }) => {
    await openTrain(page);
    // Networks run on a measured TF.js backend (trees, the default, train in plain JavaScript).
    await chooseModel(page, 'Neural network (MLP)');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const summary = page.locator('summary', { hasText: 'Backend:' });
    await expect(summary).toBeVisible({ timeout: 60_000 });
    await summary.click();
    const table = page.locator('details', { has: summary }).getByRole('table');
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(4);
    const probe = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.children].map((c) => c.textContent?.trim() ?? '');
        return { name: cells[0], available: cells[1] === 'yes', ms: cells[2], note: cells[3] };
      }),
    );
    expect(probe.map((p) => p.name).sort()).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
    const chosen = (await summary.locator('strong').textContent())!.replace('Backend: ', '').toLowerCase();
    const winner = probe.find((p) => p.name === chosen)!;
    expect(winner.available).toBe(true);
    expect(winner.note).not.toContain('software GPU');
    // Every backend that could win was measured on the model (a software GPU cannot, so it is listed
    // unmeasured), and WASM starts everywhere.
    for (const p of probe.filter((x) => x.available && !x.note.includes('software GPU'))) expect(p.ms, `${p.name} measured`).toMatch(/^\d+(\.\d)?$/);
    for (const p of probe.filter((x) => x.note.includes('software GPU'))) expect(p.ms, `${p.name} not measured`).toBe('—');
    expect(probe.find((p) => p.name === 'wasm')!.available).toBe(true);
    await page.screenshot({ path: 'test-results/screens/train-backends.png', fullPage: true });
  });

  test('a second training of the same model shape does not measure again, even after a reload', async ({ page }) => {
    const train = page.getByRole('button', { name: 'Train', exact: true });
    const summary = page.locator('summary', { hasText: 'Backend:' });
    const statuses: string[] = [];
    const watchStatus = () => page.getByTestId('training-live').locator('p').first().textContent({ timeout: 500 }).then((t) => void statuses.push(t ?? ''), () => undefined);

    await openTrain(page);
    await chooseModel(page, 'Neural network (MLP)');
    await train.click();
    await expect(summary).toBeVisible({ timeout: 60_000 });
    await expect(summary).not.toContainText('Measured earlier');

    await train.click();
    await watchStatus();
    await expect(page.getByRole('row', { name: /Neural network \(MLP\) #2 completed/ })).toBeVisible({ timeout: 60_000 });
    await expect(summary).toContainText('Measured earlier on this device');

    // A new session on the same device: the measurement was kept.
    await openTrain(page);
    await chooseModel(page, 'Neural network (MLP)');
    await train.click();
    await watchStatus();
    await expect(summary).toBeVisible({ timeout: 60_000 });
    await expect(summary).toContainText('Measured earlier on this device');
    expect(statuses.join(' ')).not.toContain('Checking which processor');
  });

  test('Pause holds training, Resume continues it, and Cancel stops it at once', async ({ page }) => {
    await openTrain(page);
    await chooseModel(page, 'Neural network (MLP)');
    await page.getByLabel('Maximum epochs').fill('5000');
    await page.getByLabel('Maximum epochs').dispatchEvent('change');
    await page.getByLabel('Early stopping').uncheck();
    await page.getByLabel('Backend').selectOption('wasm');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const live = page.getByTestId('training-live');
    await expect(live).toContainText(/epoch \d+/, { timeout: 60_000 });
    await expect(live).toContainText('backend WASM');

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(live.getByRole('heading')).toContainText('(paused)');
    const epochOf = async () => Number(/epoch (\d+)/.exec((await live.textContent()) ?? '')![1]);
    // The pause lands before the next batch, but an epoch already under way may still report: wait
    // until the count settles (a loaded machine can deliver that report late), then watch it hold.
    let held = -1; // the first poll only reads; each later one compares with the read 500 ms before
    await expect.poll(async () => {
      const before = held;
      held = await epochOf();
      return held === before;
    }, { intervals: [500] }).toBe(true);
    await page.waitForTimeout(1500);
    expect(await epochOf()).toBe(held);

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(epochOf).toBeGreaterThan(held);

    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(live).toBeHidden({ timeout: 5_000 });
    await expect(page.getByRole('row', { name: /cancelled/ })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
