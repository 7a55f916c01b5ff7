import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { test, expect } from './fixtures';

/**
 * Image datasets in the studio, on the shapes fixture (tests/fixtures/images/make-shapes.mjs): a
 * folder dropped on the page and the same folder as a zip open as a features table; Explore's Images
 * section shows the classes, the planted duplicates (the cross-class one flagged), the corrupt file
 * and a thumbnail grid per class; the default model trains on the features and is evaluated.
 */
const ROOT = 'tests/fixtures/images/shapes';
const CODE_WORDS = /\b(undefined|NaN|null)\b|\[object/;

/**
 * Drops the fixture folder on the page. A test cannot start a real drag from the desktop, so the
 * drop event carries a stand-in for the browser's directory entries (the same calls: createReader,
 * readEntries in batches, file), built from the fixture's real files.
 */
async function dropFolder(page: Page) {
  const files = readdirSync(ROOT).flatMap((cls) => readdirSync(join(ROOT, cls)).map((name) => ({ path: `${cls}/${name}`, data: readFileSync(join(ROOT, cls, name)).toString('base64') })));
  await page.evaluate((files) => {
    const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const fileEntry = (path: string, data: string) => ({ isFile: true, isDirectory: false, name: path.split('/').pop(), fullPath: `/shapes/${path}`, file: (ok: (f: File) => void) => ok(new File([bytes(data)], path.split('/').pop()!, { type: 'image/png' })) });
    const dirEntry = (name: string, fullPath: string, children: unknown[]) => ({
      isFile: false, isDirectory: true, name, fullPath,
      createReader: () => {
        let at = 0;
        // Chromium hands out at most 100 entries per call.
        return { readEntries: (ok: (e: unknown[]) => void) => ok(children.slice(at, (at += 100))) };
      },
    });
    const classes = [...new Set(files.map((f) => f.path.split('/')[0]))];
    const root = dirEntry('shapes', '/shapes', classes.map((c) => dirEntry(c, `/shapes/${c}`, files.filter((f) => f.path.startsWith(`${c}/`)).map((f) => fileEntry(f.path, f.data)))));
    const transfer = { types: ['Files'], files: [], items: [{ kind: 'file', webkitGetAsEntry: () => root }], dropEffect: 'copy' };
    for (const type of ['dragenter', 'dragover', 'drop']) {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: transfer });
      window.dispatchEvent(event);
    }
  }, files);
}

async function expectImagesSection(page: Page) {
  await expect(page.getByTestId('dataset-ready')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('image-features')).toContainText('305 images');
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Explore' }).click();
  const section = page.getByTestId('images-section');
  await expect(section).toBeVisible({ timeout: 30_000 });
  await expect(section.getByRole('list', { name: 'Images per class' })).toContainText(/circle\s*102/);
  await expect(section.getByTestId('unreadable')).toContainText('shapes/triangle/broken.png: it is cut short');
  const dupes = section.getByTestId('duplicates');
  await expect(dupes.locator('li')).toHaveCount(7);
  await expect(dupes.locator('li.noise')).toHaveCount(1);
  await expect(dupes.locator('li.noise')).toContainText('shapes/square/odd-one.png, shapes/triangle/005.png identical');
  await expect(dupes).toContainText('shapes/circle/001.png, shapes/circle/near-001.png look alike');
  const grid = section.getByTestId('thumbnail-grid');
  await grid.scrollIntoViewIfNeeded();
  // Virtual scrolling: only the rows in view (and one more) exist, never all 102 circles.
  const shown = await grid.getByRole('img').count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(102);
  await section.getByRole('button', { name: 'triangle (101)' }).click();
  await expect(page.getByRole('region', { name: 'Images of class triangle' }).getByRole('img').first()).toHaveAttribute('aria-label', /^shapes\/triangle\//);
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByRole('region', { name: 'Images of class triangle' }).getByRole('img', { name: 'shapes/triangle/dup-c.png' })).toBeVisible();
  expect(await section.innerText()).not.toMatch(CODE_WORDS);
  return section;
}

test('an image folder dropped on the page: explore its images and train the default model on their features', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./');
  await dropFolder(page);
  const section = await expectImagesSection(page);
  for (const width of [1400, 400]) {
    // Tall enough for the whole section, so the sticky header is not stitched into the picture.
    await page.setViewportSize({ width, height: width > 1000 ? 1500 : 3000 });
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `test-results/screens/images-explore-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: 'Train' }).click();
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await train.click();
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation).toBeVisible({ timeout: 200_000 });
  await expect(evaluation).toContainText(/accuracy/i);
});

test('an image zip and an image folder chosen with the pickers open the same dataset', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  await page.getByLabel('Open dataset').setInputFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: readFileSync('tests/fixtures/images/shapes.zip') });
  await expectImagesSection(page);
  await page.goto('./');
  await expect(page.getByTestId('dataset-ready')).toHaveCount(0);
  await page.getByLabel('Open an image folder').setInputFiles(ROOT);
  await expect(page.getByRole('heading', { name: 'shapes (image features).csv' })).toBeVisible({ timeout: 90_000 });
  await expectImagesSection(page);
});

test('a folder without class subfolders is refused with the layout it needs', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Open dataset').setInputFiles({ name: 'flat.zip', mimeType: 'application/zip', buffer: flatZip() });
  await expect(page.getByRole('alert')).toContainText('All the 2 images in "flat.zip" are in one folder ("flat"), so there is no second class to tell apart. Expected one subfolder per class');
});

/** A zip of two images side by side, with no class folders. */
function flatZip(): Buffer {
  const png = readFileSync(join(ROOT, 'circle/000.png'));
  return Buffer.from(zipSync({ 'flat/a.png': png, 'flat/b.png': png }));
}
