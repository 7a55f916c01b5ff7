import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openSample } from './fixtures';
import { buildWorkspace } from './workspaceFixture';

const SCREENS = 'test-results/screens';

async function openModels(page: Page) {
  await page.goto('./#models');
  await expect(page.getByTestId('registry-status')).toHaveAttribute('data-state', 'ready');
}

async function importZip(page: Page, bytes: Uint8Array) {
  await page.getByRole('tab', { name: 'Storage and workspace' }).click();
  await page.getByLabel('Workspace file to import').setInputFiles({ name: 'workspace.zip', mimeType: 'application/zip', buffer: Buffer.from(bytes) });
  await expect(page.getByTestId('import-summary')).toBeVisible();
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`)).toEqual([]);
}

const runsTable = (page: Page) => page.getByRole('table', { name: 'Runs' });

type FrameTiming = { committed: number; frame: number; painted: number; work: number };
const timings = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(n).map((e) => (e as PerformanceMeasure).detail as FrameTiming), name);

/** `median / p95` of each phase of `samples`, in ms, on one line (p95: nearest rank). */
function describeTimings(what: string, samples: FrameTiming[]): string {
  const phase = (key: keyof FrameTiming) => {
    const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)].toFixed(1);
    return `${key} ${at(0.5)} / ${at(0.95)}`;
  };
  return `runs table, 1000 runs, ${samples.length} × ${what} ms median / p95: ${(['committed', 'work', 'frame', 'painted'] as const).map(phase).join(' · ')} (frame budget 16.7)`;
}

test.describe('Models stage', () => {
  test('1,000 runs: paged table, sort and filter by metric, choose columns; render time is printed', async ({ page }) => {
    const zip = await buildWorkspace({ runs: 1000, register: false });
    await openModels(page);
    await importZip(page, zip);
    await page.getByRole('tab', { name: 'Runs' }).click();
    await expect(page.getByText('1000 of 1000 runs')).toBeVisible();
    await expect(runsTable(page).getByRole('row')).toHaveCount(51);
    // Render timing of the table, measured in the page by the app (frameTiming.ts) and printed, never asserted:
    // 20 mounts (Datasets tab, then Runs: from the click to the frame after the DOM commit) and 20 re-renders with
    // new data (a change message makes the registry re-read IndexedDB: from the read to that frame).
    for (let i = 0; i < 20; i++) {
      const before = (await timings(page, 'runs-table-mount')).length;
      await page.getByRole('tab', { name: 'Datasets' }).click();
      await page.getByRole('tab', { name: 'Runs' }).click();
      await expect.poll(() => timings(page, 'runs-table-mount').then((t) => t.length)).toBeGreaterThan(before);
    }
    for (let i = 0; i < 20; i++) {
      const before = (await timings(page, 'runs-table-update')).length;
      await page.evaluate(() => new BroadcastChannel('modelbench').postMessage({ kind: 'run', verb: 'e2e-reread', ids: [], at: Date.now() }));
      await expect.poll(() => timings(page, 'runs-table-update').then((t) => t.length)).toBeGreaterThan(before);
    }
    // A re-read that changed nothing leaves the table's cells in place (the row objects are reused).
    await page.evaluate(() => Object.assign(document.querySelector('table[aria-label=Runs] tbody td.num')!, { keptAcrossReads: true }));
    const reads = (await timings(page, 'runs-table-update')).length;
    await page.evaluate(() => new BroadcastChannel('modelbench').postMessage({ kind: 'run', verb: 'e2e-reread', ids: [], at: Date.now() }));
    await expect.poll(() => timings(page, 'runs-table-update').then((t) => t.length)).toBeGreaterThan(reads);
    expect(await page.evaluate(() => 'keptAcrossReads' in document.querySelector('table[aria-label=Runs] tbody td.num')!)).toBe(true);
    const mounts = (await timings(page, 'runs-table-mount')).slice(-20);
    const updates = (await timings(page, 'runs-table-update')).slice(-20);
    console.log(describeTimings('mount (tab click →)', mounts));
    console.log(describeTimings('re-read (data in memory →)', updates));
    expect(mounts).toHaveLength(20);
    expect(updates).toHaveLength(20);

    const headers = await runsTable(page).getByRole('columnheader').allTextContents();
    const column = headers.findIndex((h) => h.startsWith('Accuracy'));
    const firstAccuracy = async () => Number(await runsTable(page).getByRole('row').nth(1).locator('th, td').nth(column).textContent());
    await runsTable(page).getByRole('button', { name: 'Accuracy', exact: true }).click();
    await expect(runsTable(page).getByRole('columnheader', { name: /^Accuracy/ })).toHaveAttribute('aria-sort', 'descending');
    const top = await firstAccuracy();
    await runsTable(page).getByRole('button', { name: 'Accuracy', exact: true }).click();
    await expect(runsTable(page).getByRole('columnheader', { name: /^Accuracy/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(await firstAccuracy()).toBeLessThan(top);
    expect(top).toBeGreaterThan(0.9);

    await page.getByLabel('Filter on').selectOption({ label: 'metric Accuracy' });
    await page.getByLabel('Filter', { exact: true }).fill('> 0.95');
    const shown = Number((await page.getByText(/of 1000 runs/).textContent())!.split(' ')[0]);
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(400);
    await page.getByLabel('Filter on').selectOption({ label: 'Status' });
    await page.getByLabel('Filter', { exact: true }).fill('failed');
    await expect(page.getByText('1 of 1000 runs')).toBeVisible();
    await page.getByLabel('Filter', { exact: true }).fill('');

    await page.getByText(/^Columns \(/).click();
    await page.getByRole('checkbox', { name: 'setting: Learning rate' }).check();
    await expect(runsTable(page).getByRole('columnheader', { name: 'Learning rate' })).toBeVisible();
    await page.getByRole('checkbox', { name: 'Backend' }).uncheck();
    await expect(runsTable(page).getByRole('columnheader', { name: 'Backend' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByText('Page 2 of 20')).toBeVisible();
    await page.getByText(/^Show the parallel-coordinates chart of the 1000 shown runs/).click();
    await expect(page.getByRole('img', { name: /^Settings against Accuracy: 998 runs across Maximum epochs, Learning rate, Seed, Accuracy/ })).toBeVisible();
    await page.getByRole('combobox', { name: 'Metric' }).selectOption('rocAuc');
    await expect(page.getByRole('img', { name: /^Settings against ROC AUC: / })).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/models-1000-runs.png`, fullPage: true });
    await page.setViewportSize({ width: 1024, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENS}/models-1000-runs-1024.png` });
  });

  test('comparing runs shows what differs, the best metric and overlaid curves', async ({ page }) => {
    await openModels(page);
    await importZip(page, await buildWorkspace({ runs: 6 }));
    await page.getByRole('tab', { name: 'Runs' }).click();
    await expect(runsTable(page).getByText('failed', { exact: true })).toHaveCount(1);
    await expect(runsTable(page).getByText('cancelled', { exact: true })).toHaveCount(1);
    await page.getByRole('checkbox', { name: 'Compare run 0000-s07' }).check();
    await page.getByRole('checkbox', { name: 'Compare run 0001-s07' }).check();
    await page.getByRole('checkbox', { name: 'Compare run 0002-s07' }).check();
    await expect(page.getByRole('heading', { name: 'Compare 3 runs' })).toBeVisible();
    const diff = page.getByRole('table', { name: 'Set-up differences' });
    await expect(diff.getByRole('rowheader', { name: /^Learning rate/ })).toBeVisible();
    await expect(diff.getByRole('rowheader', { name: /^Backend/ })).toHaveCount(0);
    const metrics = page.getByRole('table', { name: 'Metrics' });
    await expect(metrics.getByRole('row', { name: /^Accuracy/ }).getByText('★ best')).toHaveCount(1);
    for (const name of ['Learning curve: loss', 'Learning curve: metric', 'ROC curve', 'Precision–recall curve']) {
      await expect(page.getByRole('img', { name: new RegExp(`^${name}: `) })).toBeVisible();
    }
    await axe(page);
    await page.screenshot({ path: `${SCREENS}/models-compare.png`, fullPage: true });
    await page.setViewportSize({ width: 1024, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENS}/models-compare-1024.png`, fullPage: true });
  });

  test('model page: lineage, gated promotion, aliases over time, tags, notes, reproduce and guarded deletes', async ({ page }) => {
    await openModels(page);
    await importZip(page, await buildWorkspace({ runs: 3 }));
    await page.getByRole('tab', { name: 'Registered models' }).click();
    await page.getByRole('button', { name: 'penguin-classifier' }).click();
    await expect(page.getByRole('heading', { name: 'Model penguin-classifier' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Lineage of penguin-classifier v2' })).toContainText('penguins.json');
    await expect(page.getByRole('list', { name: 'Lineage of penguin-classifier v2' })).toContainText('target Species, 1 steps');

    // A gate v2 cannot pass blocks the promotion; an easy one lets it through.
    await page.getByRole('combobox', { name: /^Metric/ }).selectOption('accuracy');
    await page.getByLabel('Minimum improvement (metric units)').fill('0.9');
    await expect(page.getByText(/the gate needs at least 0.9 better/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Promote to champion' })).toBeDisabled();
    await page.getByLabel('Minimum improvement (metric units)').fill('-1');
    await expect(page.getByText(/passes the gate/)).toBeVisible();
    await page.getByRole('button', { name: 'Promote to champion' }).click();
    await expect(page.getByText('champion now points at penguin-classifier v2 (was v1).')).toBeVisible();

    await page.getByLabel('Which version was').fill('champion');
    await page.getByLabel('on', { exact: true }).fill('2026-01-05');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByTestId('alias-at')).toHaveText('v1 was champion of penguin-classifier at the end of 2026-01-05.');
    await page.getByLabel('on', { exact: true }).fill(new Date().toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect(page.getByTestId('alias-at')).toContainText('v2 was champion');

    await page.getByLabel('Tag', { exact: true }).fill('stage');
    await page.getByLabel('Value').fill('review');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByRole('button', { name: 'Remove tag stage' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Notes' }).fill('Better on Gentoo.');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await expect(page.getByText('Saved the notes of penguin-classifier v2.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'History' })).toContainText('v2: tag stage = review');

    await page.getByRole('button', { name: 'Reproduce v1' }).click();
    await expect(page.getByText(/Reproduce requested/)).toBeVisible();

    await page.getByRole('button', { name: 'Delete v2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete penguin-classifier v2?' });
    await expect(dialog).toContainText('alias "champion" points at penguin-classifier v2; move or remove it first');
    await expect(dialog.getByRole('button', { name: 'Delete' })).toBeDisabled();
    await axe(page);
    await page.screenshot({ path: `${SCREENS}/models-delete-blocked.png`, fullPage: true });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Delete v1' }).click();
    await expect(dialog.or(page.getByRole('dialog'))).toContainText('Nothing else depends on it.');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('Deleted penguin-classifier v1.')).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/models-model-page.png`, fullPage: true });
    await page.setViewportSize({ width: 1024, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENS}/models-model-page-1024.png`, fullPage: true });

    await page.reload();
    await page.getByRole('tab', { name: 'Registered models' }).click();
    await expect(page.getByRole('row', { name: /penguin-classifier 1 v2 champion → v2/ })).toBeVisible();
    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.getByRole('button', { name: 'Delete run 0000-s07' }).click();
    await expect(page.getByRole('dialog')).toContainText('This also deletes 1 stored file (1.0 KB).');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(runsTable(page).getByRole('row')).toHaveCount(3);

    await page.getByRole('tab', { name: 'Datasets' }).click();
    await page.getByRole('button', { name: 'Delete penguins.json' }).click();
    await expect(page.getByRole('dialog')).toContainText('is registered as penguin-classifier v2; delete that version first');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('tab', { name: 'Registered models' }).click();
    await page.getByRole('checkbox', { name: 'Select penguin-classifier for export' }).check();
    await page.getByRole('tab', { name: 'Storage and workspace' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export selected models (1)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^modelbench-models-\d{4}-\d\d-\d\d\.zip$/);
  });

  test('train two models on penguins, register both, alias a champion, compare, reload: everything is still there', async ({ page }) => {
    test.setTimeout(240_000);
    await openSample(page, 'penguins');
    await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Train' }).click();
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await expect(train).toBeEnabled();
    for (let i = 0; i < 2; i++) {
      await train.click();
      await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0, { timeout: 120_000 });
      await expect(train).toBeEnabled();
    }
    await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Models' }).click();
    await expect(page.getByTestId('registry-status')).toContainText(/^2 runs · 0 registered models · 1 dataset/);
    const completed = runsTable(page).getByRole('button', { name: /^Register run / });
    await expect(completed).toHaveCount(2);
    for (let i = 0; i < 2; i++) {
      // A registered run is marked and offers no Register any more, so the next one is always first.
      await completed.first().click();
      await page.getByLabel('Model name').fill('penguins');
      await page.getByRole('dialog').getByRole('button', { name: 'Register' }).click();
      await expect(page.getByText(new RegExp(`as penguins v${i + 1}\\.`))).toBeVisible();
      await expect(completed).toHaveCount(1 - i);
    }
    for (const box of await runsTable(page).getByRole('checkbox').all()) await box.check();
    await expect(page.getByRole('heading', { name: 'Compare 2 runs' })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Learning curve: loss: / })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENS}/models-journey-compare.png`, fullPage: true });

    await page.getByRole('tab', { name: 'Registered models' }).click();
    await page.getByRole('button', { name: 'penguins' }).click();
    await page.getByRole('button', { name: 'Show version 1' }).click();
    await page.getByRole('button', { name: 'Promote to champion' }).click();
    await expect(page.getByText('champion now points at penguins v1.')).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/models-journey-model.png`, fullPage: true });

    await page.reload();
    await expect(page.getByTestId('registry-status')).toContainText(/^2 runs · 1 registered model · 1 dataset/);
    await page.getByRole('tab', { name: 'Registered models' }).click();
    await expect(page.getByRole('row', { name: /penguins 2 v2 champion → v1/ })).toBeVisible();
  });
});
