import AxeBuilder from '@axe-core/playwright';
import { test, expect, openSample } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Accessibility: axe finds no serious or critical violation on any stage with penguins loaded and
 * a model trained, nor with the teaching overlays open; the layout holds at 1024 × 768 and on a
 * tablet (820 × 1180). Screenshots of each go to test-results/screens/.
 */

const STAGES = ['Data', 'Explore', 'Prepare', 'Train', 'Models', 'Deploy'] as const;

async function serious(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.violations.filter((v) => !bad.includes(v)).map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
  console.log(`${where}: ${bad.length} serious/critical; minor: ${minor.join(', ') || 'none'}`);
  return bad.map((v) => ({ where, id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

/** Waits until `stage` is the current one, its heading is shown and two frames have been drawn since. */
async function settled(page: Page, stage: (typeof STAGES)[number]) {
  await expect(page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: stage })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator(stage === 'Data' ? '#dataset-title' : `#${stage.toLowerCase()}-title`)).toBeVisible();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

async function trainModel(page: Page) {
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Train' }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('evaluation-summary')).toBeVisible({ timeout: 90_000 });
}

test.describe('Accessibility', () => {
  test('no serious or critical axe violations on any stage with a trained model, nor with the teaching overlays open', async ({ page }) => {
    // Trains a model and runs axe on every stage and overlay: slow when the other worker trains too.
    test.setTimeout(300_000);
    await openSample(page, 'penguins');
    const found = await serious(page, 'Data');
    await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Explore' }).click();
    await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete', { timeout: 60_000 });
    await trainModel(page);
    for (const stage of STAGES) {
      await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: stage }).click();
      if (stage === 'Explore') await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete');
      if (stage === 'Train') {
        await page.getByTestId('boundary').getByText('Live decision boundary').click();
        await expect(page.getByTestId('boundary').getByRole('combobox').first()).toBeVisible();
      }
      await settled(page, stage);
      found.push(...(await serious(page, `${stage} (trained)`)));
    }

    await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Train' }).click();
    await page.getByRole('button', { name: /^About Accuracy/ }).first().click();
    found.push(...(await serious(page, 'Train with an info popover open')));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Glossary' }).click();
    found.push(...(await serious(page, 'Glossary open')));
    await page.getByRole('button', { name: 'Close glossary' }).click();
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    found.push(...(await serious(page, 'Shortcut list open')));
    await page.getByRole('button', { name: 'Close shortcuts' }).click();
    await page.getByRole('button', { name: 'Tour' }).click();
    await expect(page.getByTestId('tour')).toBeVisible();
    found.push(...(await serious(page, 'Tour open')));
    await page.getByTestId('tour').getByRole('button', { name: 'Close tour' }).click();
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    found.push(...(await serious(page, 'Data in presenter mode')));

    expect(found, JSON.stringify(found, null, 2)).toEqual([]);
  });

  // Wider content than penguins has: long names without spaces (worst_concave_points) in the target ranking, a text step.
  for (const sample of ['breast-cancer', 'movies']) {
    test(`phone (400 px), ${sample}: Explore and Prepare do not scroll sideways`, async ({ page }) => {
      await page.setViewportSize({ width: 400, height: 860 });
      await openSample(page, sample);
      for (const stage of ['Explore', 'Prepare'] as const) {
        await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: stage }).click();
        if (stage === 'Explore') await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete', { timeout: 60_000 });
        await settled(page, stage);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${stage} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      }
    });
  }

  for (const [name, width, height] of [['laptop', 1024, 768], ['tablet', 820, 1180], ['phone', 400, 860]] as const) {
    test(`layout at ${width} × ${height} (${name}): no horizontal scrolling on any stage, and a one-line header`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto('./');
      await page.screenshot({ path: `test-results/screens/a11y-${name}-start.png` });
      await openSample(page, 'penguins');
      await trainModel(page);
      for (const stage of STAGES) {
        await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: stage }).click();
        if (stage === 'Explore') await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete', { timeout: 60_000 });
        await settled(page, stage);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        await page.screenshot({ path: `test-results/screens/a11y-${name}-${stage.toLowerCase()}.png` });
        expect(overflow, `${stage} scrolls sideways by ${overflow}px at ${width}px`).toBeLessThanOrEqual(0);
        // One line: no taller than its tallest item (the current stage's pill or a button) plus the padding.
        const header = await page.locator('header.topbar').evaluate((h) => ({ height: h.getBoundingClientRect().height, line: Math.max(...[...h.querySelectorAll('a, button')].map((e) => e.getBoundingClientRect().height)) }));
        expect(header.height, `the header wraps at ${width}px`).toBeLessThan(header.line * 2);
      }
    });
  }
});
