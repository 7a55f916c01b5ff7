import { mkdirSync, readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, chooseModel, interactionCsv } from './fixtures';
import { stageLink } from './trust-journey';

/**
 * Tree models in the studio: the default gradient-boosted trees on every bundled sample, with live
 * rounds, the task's full evaluation (metrics, charts, the threshold slider on binary tasks),
 * importance, the contributions summary and one row's contributions; a forest cancelled
 * mid-run; the Prepare note on the steps trees skip; screenshots at 1,400 and 400 px.
 */
const samples = JSON.parse(readFileSync('public/samples/index.json', 'utf8')) as { name: string; task: string; target: string }[];
mkdirSync('test-results/screens', { recursive: true });

const trainButton = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
const latestRun = (page: Page) => page.locator('.runs tbody tr').first();
/** Words on screen that would be code, not language. */
const CODE_WORDS = /\b(gbdt|recipeSteps|as-written|oobScore|permutationRows|explainedRows|meanAbs|undefined|NaN|null)\b|\[object|log-odds \(softmax score\)/;

/** Records, in order, every "round N" / "tree N" the live panel shows (a fast run may be over before a poll would see it). */
async function recordLiveSteps(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __steps: string[] };
    w.__steps = [];
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="training-live"]')?.textContent ?? '';
      const m = /\b(round|tree|epoch) ([\d,]+)/.exec(text);
      if (m && m[0] !== w.__steps.at(-1)) w.__steps.push(m[0]);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}
const liveSteps = (page: Page) => page.evaluate(() => (window as unknown as { __steps: string[] }).__steps);

