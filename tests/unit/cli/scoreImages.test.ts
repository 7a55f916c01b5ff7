/** `modelbench score <image model> <images…>`, in-process: the model's own scorer.mjs classifies PNG and JPEG files, folders and zips. */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encode as encodeJpeg } from 'jpeg-js';
import { runMain } from './runMain';
import { decodeImageBytes, loadImages, zipEntries } from '../../../src/core/image';
import { imageModelFiles, imageModelZip, trainCnn, type ImageScorer } from '../../../src/core/image/cnn';
import { layersFiles, useBackend } from '../../../src/core/models';
import { readTable, memorySource } from '../../../src/core/table';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-score-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const shapes = join(__dirname, '../../fixtures/images/shapes');
const modelDir = join(dir, 'model');
const modelZip = join(dir, 'shapes image model.zip');
let scorer: ImageScorer;

const run = runMain;

beforeAll(async () => {
  // A small network, written as `train --model cnn` and the studio write it: a folder and a zip.
  await useBackend('wasm');
  const { set } = await loadImages(zipEntries(readFileSync(`${shapes}.zip`)), 'shapes', decodeImageBytes, { size: 8 });
  const t = await trainCnn(set, { epochs: 1, filters: [3, 4], units: 8, earlyStopping: false, seed: 2 });
  const model = { files: await layersFiles({ model: t.model }), normalisation: t.normalisation, classNames: set.classNames, width: 8, height: 8, channels: set.channels };
  t.model.dispose();
  mkdirSync(join(modelDir, 'model'), { recursive: true });
  for (const [name, bytes] of Object.entries(imageModelFiles(model, 'shapes'))) writeFileSync(join(modelDir, name), bytes);
  writeFileSync(modelZip, imageModelZip(model, 'shapes'));
  scorer = (await import(pathToFileURL(join(modelDir, 'scorer.mjs')).href)) as ImageScorer;
  // A JPEG of the first circle, and a folder with a PNG, a damaged PNG and a file that is no image.
  const circle = await decodeImageBytes(new Uint8Array(readFileSync(join(shapes, 'circle/000.png'))), 'x');
  mkdirSync(join(dir, 'mixed'));
  writeFileSync(join(dir, 'mixed', 'circle.jpg'), encodeJpeg({ ...circle, data: circle.data }, 90).data);
  copyFileSync(join(shapes, 'square/003.png'), join(dir, 'mixed', 'square.png'));
  copyFileSync(join(shapes, 'triangle/broken.png'), join(dir, 'mixed', 'broken.png'));
  writeFileSync(join(dir, 'mixed', 'notes.md'), 'not an image');
}, 120_000);

describe('score with an image model', () => {
  test('prints CSV of every image of a folder and of a single file, as scorer.mjs classifies them', async () => {
    const r = await run(['score', modelDir, join(shapes, 'circle'), join(shapes, 'square/000.png')]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const { table } = await readTable(memorySource(new TextEncoder().encode(r.out), 'p.csv'));
    expect(table.columns.map((c) => c.name)).toEqual(['file', 'label', 'p_circle', 'p_square', 'p_triangle']);
    const circles = readdirSync(join(shapes, 'circle')).filter((f) => f.endsWith('.png'));
    expect(table.rowCount).toBe(circles.length + 1);
    const lines = r.out.trim().split('\n').slice(1);
    expect(lines[0]).toMatch(/^circle\/000\.png,/);
    expect(lines.at(-1)).toMatch(/square\/000\.png,/);
    const [file, label, ...ps] = lines[0].split(',');
    const expected = scorer.classify(readFileSync(join(shapes, file)));
    expect(label).toBe(expected.label);
    expect(ps.map(Number)).toEqual(scorer.meta.classNames.map((c) => expected.probabilities[c]));
  });

  test('from the zip, writes --out, decodes JPEG for scorer.mjs, and skips what it cannot read with the reason', async () => {
    const out = join(dir, 'p.csv');
    const r = await run(['score', modelZip, join(dir, 'mixed'), '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ out, images: 3, classified: 2, skipped: 1 });
    expect(r.err).toMatch(/^warning: mixed\/broken\.png was skipped: These [\d,]+ bytes could not be read as an image: it is cut short/);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows.map((l) => l.split(',')[0])).toEqual(['file', 'mixed/circle.jpg', 'mixed/square.png']);
    const jpeg = await decodeImageBytes(new Uint8Array(readFileSync(join(dir, 'mixed', 'circle.jpg'))), 'x');
    expect(rows[1].split(',')[1]).toBe(scorer.classify(jpeg).label);
  });

  test.each([
    ['a table given to an image model', () => [modelDir, join(__dirname, '../../../public/samples/seattle-weather.csv')], /seattle-weather\.csv is a table, but .* is an image model, which classifies images/],
    ['an image given to a table bundle', () => [join(dir, 'bundle.zip'), join(shapes, 'circle/000.png'), '--out', join(dir, 'x.csv')], /000\.png is an image, but .*bundle\.zip is not an image model\. Images are classified with an image model folder or zip/],
    ['a folder that is no model', () => [shapes, join(shapes, 'circle/000.png')], /shapes is a folder without image-model\.json, so it is not a model/],
    ['no images at all', () => [modelDir], /Name at least one image, or a folder or zip of images/],
    ['a folder with no image files', () => [modelDir, join(modelDir, 'model')], /hold no image files/],
    ['an unknown --out format', () => [modelDir, shapes, '--out', join(dir, 'p.xlsx')], /--out .*p\.xlsx must end in \.csv, \.parquet, \.arrow or \.feather/],
  ])('%s is a usage error that says what to do', async (_, args, message) => {
    const r = await run(['score', ...args()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test('a model written before scorer.mjs existed is named, with the remedy', async () => {
    const old = join(dir, 'old');
    mkdirSync(old);
    copyFileSync(join(modelDir, 'image-model.json'), join(old, 'image-model.json'));
    const r = await run(['score', old, join(shapes, 'circle/000.png')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('has no scorer.mjs: it was written before image models carried one. Train it again');
  });
});
