/**
 * scorer.mjs of an image model, imported from a temporary folder (no node_modules within reach):
 * it classifies the fixture PNGs as the studio does (the studio's decoder and resize, then TF.js),
 * takes decoded pixels, explains JPEG, and refuses unreadable bytes with a clear message.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decode as decodeJpeg, encode as encodeJpeg } from 'jpeg-js';
import { decodeImageBytes, loadImages, zipEntries, type ImageSet } from '../../../../../src/core/image';
import { imageModelFiles, predictImages, trainCnn } from '../../../../../src/core/image/cnn';
import type { ImageScorer } from '../../../../../src/core/image/cnn/imageScorerRuntime';
import { layersFiles, useBackend } from '../../../../../src/core/models';

const FIXTURE = 'tests/fixtures/images/shapes';

interface Trained {
  set: ImageSet;
  proba: Float32Array;
  scorer: ImageScorer;
  source: string;
}

async function trainAndExport(channels: 1 | 3, size: number, dir: string): Promise<Trained> {
  await useBackend('wasm');
  const { set } = await loadImages(zipEntries(await readFile(`${FIXTURE}.zip`)), 'shapes', decodeImageBytes, { size, channels });
  const t = await trainCnn(set, { epochs: 1, filters: [3, 4], units: 8, earlyStopping: false, seed: 3 });
  try {
    const all = Int32Array.from(set.labels, (_, i) => i);
    const proba = await predictImages(t.model, set, all, t.normalisation);
    const model = { files: await layersFiles({ model: t.model }), normalisation: t.normalisation, classNames: set.classNames, width: size, height: size, channels };
    const files = imageModelFiles(model, 'Shapes');
    const folder = join(dir, `${channels}-${size}`);
    await mkdir(join(folder, 'model'), { recursive: true });
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(folder, name), bytes);
    const scorer = (await import(pathToFileURL(join(folder, 'scorer.mjs')).href)) as ImageScorer;
    return { set, proba, scorer, source: new TextDecoder().decode(files['scorer.mjs']) };
  } finally {
    t.model.dispose();
  }
}

/** The fixture file behind image `i` of the set (its name is "shapes/class/file.png"). */
const fileOf = (set: ImageSet, i: number) => readFile(join(FIXTURE, set.names[i].split('/').slice(1).join('/')));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelbench-image-scorer-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each([
  ['RGB at 16 × 16 (shrunk from 32)', 3, 16],
  ['grey at 12 × 12', 1, 12],
] as const)('scorer.mjs, %s', (_, channels, size) => {
  let m: Trained;
  beforeAll(async () => {
    m = await trainAndExport(channels, size, dir);
  }, 120_000);

  test('is one dependency-free module that says how to use it', () => {
    expect(m.source).not.toMatch(/^\s*import\s/m);
    expect(m.source).toMatch(/^\/\/ scorer\.mjs for the image model "Shapes"/);
    expect(m.source).toContain('jpeg.decode(');
    expect(m.scorer.meta).toEqual({ name: 'Shapes', classNames: ['circle', 'square', 'triangle'], width: size, height: size, channels });
  });

  test('classifies PNG bytes as the studio does: the same pixels, and TF.js\'s probabilities', async () => {
    const k = m.set.classNames.length;
    const plane = size * size * channels;
    for (let i = 0; i < m.set.labels.length; i += 7) {
      const bytes = await fileOf(m.set, i);
      expect(m.scorer.prepare(bytes)).toEqual(m.set.pixels.subarray(i * plane, (i + 1) * plane));
      const { label, probabilities } = m.scorer.classify(bytes);
      expect(Object.keys(probabilities)).toEqual(m.set.classNames);
      const studio = m.proba.subarray(i * k, (i + 1) * k);
      m.set.classNames.forEach((name, c) => expect(Math.abs(probabilities[name] - studio[c])).toBeLessThanOrEqual(1e-6));
      expect(label).toBe(m.set.classNames[studio.indexOf(Math.max(...studio))]);
    }
  });

  test('takes decoded pixels: RGBA, RGB and an ArrayBuffer of PNG bytes alike', async () => {
    const bytes = await fileOf(m.set, 4);
    const expected = m.scorer.classify(bytes);
    const rgba = await decodeImageBytes(new Uint8Array(bytes), 'x.png');
    expect(m.scorer.classify(rgba)).toEqual(expected);
    const rgb = { width: rgba.width, height: rgba.height, data: rgba.data.filter((_, j) => j % 4 !== 3) };
    expect(m.scorer.classify(rgb)).toEqual(expected);
    expect(m.scorer.classify(new Uint8Array(bytes).slice().buffer)).toEqual(expected);
  });
});

describe('scorer.mjs with other input', () => {
  let scorer: ImageScorer;
  beforeAll(async () => {
    ({ scorer } = await trainAndExport(3, 8, dir));
  }, 120_000);

  test('explains that JPEG bytes must be decoded first, and classifies them once decoded with jpeg-js', async () => {
    const rgba = await decodeImageBytes(new Uint8Array(await readFile(`${FIXTURE}/circle/000.png`)), 'x.png');
    const jpeg = new Uint8Array(encodeJpeg({ width: rgba.width, height: rgba.height, data: rgba.data }, 95).data);
    expect(() => scorer.classify(jpeg)).toThrow(/This is a JPEG image.*jpeg-js.*classify\(jpeg\.decode\(bytes, \{ useTArray: true \}\)\)/);
    // The header's one-line example, as written there.
    const viaJpegJs = scorer.classify(decodeJpeg(jpeg, { useTArray: true }));
    expect(viaJpegJs).toEqual(scorer.classify(await decodeImageBytes(jpeg, 'x.jpg')));
  });

  test.each([
    ['garbage bytes', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), /^These 9 bytes could not be read as an image: it is not a PNG \(the signature is missing\) \(they start with 01 02 03 04\); scorer\.mjs reads PNG bytes/],
    ['no bytes', new Uint8Array(0), /^The image is empty \(0 bytes\)/],
    ['a GIF', new TextEncoder().encode('GIF89a........'), /^This is a GIF image; scorer\.mjs reads PNG bytes .* or convert it to PNG\.$/],
  ])('refuses %s with a clear message', (_, bytes, message) => {
    expect(() => scorer.classify(bytes)).toThrow(message);
  });

  test('refuses a PNG cut short, pixels of the wrong size and things that are not images', async () => {
    const png = new Uint8Array(await readFile(`${FIXTURE}/triangle/broken.png`));
    expect(() => scorer.classify(png)).toThrow(/could not be read as an image: it is cut short/);
    expect(() => scorer.classify({ width: 2, height: 2, data: new Uint8Array(10) })).toThrow("The pixels' data holds 10 values; a 2 × 2 image needs 16 (RGBA), 12 (RGB) or 4 (grey).");
    expect(() => scorer.classify({ width: 0, height: 2, data: [] })).toThrow(/whole numbers above 0; got 0 × 2/);
    expect(() => scorer.classify('photo.png' as unknown as Uint8Array)).toThrow(/classify was given string; scorer\.mjs reads PNG bytes/);
  });
});
