/**
 * The image state with the user's extractor: a zip opens with weight-free features, the extractor's
 * features open as the dataset (the images stay open), the weight-free ones are one call back, and
 * a failed or cancelled extraction leaves the open dataset as it was. The workers' calls run here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { decodeImageBytes, imageService, type ImageSource, type PixelScale } from '../../../src/core/image';
import { createImageTrainService, type ExtractorBlob } from '../../../src/core/image/cnn';
import type { ColumnType } from '../../../src/core/table';
import { ImagesState, openFeatures, openImages, type ImagesHost } from '../../../src/state/images.svelte';
import { fakeDevices } from '../bridge/fakeDevices';

vi.mock('../../../src/bridge/ImageBridge', () => ({
  ImageBridge: class {
    #service = imageService(decodeImageBytes);
    openZip(zip: File, { onProgress }: { onProgress?: (d: number, t: number) => void } = {}) {
      return this.#service.openZip(zip, zip.name, {}, onProgress);
    }
  },
}));
vi.mock('../../../src/bridge/ImageTrainBridge', () => ({
  ImageTrainBridge: class {
    #service = createImageTrainService(fakeDevices(), decodeImageBytes);
    extractFeatures(source: ImageSource, name: string, files: ExtractorBlob[], scale: PixelScale, { signal, onProgress }: { signal?: AbortSignal; onProgress?: (d: number, t: number) => void } = {}) {
      return this.#service.extractFeatures(source, name, files, scale, onProgress, signal);
    }
  },
}));

const FIXTURES = join(import.meta.dirname, '../../fixtures/images');
const file = (path: string, name = path.split('/').pop()!) => new File([readFileSync(join(FIXTURES, path))], name);

function studio() {
  const opened: string[] = [];
  const host: ImagesHost & { opened: string[] } = {
    dataset: null,
    error: null,
    notice: null,
    opened,
    async openFile(f: File, _sample: null, target: string, types: Record<string, ColumnType>) {
      expect(target).toBe('label');
      expect(types).toEqual({ label: 'categorical' });
      opened.push(f.name);
      host.dataset = { file: f };
    },
  };
  const images = new ImagesState(host);
  return { host, images, view: () => ({ dataset: host.dataset, images }) };
}

describe('ImagesState with a feature extractor', () => {
  test('opens the extractor’s features as the dataset, keeps the images open, and goes back to the weight-free ones', async () => {
    const { host, images, view } = studio();
    await images.openZip(file('shapes.zip'));
    expect(host.opened).toEqual(['shapes (image features).csv']);
    expect(openFeatures(view())).toBe('weight-free');

    const pending = images.extract([file('tiny-cnn/model.json'), file('tiny-cnn/weights.bin')], 'signed');
    expect(images.extraction?.model).toBe('model.json');
    await pending;
    expect(host.error).toBeNull();
    expect(images.extraction).toBeNull();
    expect(host.opened.at(-1)).toBe('shapes (tiny_cnn features).csv');
    const features = openFeatures(view());
    expect(features).toMatchObject({ model: 'tiny_cnn', dims: 8, images: 305, width: 32, height: 32, channels: 3, scale: 'signed' });
    expect(openImages(view())?.set.labels.length).toBe(305);
    const csv = new TextDecoder().decode(images.extracted!.features).split(/\r?\n/);
    expect(csv[0]).toBe('file,label,feature 1,feature 2,feature 3,feature 4,feature 5,feature 6,feature 7,feature 8');

    await images.useFeatures('weight-free');
    expect(host.opened.at(-1)).toBe('shapes (image features).csv');
    expect(openFeatures(view())).toBe('weight-free');
    await images.useFeatures('extracted');
    expect(host.opened.at(-1)).toBe('shapes (tiny_cnn features).csv');
  });

  test('a model without its weights, and a cancelled run, leave the open features as they were', async () => {
    const { host, images, view } = studio();
    await images.openZip(file('shapes.zip'));
    await images.extract([file('tiny-cnn/model.json')], 'unit');
    expect(host.error).toEqual({ title: 'Features could not be computed with model.json', message: expect.stringMatching(/lists a weights file that was not chosen: weights\.bin/) });
    expect(host.opened).toEqual(['shapes (image features).csv']);
    expect(images.extracted).toBeNull();

    const running = images.extract([file('edge-filter/model.json'), file('edge-filter/weights.bin')], 'unit');
    images.cancelExtraction();
    await running;
    expect(host.notice).toBe('Computing features with model.json was cancelled; the features you had are still open.');
    expect(host.opened).toEqual(['shapes (image features).csv']);
    expect(openFeatures(view())).toBe('weight-free');
  });
});
