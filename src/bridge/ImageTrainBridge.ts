import { transfer } from 'comlink';
import type { BackendName, EpochLog } from '../core/models';
import type { ImageProgress, ImageSet, ImageSource, PixelScale } from '../core/image';
import type { ExtractorBlob, ExtractorOutput, ImageModel, ImageTrainOptions, ImageTrainOutput, SaliencyMap } from '../core/image/cnn';
import type { ImageTrainApi } from '../../workers/imageTrain';
import { WorkerBridge } from './WorkerBridge';

export interface ImageTrainCall {
  backend?: 'auto' | BackendName;
  onEpoch?: (e: EpochLog) => void;
  onStatus?: (message: string) => void;
  /** Aborting terminates the worker: training stops at once, with an `AbortError`. */
  signal?: AbortSignal;
}

/** A copy of `set` (or of the images at `only`) whose buffers can be transferred, leaving the page's own intact. */
function copySet(set: ImageSet, only?: number): { set: ImageSet; buffers: ArrayBuffer[] } {
  const size = set.width * set.height * set.channels;
  const pixels = only === undefined ? set.pixels.slice() : set.pixels.slice(only * size, (only + 1) * size);
  const labels = only === undefined ? set.labels.slice() : Int32Array.of(set.labels[only]);
  const names = only === undefined ? set.names : [set.names[only]];
  return { set: { ...set, names, labels, pixels }, buffers: [pixels.buffer as ArrayBuffer, labels.buffer as ArrayBuffer] };
}

/**
 * The image classifier's worker: training (one at a time, Cancel by terminating the worker),
 * Pause between batches, and saliency maps of single images under a trained model.
 */
export class ImageTrainBridge {
  #paused = false;
  readonly #bridge: WorkerBridge<ImageTrainApi>;

  /** `idleMs`: stop the worker (returning its memory) that long after a call ends; by default it stays for the next. */
  constructor({ idleMs }: { idleMs?: number } = {}) {
    this.#bridge = new WorkerBridge<ImageTrainApi>({
      create: () => new Worker(new URL('../../workers/imageTrain.ts', import.meta.url), { type: 'module' }),
      crashed: (detail) => new Error(`The image worker crashed (${detail.replace(/\.$/, '')}). Nothing was saved; try again, or reload the page if it repeats.`),
      cancelled: 'The image job was cancelled.',
      onStart: (api) => void (this.#paused && api.pause().catch(() => undefined)),
      ...(idleMs !== undefined ? { idleMs } : {}),
    });
  }

  train(set: ImageSet, options: Partial<ImageTrainOptions>, call: ImageTrainCall = {}): Promise<ImageTrainOutput> {
    return this.#bridge.call((api, live) => {
      const copy = copySet(set);
      const opts: ImageTrainOptions = { ...options, ...(call.backend ? { backend: call.backend } : {}) };
      return api.trainImages(transfer(copy.set, copy.buffers), opts, call.onEpoch && live(call.onEpoch), call.onStatus && live(call.onStatus));
    }, call.signal);
  }

  /** The saliency map of image `index` of `set` (only that image crosses to the worker). */
  saliency(model: ImageModel, set: ImageSet, index: number, classIndex?: number): Promise<SaliencyMap> {
    return this.#bridge.call((api) => {
      const copy = copySet(set, index);
      return api.saliency(model, transfer(copy.set, copy.buffers), 0, classIndex);
    });
  }

  /**
   * The features of every image of `source` under the user's TF.js model (`files`), computed in the
   * worker (the files are read there). Aborting terminates the worker.
   */
  extractFeatures(source: ImageSource, name: string, files: ExtractorBlob[], scale: PixelScale, { signal, onProgress }: { signal?: AbortSignal; onProgress?: ImageProgress } = {}): Promise<ExtractorOutput> {
    return this.#bridge.call((api, live) => api.extractFeatures(source, name, files, scale, onProgress && live(onProgress)), signal);
  }

  /** The model's files and an offline demo page, zipped in the worker. */
  exportModel(model: ImageModel, title: string): Promise<Uint8Array> {
    return this.#bridge.call((api) => api.exportModel(model, title));
  }

  pause(): void {
    this.#paused = true;
    void this.#bridge.running?.pause().catch(() => undefined);
  }

  resume(): void {
    this.#paused = false;
    void this.#bridge.running?.resume().catch(() => undefined);
  }

  dispose(): void {
    this.#bridge.stop();
  }
}