/** Sets the forest's number of trees under Model settings (opened first when folded). */
async function setTrees(page: Page, n: number) {
  const trees = page.getByRole('spinbutton', { name: 'Trees' });
  await expect(async () => {
    if (!(await trees.isVisible())) await page.getByText('Model settings', { exact: true }).click();
    await expect(trees).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await trees.fill(String(n));
  await trees.dispatchEvent('change');
}

async function openTrain(page: Page, sample: string) {
  await page.goto(`./?sample=${sample}#train`);
  await expect(trainButton(page)).toBeEnabled({ timeout: 30_000 });
}

/** Layout checks at the current width: no sideways page scroll, every chart and table inside its box. */
async function expectFits(page: Page, explanation: Locator) {
  // The outermost elements that stick out past the right edge, named so a failure says what to fix.
  const outside = await page.evaluate(() => {
    const edge = document.documentElement.clientWidth + 0.5;
    return [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > edge && el.parentElement!.getBoundingClientRect().right <= edge)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').slice(0, 40)}"`);
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `the page scrolls sideways; sticking out: ${outside.join(' · ')}`).toBeLessThanOrEqual(0);
  const spills = await explanation.evaluate((box) => {
    const right = box.getBoundingClientRect().right + 1;
    const out: string[] = [];
    for (const el of box.querySelectorAll('svg, table, select, .table-box')) {
      const r = el.getBoundingClientRect();
      if (r.right > right) out.push(`${el.tagName.toLowerCase()} ends at ${Math.round(r.right)} px, the box at ${Math.round(right)} px`);
      if (el.classList.contains('table-box') && el.scrollWidth > el.clientWidth + 1) out.push(`a table scrolls inside its box (${el.scrollWidth} > ${el.clientWidth} px)`);
    }
    return out;
  });
  expect(spills).toEqual([]);
}

/** The full evaluation of the task: metrics, and the charts and tables a task of this kind draws. */
async function expectTaskEvaluation(page: Page, task: string) {
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation.getByRole('heading', { name: 'Metrics' })).toBeVisible();
  await expect(page.getByTestId('evaluation-summary')).not.toBeEmpty();
  if (task === 'regression') {
    for (const chart of ['Predicted against actual', 'Residuals (actual − predicted)', 'Residuals against prediction']) {
      await expect(evaluation.getByRole('img', { name: new RegExp(`^${chart.replace(/[()]/g, '\\$&')}`) })).toBeVisible();
    }
    await expect(evaluation.getByRole('row', { name: /^RMSE/ })).toBeVisible();
    return;
  }
  await expect(evaluation.getByRole('table').filter({ hasText: 'true ↓ / predicted →' })).toBeVisible();
  await expect(evaluation.getByRole('img', { name: 'ROC curve' })).toBeVisible();
  await expect(evaluation.getByRole('img', { name: 'Precision–recall curve' })).toBeVisible();
  await expect(evaluation.getByRole('row', { name: /^ROC AUC/ })).toBeVisible();
  if (task !== 'binary') return;
  await expect(evaluation.getByRole('img', { name: 'Calibration' })).toBeVisible();
  await expect(evaluation.getByRole('img', { name: 'Cumulative gains' })).toBeVisible();
  const slider = evaluation.getByRole('slider', { name: 'Decision threshold' });
  const flagged = evaluation.getByRole('row', { name: /Flagged/ });
  const before = await flagged.textContent();
  await slider.fill('0.95');
  await expect(flagged).not.toHaveText(before!);
}

test.describe('Tree models', () => {
  test.describe.configure({ timeout: 240_000 });

  for (const sample of samples) {
    test(`${sample.name} (${sample.task}): the default gradient-boosted trees show live rounds and explain their predictions`, async ({ page }) => {
      await recordLiveSteps(page);
      await openTrain(page, sample.name);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Train');
      await expect(page.getByTestId('will-train')).toHaveText('Will train gradient-boosted trees — usually the most accurate on tables; change it under Model settings.');
      await trainButton(page).click();
      await expect(page.getByTestId('training-live')).toBeVisible();
      await expect(latestRun(page)).toContainText('completed', { timeout: 150_000 });
      const steps = await liveSteps(page);
      expect(steps.length, 'the live panel showed boosting rounds').toBeGreaterThan(0);
      expect(steps.every((s) => s.startsWith('round ')), steps.join(', ')).toBe(true);
      await expect(latestRun(page)).toContainText('JavaScript');
      await expect(page.getByRole('img', { name: 'Loss by round' })).toBeVisible();

      const evaluation = page.getByTestId('evaluation');
      await expect(evaluation).toContainText('Backend: JavaScript');
      const explanation = evaluation.getByTestId('explanation');
      await expect(explanation.getByRole('heading', { name: 'What drives the predictions' })).toBeVisible();
      // Importance: one row per input column, shuffle drop beside split-gain share.
      const importance = explanation.getByRole('region', { name: /^Shuffling one input column at a time on [\d,]+ test rows/ });
      await expect(importance.getByRole('columnheader', { name: 'Share of split gain' })).toBeVisible();
      expect(await importance.getByRole('row').count()).toBeGreaterThan(2);
      await expect(importance.getByRole('row').nth(1)).toContainText(/± [\d.]+/);
      // Contributions across test rows: a bar chart named by its summary.
      await expect(explanation.getByRole('heading', { name: 'Contributions across test rows' })).toBeVisible();
      await expect(explanation.getByRole('img', { name: /^Mean size of each feature's contribution to the .+ over [\d,]+ test rows: / })).toBeVisible();
      // Why this prediction: the picker lists the explained rows; pick another and its contributions follow.
      const picker = explanation.getByRole('combobox', { name: 'Test row' });
      const labels = await picker.getByRole('option').allTextContents();
      expect(labels.length).toBeGreaterThan(1);
      expect(labels[0]).toMatch(/^Row [\d,]+ — largest error$/);
      const chosen = labels.find((l) => l.endsWith('— sample')) ?? labels[1];
      await picker.selectOption({ label: chosen });
      // The caption names the row's true class, or its target value for regression.
      const truth = sample.task === 'regression' ? `its ${sample.target} is [−\\d,.]+` : 'it is “[^”]+”';
      const why = explanation.getByRole('region', { name: new RegExp(`^${chosen.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${truth}\\): starting from the average`) });
      await expect(why).toBeVisible();
      expect(await why.getByRole('row').count()).toBeGreaterThan(3);
      await expect(why.getByRole('row', { name: /^Average over training rows/ })).toBeVisible();
      await expect(why.getByRole('row', { name: /^This row’s score/ })).toBeVisible();
      if (sample.task === 'binary') await expect(why).toContainText(/probability of [\d.]+ %/);

      expect(await page.locator('main').innerText()).not.toMatch(CODE_WORDS);
      await expectTaskEvaluation(page, sample.task);
      await page.screenshot({ path: `test-results/screens/train-${sample.name}.png`, fullPage: true });
      for (const width of [1400, 400]) {
        await page.setViewportSize({ width, height: 900 });
        await explanation.scrollIntoViewIfNeeded();
        await expectFits(page, explanation);
        // The contributions chart is drawn for the room it has: on a phone its labels keep their size (10 px, not 5).
        const labelPx = await explanation.getByRole('img', { name: /^Mean size of each feature's contribution/ }).evaluate((svg) => {
          const tick = svg.querySelector('text.tick')!.getBoundingClientRect();
          return tick.height;
        });
        expect(labelPx, `contribution labels at ${width} px`).toBeGreaterThan(9);
        // So are the line charts (training curves, ROC, precision–recall, calibration, gains, lift), once redrawn for the new width.
        await expect
          .poll(() => page.locator('figure.line-chart svg text.tick').evaluateAll((ticks) => Math.min(...ticks.map((t) => t.getBoundingClientRect().height))), { message: `line-chart labels at ${width} px` })
          .toBeGreaterThan(9);
        // The sticky top bar would be stitched into a tall element's screenshot: let it scroll away for the picture.
        await explanation.screenshot({ path: `test-results/screens/trees-${sample.name}-${width}.png`, style: '.topbar { position: static !important; }' });
      }
    });
  }

  // 60,000 rows: training nodes far above the 8,192 rows from which the helper takes half of a node
  // (SPLIT_MIN_ROWS), and enough rounds for the helper to be running before training ends.
  test('60,000 rows: the default trees sum large nodes on two threads (a helper worker over shared memory)', async ({ page }) => {
    await page.goto('./');
    await page.getByLabel('Open dataset').setInputFiles({ name: 'trees-threads.csv', mimeType: 'text/csv', buffer: interactionCsv(60_000, 11) });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await stageLink(page, 'Train').click();
    await page.getByRole('combobox', { name: 'Target column' }).selectOption('y');
    await expect(trainButton(page)).toBeEnabled({ timeout: 30_000 });
    await trainButton(page).click();
    await expect(latestRun(page)).toContainText('completed', { timeout: 150_000 });
    const evaluation = page.getByTestId('evaluation');
    await expect(evaluation).toContainText('Backend: JavaScript (2 threads)');
    const auc = Number((await evaluation.getByRole('row', { name: /^ROC AUC/ }).first().textContent())!.match(/0\.\d+/)![0]);
    expect(auc).toBeGreaterThan(0.85);
  });

  test('a forest is cancelled mid-run, the page stays usable and trains again, with its out-of-bag score', async ({ page }) => {
    await recordLiveSteps(page);
    await openTrain(page, 'seattle-weather');
    await chooseModel(page, 'Random forest');
    await setTrees(page, 2000);
    await trainButton(page).click();
    const live = page.getByTestId('training-live');
    await expect(live).toContainText(/tree [\d,]+ · loss/, { timeout: 60_000 });
    await expect(live).toContainText('backend JavaScript');
    await expect(live).toContainText(/at most ([\d.]+ m?s|[\d,]+ min \d+ s) to go/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(live).toBeHidden({ timeout: 5_000 });
    await expect(latestRun(page)).toContainText('cancelled');
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect((await liveSteps(page)).every((s) => s.startsWith('tree '))).toBe(true);

    // The page is usable: settings open, a smaller forest trains to the end.
    await expect(page.getByTestId('will-train')).toContainText('Will train random forest');
    await setTrees(page, 30);
    await expect(trainButton(page)).toBeEnabled();
    await trainButton(page).click();
    await expect(latestRun(page)).toContainText('completed', { timeout: 150_000 });
    const evaluation = page.getByTestId('evaluation');
    await expect(evaluation.getByTestId('oob-score')).toHaveText(/^Out-of-bag accuracy: 0\.\d+/);
    await expect(page.getByRole('img', { name: 'Loss by tree' })).toBeVisible();
    await expect(evaluation.getByTestId('explanation')).toContainText('probability of');
  });

  test('Prepare names the steps trees skip and how to keep them; Model settings reads in words', async ({ page }) => {
    await openTrain(page, 'penguins');
    await stageLink(page, 'Prepare').click();
    const note = page.getByTestId('tree-steps-note');
    await expect(note).toContainText('Trees skip these steps');
    await expect(note).toContainText('Model settings → Recipe steps → “apply as written”');
    expect(await note.getByRole('listitem').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/screens/trees-prepare-note.png' });

    await stageLink(page, 'Train').click();
    await page.getByText('Model settings', { exact: true }).click();
    const steps = page.getByRole('combobox', { name: 'Recipe steps' });
    expect(await steps.getByRole('option').allTextContents()).toEqual(['skip what trees do not need', 'apply as written']);
    await steps.selectOption({ label: 'apply as written' });
    await stageLink(page, 'Prepare').click();
    await expect(page.getByRole('heading', { name: /^Recipe steps/ })).toBeVisible();
    await expect(note).toHaveCount(0);
  });
});
