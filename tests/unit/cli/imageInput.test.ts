import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { imageEntriesAt, imageFeaturesFile, isImageInput, loadImageInput } from '../../../src/cli/imageInput';
import { createProgress } from '../../../src/cli/progress';
import { imageProfileText, profileImages } from '../../../src/core/image';

const out = mkdtempSync(join(tmpdir(), 'mb-images-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('image input on the command line', () => {
  test('tells image folders and zips from tables', async () => {
    expect(await isImageInput('tests/fixtures/images/shapes')).toBe(true);
    expect(await isImageInput('tests/fixtures/images/shapes.zip')).toBe(true);
    expect(await isImageInput('tests/fixtures/text/reviews.csv')).toBe(false);
  });

  test('names a folder\'s files from the folder, as the studio does for a dropped folder', async () => {
    const paths = (await imageEntriesAt('tests/fixtures/images/shapes')).map((e) => e.path);
    expect(paths).toContain('shapes/circle/000.png');
    expect(paths.every((p) => p.startsWith('shapes/'))).toBe(true);
  });

  test('a folder and its zip give the same features file', async () => {
    const quiet = createProgress({ quiet: true });
    const fromFolder = await imageFeaturesFile('tests/fixtures/images/shapes', out, 'folder.csv', quiet);
    const fromZip = await imageFeaturesFile('tests/fixtures/images/shapes.zip', out, 'zip.csv', quiet);
    const csv = readFileSync(fromFolder, 'utf8');
    expect(csv).toBe(readFileSync(fromZip, 'utf8'));
    expect(csv.split('\n')[0]).toMatch(/^file,label,red bin 1,/);
    expect(csv.trim().split('\n')).toHaveLength(306);
    expect(await imageFeaturesFile('tests/fixtures/text/reviews.csv', out, 'x.csv', quiet)).toBe('tests/fixtures/text/reviews.csv');
  });

  test('prints the profile for people', async () => {
    const text = imageProfileText(profileImages(await loadImageInput('tests/fixtures/images/shapes.zip')));
    expect(text).toContain('shapes.zip: 305 images in 3 classes');
    expect(text).toContain('[different classes: likely label noise] shapes/square/odd-one.png = shapes/triangle/005.png');
    expect(text).toContain('shapes/triangle/broken.png: it is cut short');
    expect(text).not.toMatch(/undefined|NaN/);
  });
});
