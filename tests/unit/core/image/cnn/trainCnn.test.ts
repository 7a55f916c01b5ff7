import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBackend, type EpochLog } from '../../../../../src/core/models';
import { cnnOptions, createImageTrainService, evaluateImages, predictImages, saliencyMap, trainCnn } from '../../../../../src/core/image/cnn';
import { fakeDevices } from '../../../bridge/fakeDevices';
import { shapeImages } from './shapeImages';

const quick = { epochs: 3, batchSize: 32, filters: [4, 8] as [number, number], units: 16, earlyStopping: false };

beforeAll(async () => {
  expect(await useBackend('wasm')).toBe('wasm');
});

async function weightsOf(model: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
}

describe('trainCnn', () => {
  test('is bit-for-bit repeatable on WASM for one seed, and differs for another', async () => {
    const set = shapeImages(160, 16, 5, 3);
    const a = await trainCnn(set, { ...quick, seed: 7 });
    const b = await trainCnn(set, { ...quick, seed: 7 });
    const c = await trainCnn(set, { ...quick, seed: 8 });
    try {
      expect(a.history.map(({ elapsedMs: _, ...e }) => e)).toEqual(b.history.map(({ elapsedMs: _, ...e }) => e));
      expect(await weightsOf(a.model)).toEqual(await weightsOf(b.model));
      expect(await weightsOf(a.model)).not.toEqual(await weightsOf(c.model));
      const pa = await predictImages(a.model, set, a.split.test, a.normalisation);
      const pb = await predictImages(b.model, set, b.split.test, b.normalisation);
      expect(pa).toEqual(pb);
    } finally {
      for (const t of [a, b, c]) t.model.dispose();
    }
  });

  test('learns generated shapes well above chance, with validation curves and the best epoch kept', async () => {
    const set = shapeImages(400, 28, 11);
    const logs: EpochLog[] = [];
    const t = await trainCnn(set, { epochs: 6, seed: 1, patience: 6 }, { onEpoch: (e) => logs.push(e) });
    try {
      expect(logs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(logs.every((e) => e.valLoss !== null && e.valMetric !== null)).toBe(true);
      const valLosses = logs.map((e) => e.valLoss!);
      expect(t.bestEpoch).toBe(valLosses.indexOf(Math.min(...valLosses)) + 1);
      const proba = await predictImages(t.model, set, t.split.test, t.normalisation);
      const evaluation = evaluateImages(set, t.split.test, proba);
      // Four classes: chance is 0.25.
      expect(evaluation.report.metrics.accuracy).toBeGreaterThan(0.8);
      expect(evaluation.report.confusion.flat().reduce((s, v) => s + v, 0)).toBe(t.split.test.length);
    } finally {
      t.model.dispose();
    }
  });

  test('saliency has the image shape, values in [0, 1], one map per image, and a chosen class', async () => {
    const set = shapeImages(200, 20, 3, 2);
    const t = await trainCnn(set, { ...quick, epochs: 4, seed: 2 });
    try {
      const map = await saliencyMap(t.model, set, 0, t.normalisation);
      expect([map.width, map.height, map.values.length]).toEqual([20, 20, 400]);
      expect(Math.max(...map.values)).toBe(1);
      expect(Math.min(...map.values)).toBeGreaterThanOrEqual(0);
      // Each image gets its own map: the gradient depends on the pixels.
      const other = await saliencyMap(t.model, set, 1, t.normalisation, map.classIndex);
      expect(other.values).not.toEqual(map.values);
      const forOne = await saliencyMap(t.model, set, 0, t.normalisation, 1);
      expect(forOne.classIndex).toBe(1);
      await expect(saliencyMap(t.model, set, 200, t.normalisation)).rejects.toThrow('There is no image number 200; the set has 200.');
    } finally {
      t.model.dispose();
    }
  });

  test('cancel stops training between batches and leaves no tensors behind', async () => {
    const set = shapeImages(160, 16, 4, 2);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const epochs: number[] = [];
    const run = trainCnn(set, { ...quick, epochs: 50 }, { signal: controller.signal, onEpoch: (e) => (epochs.push(e.epoch), controller.abort()) });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toEqual([1]);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('pause holds training until resumed', async () => {
    const set = shapeImages(64, 12, 4, 2);
    let paused = true;
    const epochs: number[] = [];
    const run = trainCnn(set, { ...quick, epochs: 1 }, { shouldPause: () => paused, onEpoch: (e) => epochs.push(e.epoch) });
    await new Promise((r) => setTimeout(r, 300));
    expect(epochs).toEqual([]);
    paused = false;
    const t = await run;
    t.model.dispose();
    expect(epochs).toEqual([1]);
  });

  test('bad input gets a message saying what to change', async () => {
    const one = { ...shapeImages(10, 12, 1, 2), classNames: ['only'] };
    await expect(trainCnn(one)).rejects.toThrow('The images form 1 class; put the images of each class in its own folder (at least two).');
    expect(() => cnnOptions({ epochs: 0 })).toThrow('The image classifier\'s option "epochs" is 0; use a number from 1 to 500.');
  });
});

describe('createImageTrainService', () => {
  test('trains on WASM without a GPU, evaluates, and explains from the returned files', async () => {
    const api = createImageTrainService(fakeDevices());
    const set = shapeImages(120, 16, 9, 3);
    const statuses: string[] = [];
    const out = await api.trainImages(set, { ...quick, seed: 3 }, undefined, (s) => statuses.push(s));
    expect(out.backend).toBe('wasm');
    expect(out.backendWhy).toContain('no WebGPU adapter');
    expect(statuses[0]).toContain('Training on 120 images');
    expect(out.evaluation.test.length + out.trainImages).toBeLessThanOrEqual(120);
    expect(out.evaluation.examples.map((e) => e.classIndex)).toEqual([0, 1, 2]);
    for (const m of out.evaluation.mistakes) expect(set.labels[m.index]).toBe(m.actual);
    const confidences = out.evaluation.mistakes.map((m) => m.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    const map = await api.saliency(out.model, set, out.evaluation.test[0]);
    expect(map.values.length).toBe(16 * 16);
  });
});
