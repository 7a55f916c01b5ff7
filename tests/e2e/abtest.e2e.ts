/**
 * A/B journey on breast-cancer: train a baseline and a network, compare them offline, export the
 * A/B bundle, drive its router.mjs in Node with 10,000 requests writing the decision log, join it
 * with synthetic outcomes where the challenger truly converts better, and read the analysis in the
 * studio; then a broken split must raise the sample-ratio flag.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openSample } from './fixtures';

const SCREENS = 'test-results/screens';


/** axe on the page as it stands: serious or critical violations, summarised. */
async function axeSerious(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

/** mulberry32: a small seeded generator, so the synthetic outcomes are the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('compare two models offline, export an A/B bundle, route 10,000 requests, analyse the joined log', async ({ page }) => {
  test.setTimeout(300_000);
  await openSample(page, 'breast-cancer');
  const nav = page.getByRole('navigation', { name: 'Stages' });
  await nav.getByRole('link', { name: 'Train' }).click();
  const train = page.getByRole('button', { name: 'Train', exact: true });
  const kindPicker = page.getByRole('combobox', { name: 'Kind' });
  for (const kind of ['baseline', 'mlp']) {
    await expect(train).toBeEnabled();
    // The settings fold open and shut with the stage's state; open them when they are shut.
    if (!(await kindPicker.isVisible())) await page.getByText('Model settings', { exact: true }).click();
    await kindPicker.selectOption(kind);
    await train.click();
    await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0, { timeout: 120_000 });
    await expect(train).toBeEnabled();
  }
  await nav.getByRole('link', { name: 'Deploy' }).click();
  await page.getByRole('tab', { name: 'A/B testing' }).click();
  const boxes = page.getByRole('group', { name: 'Models to compare' }).getByRole('checkbox');
  await expect(boxes).toHaveCount(2);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Compare models' }).click();
  const verdict = page.getByTestId('comparison-verdict');
  await expect(verdict).toBeVisible({ timeout: 60_000 });
  // Models go by the names the pickers show, not by bundle slugs ("neural-network-mlp-1 v1").
  await expect(page.getByRole('heading', { level: 4 })).toHaveText('Neural network (MLP) #1 vs Baseline #1');
  const challenger = (await page.getByRole('heading', { level: 4 }).textContent())!.split(' vs ')[0];
  await expect(verdict).toContainText(`${challenger} is better than`);
  await expect(page.getByText(/DeLong \(AUC\)/)).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/abtest-compare.png`, fullPage: true });
  // The file both models were trained on is not a fair test set: the page says so.
  await page.getByRole('radio', { name: 'A file' }).check();
  await page.getByLabel('Test file').setInputFiles('public/samples/breast-cancer.csv');
  await page.getByRole('button', { name: 'Compare models' }).click();
  await expect(page.getByText(/^breast-cancer\.csv is the data .* was trained on/)).toHaveCount(2);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export A/B bundle' }).click()]);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  const config = JSON.parse(new TextDecoder().decode(files['router.json'])) as { variants: string[]; champion: string };
  expect(config.variants).toHaveLength(2);
  const [champion, treatment] = config.variants;
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['router.mjs', 'README.md', `variants/${champion}/scorer.mjs`, `variants/${treatment}/scorer.mjs`]));

  const dir = await mkdtemp(join(tmpdir(), 'modelbench-ab-e2e-'));
  try {
    for (const [path, bytes] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), bytes);
    }
    const router = await import(pathToFileURL(join(dir, 'router.mjs')).href);
    const logPath = join(dir, 'decisions.csv');
    const log = await router.createLogWriter(logPath, 'csv');
    const r = router.createRouter({ onDecision: log.write });
    const header = (await readFile('public/samples/breast-cancer.csv', 'utf8')).split('\n')[0].split(',');
    const row = Object.fromEntries(header.map((h) => [h, null]));
    for (let i = 0; i < 10_000; i++) await r.predict(`user-${i}`, [row]);
    await r.idle();
    await log.close();

    // Join with outcomes: the challenger truly converts at 14 %, the champion at 10 %.
    const random = rng(7);
    const decisions = (await readFile(logPath, 'utf8')).trim().split('\n').slice(1).map((l) => l.split(','));
    const joined = decisions.map(([unitId, variant]) => ({ unitId, variant, conversion: random() < (variant === champion ? 0.1 : 0.14) ? 1 : 0 }));
    const toCsv = (rows: typeof joined) => ['unitId,variant,conversion', ...rows.map((j) => `${j.unitId},${j.variant},${j.conversion}`)].join('\n') + '\n';
    await writeFile(join(dir, 'joined.csv'), toCsv(joined));
    // A broken split: two thirds of the challenger's units never made it into the log.
    await writeFile(join(dir, 'broken.csv'), toCsv(joined.filter((j, i) => j.variant === champion || i % 3 === 0)));

    await page.getByLabel('Joined log (CSV)').setInputFiles(join(dir, 'joined.csv'));
    await expect(page.getByLabel(`Planned weight of ${champion}`)).toHaveValue('90');
    await expect(page.getByLabel(`Planned weight of ${treatment}`)).toHaveValue('10');
    await page.getByRole('button', { name: 'Analyze experiment' }).click();
    await expect(page.getByTestId('srm-ok')).toBeVisible();
    await expect(page.getByTestId('srm-flag')).toHaveCount(0);
    await expect(page.getByTestId('experiment-verdict')).toContainText(`${treatment} wins`);
    await expect(page.locator('p.explain', { hasText: 'A p-value you may check as often as you like' })).toBeVisible();
    await page.getByLabel('Planned units per variant (optional)').fill('5000');
    await page.getByRole('button', { name: 'Analyze experiment' }).click();
    await expect(page.getByTestId('peeking')).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/abtest-analysis.png`, fullPage: true });
    expect(await axeSerious(page)).toEqual([]);

    await page.getByLabel('Joined log (CSV)').setInputFiles(join(dir, 'broken.csv'));
    await page.getByRole('button', { name: 'Analyze experiment' }).click();
    await expect(page.getByTestId('srm-flag')).toBeVisible();
    await expect(page.getByTestId('experiment-verdict')).toContainText('Sample ratio mismatch');

    await page.getByLabel('Baseline conversion (%)').fill('10');
    await page.getByLabel('Smallest lift to detect (percentage points)').fill('2');
    // statsmodels-style pooled formula: 3,841 per variant for 10 % → 12 % at α 5 %, power 80 %.
    await expect(page.getByTestId('power-result')).toContainText('3,841 units per variant');
    await page.screenshot({ path: `${SCREENS}/abtest-srm.png`, fullPage: true });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
