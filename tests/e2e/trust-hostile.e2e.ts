import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openSample } from './fixtures';
import { explore, stageLink } from './trust-journey';
import * as hostile from '../fixtures/hostile/hostile';

/**
 * Hostile files through the studio's own file picker, on top of an open dataset. Each either loads
 * into the table it describes or is refused with a message naming the file; either way the open
 * dataset stays usable and the next file opens. The outcome of each is recorded as an annotation.
 */
const dir = mkdtempSync(join(tmpdir(), 'mb-hostile-'));

/** Written to disk: Playwright sends large buffers badly, and a path is what a person picks. */
function onDisk(file: hostile.HostileFile): string {
  const path = join(dir, file.name);
  writeFileSync(path, file.bytes);
  return path;
}

type Expected = { loads: RegExp; warning?: RegExp } | { refused: RegExp };

const CASES: { input: string; file: () => hostile.HostileFile; expected: Expected }[] = [
  { input: 'headers __proto__, constructor, prototype (CSV)', file: hostile.protoHeadersCsv, expected: { loads: /\b3 rows? × 5 columns/ } },
  { input: 'keys __proto__, constructor, prototype (JSON)', file: hostile.protoHeadersJson, expected: { loads: /\b3 rows? × 3 columns/ } },
  { input: '1 data row', file: hostile.oneRowCsv, expected: { loads: /\b1 row × 3 columns/ } },
  { input: '0 data rows', file: hostile.zeroRowsCsv, expected: { loads: /\b0 rows? × 3 columns/, warning: /no data rows/i } },
  { input: 'quote never closed at EOF', file: hostile.unbalancedQuoteCsv, expected: { loads: /\b2 rows? × 2 columns/, warning: /never closed/ } },
  { input: 'NUL bytes in a tiny CSV', file: hostile.nulBytesCsv, expected: { refused: /nul-bytes\.csv.*binary/ } },
  { input: 'one stray NUL byte in 2,000 rows', file: hostile.strayNulCsv, expected: { loads: /\b2,000 rows? × 3 columns/ } },
  { input: 'JSON nested 100,000 levels', file: () => hostile.deepJson(100_000), expected: { refused: /deep\.json.*levels deep/ } },
  { input: 'Parquet with a corrupted footer', file: hostile.corruptFooterParquet, expected: { refused: /corrupt-footer\.parquet.*footer/ } },
];

async function openHostile(page: Page, file: hostile.HostileFile, expected: Expected): Promise<string> {
  await page.getByLabel('Open another dataset').setInputFiles(onDisk(file));
  if ('loads' in expected) {
    await expect(page.getByRole('heading', { name: file.name })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(expected.loads)).toBeVisible();
    if (expected.warning) await expect(page.locator('.warnings')).toContainText(expected.warning);
    return `loaded: ${(await page.getByText(expected.loads).textContent())?.match(expected.loads)?.[0]}${expected.warning ? ' + warning' : ''}`;
  }
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(expected.refused, { timeout: 60_000 });
  const message = (await alert.textContent())!.replace(/\s+/g, ' ').trim();
  await expect(page.getByRole('heading', { name: 'Palmer penguins' })).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss this message' }).click();
  return `refused: ${message.slice(0, 160)}`;
}

/** The studio still works: another small file opens and shows its rows. */
async function stillUsable(page: Page) {
  await page.getByLabel('Open another dataset').setInputFiles({ name: 'after.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n1,2\n') });
  await expect(page.getByRole('heading', { name: 'after.csv' })).toBeVisible();
  await expect(page.getByText(/\b1 row × 2 columns/)).toBeVisible();
}

