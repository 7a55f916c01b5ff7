/** `modelbench train <images> --extractor model.json|model.onnx`, in-process on the shapes fixture. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runMain } from './runMain';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-extractor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const images = join(__dirname, '../../fixtures/images');
const shapes = join(images, 'shapes');
const header = (file: string) => readFileSync(file, 'utf8').split(/\r?\n/)[0].split(',');
const rows = (file: string) => readFileSync(file, 'utf8').trim().split(/\r?\n/).length - 1;

test('trains on a TF.js extractor’s features of a folder, tested on the same extractor’s features of a zip', async () => {
  const out = join(dir, 'tfjs');
  const r = await runMain(['train', shapes, '--test', join(images, 'shapes.zip'), '--extractor', join(images, 'tiny-cnn/model.json'), '--model', 'logistic', '--quiet', '--out', out]);
  expect(r.code, r.err).toBe(0);
  expect(r.err).toContain('tiny-cnn: 8 features per image, from 32 × 32 colour pixels scaled 0 to 1. Its last layer, "classes", is a classifier\'s softmax');
  expect(r.err).toContain('triangle/broken.png was skipped');
  for (const file of ['features.csv', 'test-features.csv']) {
    expect(header(join(out, file))).toEqual(['file', 'label', ...Array.from({ length: 8 }, (_, k) => `feature ${k + 1}`)]);
    expect(rows(join(out, file))).toBe(305);
  }
  const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  expect(run.spec.kind).toBe('logistic');
});

test('an ONNX model works as an extractor: the CNN the CLI exported, reading raw pixels', async () => {
  const cnn = join(dir, 'cnn');
  expect((await runMain(['train', shapes, '--model', 'cnn', '--epochs', '1', '--seed', '2', '--quiet', '--out', cnn])).code).toBe(0);
  const out = join(dir, 'onnx');
  const r = await runMain(['train', shapes, '--extractor', join(cnn, 'model.onnx'), '--extractor-scale', 'bytes', '--model', 'logistic', '--quiet', '--out', out]);
  expect(r.code, r.err).toBe(0);
  expect(r.err).toContain('model: 3 features per image, from 32 × 32 colour pixels scaled 0 to 255.');
  const csv = readFileSync(join(out, 'features.csv'), 'utf8').trim().split(/\r?\n/);
  expect(csv[0]).toBe('file,label,feature 1,feature 2,feature 3');
  // The CNN's probabilities: each row sums to 1.
  const sum = csv[1].split(',').slice(2).map(Number).reduce((s, v) => s + v, 0);
  expect(sum).toBeCloseTo(1, 4);
});

test('a missing weights file, an extractor for a table, and an unknown scale say what to do', async () => {
  const lonely = join(dir, 'lonely');
  mkdirSync(lonely, { recursive: true });
  copyFileSync(join(images, 'tiny-cnn/model.json'), join(lonely, 'model.json'));
  const missing = await runMain(['train', shapes, '--extractor', join(lonely, 'model.json'), '--quiet', '--out', join(dir, 'x')]);
  expect(missing.code).not.toBe(0);
  expect(missing.err).toMatch(/model\.json lists a weights file that was not chosen: weights\.bin/);
  const table = await runMain(['train', join(__dirname, '../../fixtures/text/reviews.csv'), '--target', 'label', '--extractor', join(images, 'tiny-cnn/model.json'), '--out', join(dir, 'y')]);
  expect(table.code).toBe(2);
  expect(table.err).toMatch(/--extractor computes the features of images: give an image folder or zip/);
  const scale = await runMain(['train', shapes, '--extractor', join(images, 'tiny-cnn/model.json'), '--extractor-scale', 'percent', '--out', join(dir, 'z')]);
  expect(scale.code).toBe(2);
  expect(scale.err).toMatch(/--extractor-scale percent is not one of unit \(0 to 1\), signed \(−1 to 1\), bytes \(0 to 255\)/);
});
