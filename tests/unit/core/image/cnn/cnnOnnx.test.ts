import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { layersFiles, useBackend } from '../../../../../src/core/models';
import { createRng } from '../../../../../src/core/stats';
import { imageModelFiles, type ImageModel, type Normalisation } from '../../../../../src/core/image/cnn';
import { buildCnn, type CnnShape } from '../../../../../src/core/image/cnn/build';
import { cnnToOnnx } from '../../../../../src/core/image/cnn/cnnOnnx';

/** A CNN from `buildCnn` with seeded random biases (its own are zeros), as an `ImageModel`, and the TF.js model. */
async function seededModel(shape: CnnShape, normalisation: Normalisation): Promise<{ model: ImageModel; net: tf.Sequential }> {
  const net = buildCnn(shape);
  const rng = createRng(shape.seed + 100);
  for (const layer of net.layers) {
    const [kernel, bias] = layer.getWeights();
    if (!bias) continue;
    const values = Float32Array.from({ length: bias.size }, () => rng.next() - 0.5);
    layer.setWeights([kernel, tf.tensor(values, bias.shape)]);
  }
  const classNames = Array.from({ length: shape.classes }, (_, i) => `class ${i} "quoted" é`);
  const model: ImageModel = { files: await layersFiles({ model: net }), normalisation, classNames, width: shape.width, height: shape.height, channels: shape.channels };
  return { model, net };
}

/** Seeded raw pixels 0–255 for `n` images, with a bright blob so the classes differ more than noise does. */
function pixelsOf(n: number, h: number, w: number, c: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(n * h * w * c);
  for (let i = 0; i < n; i++) {
    const cy = rng.int(h);
    const cx = rng.int(w);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let k = 0; k < c; k++) out[((i * h + y) * w + x) * c + k] = (Math.abs(y - cy) + Math.abs(x - cx) < (h + w) / 8 ? 200 : 0) + rng.int(56);
  }
  return out;
}

/** TF.js's probabilities on the pixels normalised as `imageBatch` does. */
function tfProbabilities(net: tf.Sequential, pixels: Float32Array, model: ImageModel, n: number): Float32Array {
  const { mean, std } = model.normalisation;
  const c = model.channels;
  const x = pixels.map((v, i) => (v - mean[i % c]) / std[i % c]);
  return tf.tidy(() => (net.predict(tf.tensor4d(x, [n, model.height, model.width, c])) as tf.Tensor).dataSync() as Float32Array);
}

async function runOnnx(bytes: Uint8Array, pixels: Float32Array, dims: number[]): Promise<{ probabilities: Float32Array; label: string[]; index: BigInt64Array; dims: readonly number[] }> {
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes);
  try {
    expect(session.inputNames).toEqual(['image']);
    const out = await session.run({ image: new ort.Tensor('float32', pixels, dims) });
    return { probabilities: out.probabilities.data as Float32Array, label: out.label.data as string[], index: out.label_index.data as BigInt64Array, dims: out.probabilities.dims };
  } finally {
    await session.release();
  }
}

/** ModelProto's doc string (field 6) and metadata_props (field 14), read with a protobuf walker of its own. */
function readModelProto(bytes: Uint8Array): { doc: string; metadata: Record<string, string> } {
  const text = new TextDecoder();
  const fields = (b: Uint8Array) => {
    const out: [number, Uint8Array][] = [];
    let at = 0;
    const varint = () => {
      let v = 0;
      for (let shift = 1; ; shift *= 128) {
        const byte = b[at++];
        v += (byte & 0x7f) * shift;
        if (byte < 0x80) return v;
      }
    };
    while (at < b.length) {
      const tag = varint();
      const wire = tag % 8;
      if (wire === 0) varint();
      else if (wire === 5 || wire === 1) at += wire === 5 ? 4 : 8;
      else {
        const length = varint();
        out.push([Math.floor(tag / 8), b.subarray(at, at + length)]);
        at += length;
      }
    }
    return out;
  };
  const top = fields(bytes);
  const metadata: Record<string, string> = {};
  for (const [, entry] of top.filter(([f]) => f === 14)) {
    const parts = new Map(fields(entry));
    metadata[text.decode(parts.get(1))] = text.decode(parts.get(2));
  }
  const doc = top.find(([f]) => f === 6);
  return { doc: doc ? text.decode(doc[1]) : '', metadata };
}

