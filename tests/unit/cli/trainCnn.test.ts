/** `modelbench train <image folder|zip> --model cnn`, in-process on the shapes fixture. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runMain } from './runMain';
import * as tf from '@tensorflow/tfjs';
import { loadLayersFiles } from '../../../src/core/models';

const dir = mkdtempSync(join(tmpdir(), 'modelbench-cnn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const shapes = join(__dirname, '../../fixtures/images/shapes');
const zip = join(__dirname, '../../fixtures/images/shapes.zip');

const run = runMain;

test('trains on a folder, tests on a zip, and writes the model files and the run', async () => {
  const out = join(dir, 'run');
  const r = await run(['train', shapes, '--model', 'cnn', '--test', zip, '--epochs', '2', '--seed', '3', '--quiet', '--out', out]);
  expect(r.code).toBe(0);
  expect(r.err).toContain('triangle/broken.png was skipped');
  const line = JSON.parse(r.out.trim().split('\n').at(-1)!);
  const written = JSON.parse(readFileSync(join(out, 'image-run.json'), 'utf8'));
  // The zip holds the same 305 readable images, all of them the test.
  expect(written.split.test).toBe(305);
  expect(written.split.train + written.split.validation).toBe(305);
  expect(written.data.classes).toEqual(['circle', 'square', 'triangle']);
  expect(written.history).toHaveLength(2);
  expect(line.accuracy).toBe(written.metrics.accuracy);
  expect(written.confusion.flat().reduce((s: number, v: number) => s + v, 0)).toBe(305);
  const reading = JSON.parse(readFileSync(join(out, 'image-model.json'), 'utf8'));
  expect(reading).toMatchObject({ width: 32, height: 32, channels: 3, classNames: ['circle', 'square', 'triangle'] });
  expect(readFileSync(join(out, 'demo.html'), 'utf8')).toContain('<title>shapes: classify an image</title>');
  expect(readFileSync(join(out, 'scorer.mjs'), 'utf8')).toMatch(/^\/\/ scorer\.mjs for the image model "shapes"/);
  const model = await loadLayersFiles({ modelJson: readFileSync(join(out, 'model', 'model.json'), 'utf8'), weights: new Uint8Array(readFileSync(join(out, 'model', 'weights.bin'))) });
  expect(model.outputs[0].shape).toEqual([null, 3]);
  // model.onnx reads raw pixels and normalises them itself: a mid-grey image scores as TF.js scores it normalised.
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(out, 'model.onnx'))));
  const grey = new Float32Array(32 * 32 * 3).fill(128);
  const scored = (await session.run({ image: new ort.Tensor('float32', grey, [1, 32, 32, 3]) })).probabilities.data as Float32Array;
  await session.release();
  const { mean, std } = reading.normalisation;
  const expected = tf.tidy(() => (model.predict(tf.tensor4d(grey.map((v, i) => (v - mean[i % 3]) / std[i % 3]), [1, 32, 32, 3])) as tf.Tensor).dataSync());
  scored.forEach((p, j) => expect(p).toBeCloseTo(expected[j], 5));
  model.dispose();
});

test('a table, or an option out of range, is a usage error naming the fix', async () => {
  const table = await run(['train', join(__dirname, '../../../public/samples/penguins.json'), '--model', 'cnn', '--out', join(dir, 'x')]);
  expect(table.code).toBe(2);
  expect(table.err).toContain('is not an image folder or zip; --model cnn trains on images (one subfolder per class).');
  const epochs = await run(['train', shapes, '--model', 'cnn', '--epochs', '0', '--out', join(dir, 'y')]);
  expect(epochs.code).toBe(2);
  expect(epochs.err).toContain('"epochs" is 0; use a number from 1 to 500.');
});
