/**
 * Issue 20, TDSP progress: a project's board ticks items as the journey produces evidence (charter
 * written, data report downloaded, a model trained past the success threshold, registered, timed
 * and exported), the ticks survive a reload, and the four documents download as Markdown and as
 * HTML that opens in a fresh offline page without a single request.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openSample } from './fixtures';
import { DOCUMENTS } from '../../src/core/project';

const SCREENS = 'test-results/screens';

const item = (page: Page, id: string) => page.getByTestId(`item-${id}`);
const nav = (page: Page) => page.getByRole('navigation', { name: 'Stages' });

/** One line: the header is no taller than twice its tallest link or button. */
async function headerIsOneLine(page: Page) {
  const header = await page.locator('header.topbar').evaluate((h) => ({ height: h.getBoundingClientRect().height, line: Math.max(...[...h.querySelectorAll('a, button')].map((e) => e.getBoundingClientRect().height)) }));
  expect(header.height).toBeLessThan(header.line * 2);
}

async function openProject(page: Page) {
  const help = page.getByRole('group', { name: 'Help' });
  if (await help.getByRole('button', { name: 'Help' }).isVisible()) await help.getByRole('button', { name: 'Help' }).click();
  await help.getByRole('button', { name: 'Project' }).click();
  await expect(page.getByRole('heading', { name: /^Project/, level: 1 })).toBeVisible();
}

