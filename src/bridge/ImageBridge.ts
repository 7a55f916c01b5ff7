import type { FolderFile, ImageProgress, OpenedImages } from '../core/image';
import type { ImagesApi } from '../../workers/images';
import { WorkerBridge } from './WorkerBridge';

/** Per-call controls: cancellation and progress (images decoded of all). */
export interface ImageCallOptions {
  signal?: AbortSignal;
  onProgress?: ImageProgress;
}

/**
 * The image worker: decodes a folder's or zip's images with the browser's codecs, profiles them and
 * computes their features, off the main thread. It stops when a job ends, returning its memory.
 */
export class ImageBridge {
  readonly #bridge = new WorkerBridge<ImagesApi>({
    create: () => new Worker(new URL('../../workers/images.ts', import.meta.url), { type: 'module' }),
    crashed: (detail) => new Error(`The image worker crashed (${detail}). The images were not opened; try again, or open fewer at a time.`),
    cancelled: 'Opening the images was cancelled.',
    idleMs: 0,
  });

  /** Opens the files of a chosen or dropped folder; `name` is the folder's name. */
  openFolder(files: FolderFile[], name: string, { signal, onProgress }: ImageCallOptions = {}): Promise<OpenedImages> {
    return this.#bridge.call((api, live) => api.openFolder(files, name, {}, onProgress && live(onProgress)), signal);
  }

  /** Opens a zip of images. */
  openZip(zip: File, { signal, onProgress }: ImageCallOptions = {}): Promise<OpenedImages> {
    return this.#bridge.call((api, live) => api.openZip(zip, zip.name, {}, onProgress && live(onProgress)), signal);
  }
}