test.describe('Hostile inputs', () => {
  for (const c of CASES) {
    test(`${c.input}: ${'loads' in c.expected ? 'loads' : 'is refused clearly'}; the page stays usable`, async ({ page }) => {
      await openSample(page, 'penguins');
      const outcome = await openHostile(page, c.file(), c.expected);
      test.info().annotations.push({ type: 'tally', description: `${c.input} → ${outcome}` });
      await stillUsable(page);
    });
  }

  test('__proto__ / constructor / prototype columns go through Explore, Prepare and Train', async ({ page }) => {
    await page.goto('./');
    const rows = ['__proto__,constructor,prototype,label'];
    for (let i = 0; i < 120; i++) rows.push(`${i % 7},${(i * 13) % 11},${i % 2 ? 'a' : 'b'},${i % 3 === 0 ? 'yes' : 'no'}`);
    await page.getByLabel('Open dataset').setInputFiles({ name: 'proto.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await expect(page.getByTestId('dataset-ready')).toBeVisible();
    await explore(page);
    await expect(page.getByRole('heading', { name: '__proto__' }).first()).toBeVisible();
    await stageLink(page, 'Train').click();
    await page.getByRole('combobox', { name: 'Target column' }).selectOption('label');
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.locator('.runs tbody tr').first()).toContainText('completed', { timeout: 120_000 });
    await expect(page.getByTestId('evaluation')).toBeVisible();
    test.info().annotations.push({ type: 'tally', description: '__proto__/constructor/prototype columns → explored, trained' });
    await page.screenshot({ path: 'test-results/screens/hostile-proto-trained.png', fullPage: true });
  });

  test('a zip bomb given to "Import workspace" is refused with a clear message; the registry stays usable', async ({ page }) => {
    await page.goto('./#models');
    const status = page.getByTestId('registry-status');
    await expect(status).toHaveAttribute('data-state', 'ready');
    await page.getByRole('tab', { name: 'Storage and workspace' }).click();
    for (const bomb of [hostile.zipBomb(200), hostile.lyingZipBomb(200)]) {
      await page.getByLabel('Workspace file to import').setInputFiles(onDisk(bomb));
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(new RegExp(`${bomb.name.replace('.', '\\.')} was not imported[\\s\\S]*(cannot be imported|damaged)[\\s\\S]*Nothing was`), { timeout: 60_000 });
      test.info().annotations.push({ type: 'tally', description: `${bomb.name} (${(bomb.bytes.length / 1e3).toFixed(0)} KB → 200 MB) → refused: ${((await alert.textContent()) ?? '').replace(/\s+/g, ' ').slice(0, 160)}` });
      await page.getByRole('button', { name: 'Dismiss this message' }).click();
    }
    await expect(page.getByRole('button', { name: 'Import workspace' })).toBeEnabled();
  });

  test.describe('large', () => {
    test.describe.configure({ timeout: 240_000 });

    test('a 50 MB single field loads in 3 rows and the page stays usable', async ({ page }) => {
      await openSample(page, 'penguins');
      const outcome = await openHostile(page, hostile.hugeFieldCsv(50), { loads: /\b3 rows? × 3 columns/ });
      test.info().annotations.push({ type: 'tally', description: `50 MB single field → ${outcome}` });
      const longest = await page.getByRole('gridcell').evaluateAll((cells) => Math.max(...cells.map((c) => (c.textContent ?? '').length)));
      test.info().annotations.push({ type: 'longest grid cell (characters in the DOM)', description: String(longest) });
      // The 52,428,800-character field is shown cut, with its length, not put whole into the DOM.
      expect(longest).toBeLessThan(1000);
      await expect(page.getByRole('gridcell').filter({ hasText: '… (52,428,800 characters)' })).toHaveCount(1);
      await stillUsable(page);
    });

    test('10,000 columns load and the studio stays usable', async ({ page }) => {
      await openSample(page, 'penguins');
      const outcome = await openHostile(page, hostile.wideCsv(10_000, 20), { loads: /\b20 rows? × 10,000 columns/ });
      test.info().annotations.push({ type: 'tally', description: `10,000 columns → ${outcome}` });
      await expect(page.getByRole('columnheader', { name: /^c0(?!\d)/ })).toBeVisible();
      // The grid is virtual in both directions: a few dozen header cells, not 10,000.
      expect(await page.getByRole('columnheader').count()).toBeLessThan(200);
      await stillUsable(page);
    });
  });
});
