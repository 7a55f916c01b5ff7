import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBackend } from '../../../../../src/core/models';
import { decodeImageBytes, loadImages, resizeImage, type ImageEntry } from '../../../../../src/core/image';
import { extractFeatures, extractorArtifacts, loadExtractor, type ExtractorFile } from '../../../../../src/core/image/extractor';
import type { NumericColumn, StringColumn } from '../../../../../src/core/table';

const FIXTURES = join(import.meta.dirname, '../../../../fixtures/images');
const modelFiles = (folder: string): ExtractorFile[] =>
  readdirSync(join(FIXTURES, folder)).map((name) => ({ name: `${folder}/${name}`, bytes: new Uint8Array(readFileSync(join(FIXTURES, folder, name))) }));
const shapes = (): ImageEntry[] =>
  readdirSync(join(FIXTURES, 'shapes'), { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => join(f.parentPath, f.name))
    .map((full) => ({ path: `shapes/${relative(join(FIXTURES, 'shapes'), full)}`, read: async () => new Uint8Array(readFileSync(full)) }));

beforeAll(async () => {
  expect(await useBackend('wasm')).toBe('wasm');
});

describe('extractorArtifacts', () => {
  test('reads a layers model and names it after its folder when the file is model.json', () => {
    const read = extractorArtifacts(modelFiles('tiny-cnn'));
    expect(read).toMatchObject({ name: 'tiny-cnn', format: 'layers-model' });
    expect((read.artifacts.weightData as ArrayBuffer).byteLength).toBe(readFileSync(join(FIXTURES, 'tiny-cnn/weights.bin')).length);
    expect(extractorArtifacts(modelFiles('edge-filter')).format).toBe('graph-model');
  });

  test('says which weights file is missing, and refuses ONNX, two models, and JSON that is no model', () => {
    const [json] = modelFiles('tiny-cnn').filter((f) => f.name.endsWith('.json'));
    expect(() => extractorArtifacts([json])).toThrow(/lists a weights file that was not chosen: weights\.bin\. Choose it together with model\.json/);
    expect(() => extractorArtifacts([{ name: 'net.onnx', bytes: new Uint8Array(4) }])).toThrow(/net\.onnx is an ONNX model.*modelbench train <images> --extractor net\.onnx/);
    expect(() => extractorArtifacts([...modelFiles('tiny-cnn'), ...modelFiles('edge-filter')])).toThrow(/2 JSON files were chosen/);
    expect(() => extractorArtifacts([{ name: 'weights.bin', bytes: new Uint8Array(4) }])).toThrow(/No model\.json among weights\.bin/);
    expect(() => extractorArtifacts([{ name: 'model.json', bytes: new TextEncoder().encode('{"a":') }])).toThrow(/model\.json is not valid JSON/);
    expect(() => extractorArtifacts([{ name: 'model.json', bytes: new TextEncoder().encode('{"a":1}') }])).toThrow(/not a TensorFlow\.js model: it has no "modelTopology"/);
  });
});

describe('loadExtractor', () => {
  test('drops a classifier’s softmax head: the features are the layer before it', async () => {
    const extractor = await loadExtractor(extractorArtifacts(modelFiles('tiny-cnn')), 'unit');
    try {
      expect(extractor).toMatchObject({ width: 32, height: 32, channels: 3, dims: 8 });
      expect(extractor.note).toMatch(/last layer, "classes", is a classifier's softmax/);
    } finally {
      extractor.dispose();
    }
  });

  test('averages a graph model’s feature map over its positions, and refuses a model that takes no image', async () => {
    const extractor = await loadExtractor(extractorArtifacts(modelFiles('edge-filter')), 'unit');
    try {
      expect(extractor).toMatchObject({ width: 16, height: 16, channels: 3, dims: 4, format: 'graph-model' });
      expect(extractor.note).toMatch(/feature map, averaged over its positions/);
      // A flat image has no edges.
      const flat = Array.from(await extractor.run(new Uint8Array(16 * 16 * 3).fill(90), 1));
      expect(flat).toHaveLength(4);
      flat.forEach((v) => expect(v).toBeCloseTo(0, 6));
    } finally {
      extractor.dispose();
    }
    const dense = tf.sequential({ layers: [tf.layers.dense({ inputShape: [10], units: 2 })] });
    let saved: tf.io.ModelArtifacts | undefined;
    await dense.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    dense.dispose();
    const json = { format: 'layers-model', modelTopology: saved!.modelTopology, weightsManifest: [{ paths: ['w.bin'], weights: saved!.weightSpecs }] };
    const files = [{ name: 'dense.json', bytes: new TextEncoder().encode(JSON.stringify(json)) }, { name: 'w.bin', bytes: new Uint8Array(saved!.weightData as ArrayBuffer) }];
    await expect(loadExtractor(extractorArtifacts(files), 'unit')).rejects.toThrow(/dense takes a tensor of shape \[\?, 10\], not a batch of images/);
  });
});

describe('extractFeatures', () => {
  test('gives the rows of the weight-free features, each the model’s output on the image resized to its input', async () => {
    const extractor = await loadExtractor(extractorArtifacts(modelFiles('edge-filter')), 'signed');
    const progress: number[] = [];
    try {
      const { table, unreadable } = await extractFeatures(shapes(), 'shapes', decodeImageBytes, extractor, (done) => progress.push(done));
      const opened = await loadImages(shapes(), 'shapes', decodeImageBytes);
      const files = table.columns[0] as StringColumn;
      expect(Array.from(files.codes, (c) => files.dictionary[c])).toEqual(opened.set.names);
      expect(Array.from((table.columns[1] as StringColumn).codes)).toEqual(Array.from(opened.set.labels));
      expect(unreadable.map((u) => u.path)).toEqual(opened.unreadable.map((u) => u.path));
      expect(table.columns.slice(2).map((c) => c.name)).toEqual(['feature 1', 'feature 2', 'feature 3', 'feature 4']);
      expect(progress.at(-1)).toBe(opened.images.length + opened.unreadable.length);

      // The third image by hand: resized to 16 × 16, scaled to −1…1, convolved, rectified and averaged.
      const entry = shapes().find((e) => e.path === opened.set.names[2])!;
      const pixels = resizeImage(await decodeImageBytes(await entry.read(), entry.path), 16, 16, 3);
      const kernel = new Float32Array(Uint8Array.from(readFileSync(join(FIXTURES, 'edge-filter/weights.bin'))).buffer);
      const expected = tf.tidy(() => tf.conv2d(tf.tensor4d(Float32Array.from(pixels), [1, 16, 16, 3]).div(127.5).sub(1) as tf.Tensor4D, tf.tensor4d(kernel, [3, 3, 3, 4]), 1, 'valid').relu().mean([1, 2]).dataSync());
      const row = table.columns.slice(2).map((c) => (c as NumericColumn).values[2]);
      row.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 5));
    } finally {
      extractor.dispose();
    }
  });

  test('stops when its signal aborts', async () => {
    const extractor = await loadExtractor(extractorArtifacts(modelFiles('tiny-cnn')), 'unit');
    const controller = new AbortController();
    try {
      await expect(extractFeatures(shapes(), 'shapes', decodeImageBytes, extractor, (done) => done >= 20 && controller.abort(), controller.signal)).rejects.toThrow(/abort/i);
    } finally {
      extractor.dispose();
    }
  });
});