test.each([
  ['grey, 12 high × 20 wide', { height: 12, width: 20, channels: 1, classes: 3, filters: [3, 5], units: 8, seed: 1 }, { mean: [61.5], std: [47.25] }],
  ['colour, 18 high × 10 wide', { height: 18, width: 10, channels: 3, classes: 4, filters: [4, 6], units: 10, seed: 2 }, { mean: [120, 80, 40], std: [30, 60, 90] }],
  ['colour, 70 × 40 (average-pooled down first)', { height: 70, width: 40, channels: 3, classes: 3, filters: [3, 4], units: 8, seed: 3 }, { mean: [50, 60, 40], std: [70, 75, 65] }],
] as [string, CnnShape, Normalisation][])('model.onnx scores raw pixels as TF.js does (%s)', async (_name, shape, normalisation) => {
  await useBackend('cpu');
  const { model, net } = await seededModel(shape, normalisation);
  try {
    const n = 12;
    const { height: h, width: w, channels: c, classes: k } = shape;
    const pixels = pixelsOf(n, h, w, c, shape.seed);
    const ref = tfProbabilities(net, pixels, model, n);
    const onnx = await runOnnx(cnnToOnnx(model), pixels, [n, h, w, c]);
    expect(onnx.dims).toEqual([n, k]);
    let worst = 0;
    const refLabels: number[] = [];
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let j = 0; j < k; j++) {
        worst = Math.max(worst, Math.abs(onnx.probabilities[i * k + j] - ref[i * k + j]));
        if (ref[i * k + j] > ref[i * k + best]) best = j;
      }
      refLabels.push(best);
    }
    expect(worst).toBeLessThanOrEqual(1e-5);
    expect(Array.from(onnx.index, Number)).toEqual(refLabels);
    expect(onnx.label).toEqual(refLabels.map((i) => model.classNames[i]));
    // The images must not all land in one class, or the label check would prove little.
    expect(new Set(refLabels).size).toBeGreaterThan(1);
  } finally {
    net.dispose();
  }
});

test('the input is channels last at the model\'s size: height and width swapped are refused', async () => {
  // The non-square cases above catch a wrong transpose or kernel order; this checks the declared shape guards callers.
  await useBackend('cpu');
  const { model, net } = await seededModel({ height: 8, width: 12, channels: 3, classes: 3, filters: [3, 4], units: 6, seed: 5 }, { mean: [100, 100, 100], std: [60, 60, 60] });
  net.dispose();
  const bytes = cnnToOnnx(model);
  const pixels = pixelsOf(2, 8, 12, 3, 9);
  await expect(runOnnx(bytes, pixels, [2, 12, 8, 3])).rejects.toThrow();
  await expect(runOnnx(bytes, pixels, [2, 3, 8, 12])).rejects.toThrow();
  expect((await runOnnx(bytes, pixels, [2, 8, 12, 3])).dims).toEqual([2, 3]);
});

test('the metadata and doc string name the classes, the input layout and the normalisation', async () => {
  await useBackend('cpu');
  const { model, net } = await seededModel({ height: 9, width: 11, channels: 3, classes: 3, filters: [2, 2], units: 4, seed: 7 }, { mean: [1.5, 2.5, 3.5], std: [4, 5, 6] });
  net.dispose();
  const { doc, metadata } = readModelProto(cnnToOnnx(model));
  expect(JSON.parse(metadata.classes)).toEqual(model.classNames);
  expect(metadata).toMatchObject({ width: '11', height: '9', channels: '3', mean: '[1.5,2.5,3.5]', std: '[4,5,6]' });
  expect(doc).toContain("Input 'image': float32 [N, 9, 11, 3], pixel values 0 to 255");
  expect(doc).toContain(model.classNames.join(', '));
});

test('every image model download carries model.onnx', async () => {
  await useBackend('cpu');
  const { model, net } = await seededModel({ height: 10, width: 10, channels: 1, classes: 2, filters: [2, 2], units: 4, seed: 8 }, { mean: [50], std: [20] });
  net.dispose();
  const files = imageModelFiles(model, 'Shapes');
  expect(files['model.onnx']).toEqual(cnnToOnnx(model));
});

test('a model whose last layer is not a softmax over its classes is refused with a reason', async () => {
  await useBackend('cpu');
  const { model, net } = await seededModel({ height: 10, width: 10, channels: 1, classes: 2, filters: [2, 2], units: 4, seed: 9 }, { mean: [50], std: [20] });
  net.dispose();
  expect(() => cnnToOnnx({ ...model, classNames: ['a', 'b', 'c'] })).toThrow(/softmax over its 3 classes/);
});