test('the board ticks from the journey and the four documents download and open offline', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await openSample(page, 'penguins');
  await headerIsOneLine(page);

  // A newcomer's project exists without a form; the charter is filled in later.
  await openProject(page);
  await expect(page.getByTestId('board-count')).toContainText(/^0 of 16 items done\.$/);
  await page.getByLabel('Project name').fill('Penguin species');
  await page.getByLabel(/^Business question/).fill('Which species is a penguin, from its measurements?');
  await page.getByLabel(/^Stakeholders/).fill('Field biologists');
  await page.getByLabel(/^Data sources/).fill('Palmer Station LTER');
  await page.getByLabel('Better than the baseline by at least (%)').fill('150');
  await page.getByRole('button', { name: 'Save the charter' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The success threshold must be a percentage above 0 and below 100' })).toBeVisible();
  await page.getByLabel('Better than the baseline by at least (%)').fill('10');
  await page.getByRole('button', { name: 'Save the charter' }).click();
  await expect(page.getByText('Charter saved.')).toBeVisible();
  await expect(item(page, 'question')).toContainText('The charter asks: “Which species is a penguin');
  await expect(item(page, 'success')).toContainText('at least 10 % better than the baseline');
  await expect(item(page, 'people')).toContainText('Stakeholders: Field biologists.');

  await nav(page).getByRole('link', { name: 'Explore' }).click();
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-state', 'complete', { timeout: 60_000 });
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report (HTML)' }).click()]);

  await nav(page).getByRole('link', { name: 'Train' }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('evaluation')).toContainText('Evaluation:', { timeout: 120_000 });

  await nav(page).getByRole('link', { name: 'Models' }).click();
  await page.getByRole('table', { name: 'Runs' }).getByRole('button', { name: /^Register run / }).first().click();
  await page.getByLabel('Model name').fill('penguins');
  await page.getByRole('dialog').getByRole('button', { name: 'Register' }).click();
  await expect(page.getByText(/as penguins v1\./)).toBeVisible();

  await nav(page).getByRole('link', { name: 'Deploy' }).click();
  const model = page.getByRole('combobox', { name: 'Model' });
  await expect(model).toContainText('penguins v1 (registered)', { timeout: 30_000 });
  await model.selectOption({ label: 'penguins v1 (registered)' });
  await page.getByRole('button', { name: 'Check latency' }).click();
  const verdict = page.getByTestId('latency-verdict');
  await expect(verdict).toBeVisible({ timeout: 120_000 });
  const passed = /Passes/.test((await verdict.textContent()) ?? '');
  await expect(page.getByText(/Latency kept on penguins v1/)).toBeVisible();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export bundle' }).click()]);

  await openProject(page);
  await expect(item(page, 'dataset')).toContainText('Palmer penguins: 344 rows');
  await expect(item(page, 'report')).toContainText(/The exploration report of .* was downloaded \(HTML\)/);
  await expect(item(page, 'trained')).toContainText('finished training');
  await expect(item(page, 'baseline')).toContainText(/better than its baseline \(the threshold is 10 %\)/);
  await expect(item(page, 'registered')).toContainText('penguins v1 was registered');
  await expect(item(page, 'bundle')).toContainText('penguins-v1.zip was exported');
  if (passed) await expect(item(page, 'latency')).toContainText('penguins v1 met the p95 ≤ 10 ms target.');
  else await expect(item(page, 'latency')).toContainText('Check latency on a registered version');
  await expect(item(page, 'gate')).toContainText('Release through modelbench pipeline run');
  // Each tick links to its evidence: the registered version lives in Models.
  await expect(item(page, 'registered').getByRole('link', { name: /^See it/ })).toHaveAttribute('href', '#models');
  await page.getByRole('checkbox', { name: 'Customer signed off' }).check();
  await expect(item(page, 'signoff')).toContainText('Ticked by you on');
  await expect(page.getByTestId('board-count')).toContainText(passed ? /^11 of 16/ : /^10 of 16/);
  await page.screenshot({ path: `${SCREENS}/project-board.png`, fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  for (const doc of DOCUMENTS) {
    const label = doc.label.toLowerCase();
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download the ${label} as Markdown` }).click()]);
    expect(md.suggestedFilename()).toBe(`penguin-species-${doc.kind}.md`);
    const markdown = await readFile((await md.path())!, 'utf8');
    expect(markdown).toMatch(new RegExp(`^# ${doc.label === 'Charter' ? 'Project charter' : doc.label}: Penguin species\\n`));

    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download the ${label} as HTML` }).click()]);
    const text = await readFile((await html.path())!, 'utf8');
    expect(text).not.toMatch(/<script|\bsrc=|<link|@import|url\(/i);
    const context = await browser.newContext({ offline: true });
    const fresh = await context.newPage();
    const requests: string[] = [];
    fresh.on('request', (r) => requests.push(r.url()));
    await fresh.setContent(text);
    await expect(fresh.getByRole('heading', { level: 1 })).toContainText('Penguin species');
    if (doc.kind === 'model-report') await expect(fresh.getByRole('heading', { name: 'Results (model performance)' })).toBeVisible();
    if (doc.kind === 'data-report') await expect(fresh.getByRole('heading', { name: 'Individual variables' })).toBeVisible();
    if (doc.kind === 'exit-report') await expect(fresh.getByText('penguins-v1.zip (penguins v1)')).toBeVisible();
    if (doc.kind === 'charter') {
      await expect(fresh.getByText('Field biologists', { exact: true })).toBeVisible();
      await expect(fresh.locator('li', { hasText: 'A model registered' }).getByRole('checkbox')).toBeChecked();
      await expect(fresh.locator('li', { hasText: 'Release gate passed' }).getByRole('checkbox')).not.toBeChecked();
    }
    await fresh.screenshot({ path: `${SCREENS}/project-${doc.kind}.png`, fullPage: true });
    expect(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
    await context.close();
  }

  // The project lives in IndexedDB: a reload by address shows the same board.
  await page.goto('./#project');
  await expect(page.getByRole('heading', { name: 'Project: Penguin species', level: 1 })).toBeVisible();
  await expect(item(page, 'bundle')).toContainText('penguins-v1.zip was exported');
  await expect(item(page, 'signoff')).toContainText('Ticked by you on');

  // A phone: the header stays one line and the project is one tap into Help, with nothing scrolling sideways.
  await page.setViewportSize({ width: 400, height: 860 });
  await nav(page).getByRole('link', { name: 'Data' }).click();
  await headerIsOneLine(page);
  await openProject(page);
  await headerIsOneLine(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SCREENS}/project-400.png`, fullPage: true });
  // The keyboard reaches every manual tick.
  await page.getByRole('checkbox', { name: 'Data quality reviewed with its owner' }).focus();
  await page.keyboard.press('Space');
  await expect(item(page, 'reviewed')).toContainText('Ticked by you on');
});

test('at the narrowest wide layout the header with its Project button stays on one line', async ({ page }) => {
  await page.setViewportSize({ width: 1260, height: 860 });
  await page.goto('./');
  await expect(page.getByRole('group', { name: 'Help' }).getByRole('button', { name: 'Project' })).toBeVisible();
  await headerIsOneLine(page);
  await page.getByRole('button', { name: 'Plan a project' }).click();
  await expect(page.getByRole('heading', { name: /^Project/, level: 1 })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Data' })).not.toHaveAttribute('aria-current', 'page');
});
