import type { BackendName, EpochLog } from '../core/models';
import type { ImageSet } from '../core/image';
import type { ImageTrainOutput, SaliencyMap } from '../core/image/cnn';
import { ImageTrainBridge } from '../bridge/ImageTrainBridge';
import { isAbort, toUserError, type UserError } from './errors';
import { download } from './deploy.svelte';

/** The backends a person may pick for the image classifier; `auto` takes a real GPU, else WASM. */
export type ImageBackendPick = 'auto' | Extract<BackendName, 'webgpu' | 'wasm' | 'cpu'>;

/** The saliency map shown for one image of the finished run. */
export interface ShownSaliency {
  index: number;
  map: SaliencyMap | null;
  error: string | null;
}

/**
 * Training the convolutional network on the open image set: live epochs, Pause, Cancel, the
 * finished run's evaluation, and a saliency map of the image a person picks. One per studio.
 */
export class ImageTrainState {
  backend = $state<ImageBackendPick>('auto');
  epochs = $state(15);
  /** The images of the running or finished run (a newer dataset hides the old result). */
  set = $state.raw<ImageSet | null>(null);
  running = $state(false);
  paused = $state(false);
  status = $state<string | null>(null);
  history = $state.raw<EpochLog[]>([]);
  result = $state.raw<ImageTrainOutput | null>(null);
  error = $state<UserError | null>(null);
  notice = $state<string | null>(null);
  saliency = $state.raw<ShownSaliency | null>(null);
  #controller: AbortController | null = null;
  #bridge = new ImageTrainBridge();

  async train(set: ImageSet): Promise<void> {
    if (this.running) return;
    const controller = new AbortController();
    this.#controller = controller;
    Object.assign(this, { set, running: true, paused: false, status: 'Starting the image training worker…', history: [], result: null, error: null, notice: null, saliency: null });
    this.#bridge.resume();
    try {
      this.result = await this.#bridge.train(set, { epochs: this.epochs }, {
        backend: this.backend,
        signal: controller.signal,
        onEpoch: (e) => (this.history = [...this.history, e]),
        onStatus: (s) => (this.status = s),
      });
    } catch (error) {
      if (isAbort(error)) this.notice = 'Training was cancelled; nothing was kept.';
      else this.error = toUserError('The image classifier could not be trained', error);
    } finally {
      this.running = false;
      this.paused = false;
      this.status = null;
      this.#controller = null;
    }
  }

  togglePause(): void {
    this.paused = !this.paused;
    if (this.paused) this.#bridge.pause();
    else this.#bridge.resume();
  }

  cancel(): void {
    this.#controller?.abort();
  }

  /** Downloads the trained model's files with an offline demo page, as `<name> image model.zip`. */
  async downloadModel(name: string): Promise<void> {
    const result = this.result;
    if (!result) return;
    try {
      download(await this.#bridge.exportModel(result.model, name), `${name} image model.zip`, 'application/zip');
    } catch (error) {
      this.error = toUserError('The model could not be exported', error);
    }
  }

  /** Computes (in the worker) and shows the saliency map of image `index` for the class the model predicts. */
  async explain(index: number): Promise<void> {
    const { result, set } = this;
    if (!result || !set) return;
    this.saliency = { index, map: null, error: null };
    try {
      const map = await this.#bridge.saliency(result.model, set, index);
      if (this.saliency?.index === index) this.saliency = { index, map, error: null };
    } catch (error) {
      if (this.saliency?.index === index) this.saliency = { index, map: null, error: toUserError('The saliency map could not be computed', error).message };
    }
  }
}

const instances = new WeakMap<object, ImageTrainState>();

/** The one image-training state of `studio`, kept across visits to the Train stage. */
export function imageTrainOf(studio: object): ImageTrainState {
  let found = instances.get(studio);
  if (!found) instances.set(studio, (found = new ImageTrainState()));
  return found;
}
