import type { FolderFile, ImageSet, OpenedImages } from '../core/image';
import type { ColumnType } from '../core/table';
import { ImageBridge } from '../bridge/ImageBridge';
import { isAbort, toUserError, type UserError } from './errors';

/** What the image state needs of the studio: to open the features table as the dataset, and to show errors. */
export interface ImagesHost {
  dataset: { file: File } | null;
  error: UserError | null;
  notice: string | null;
  openFile(file: File, sample: null, target: string, types: Record<string, ColumnType>): Promise<void>;
}

/** An image dataset being decoded: shown as a progress card with Cancel. */
export interface ImageJob {
  name: string;
  done: number;
  total: number;
  controller: AbortController;
}

/**
 * The open image dataset. Its images are decoded, profiled and featurised in the image worker;
 * the features table is then opened as the studio's dataset (a CSV), so Explore, Prepare, Train and
 * Deploy work on it unchanged, while Explore's Images section and the image models read `opened`.
 */
export class ImagesState {
  /** The last image dataset opened, with the features file the studio opened for it. */
  opened = $state.raw<(OpenedImages & { file: File }) | null>(null);
  job = $state<ImageJob | null>(null);
  #bridge = new ImageBridge();

  constructor(private readonly host: ImagesHost) {}

  /** Opens a chosen or dropped folder (`files` carry their paths inside it). */
  openFolder(files: FolderFile[], name: string): Promise<void> {
    return this.#open(name, (signal, onProgress) => this.#bridge.openFolder(files, name, { signal, onProgress }));
  }

  /** Opens a dropped folder once its files have been listed. */
  async openDropped(folder: Promise<{ name: string; files: FolderFile[] }>): Promise<void> {
    try {
      const { name, files } = await folder;
      await this.openFolder(files, name);
    } catch (error) {
      this.host.error = toUserError('The dropped folder could not be read', error);
    }
  }

  /** Opens a zip of images (one subfolder per class, or a labels CSV). */
  openZip(zip: File): Promise<void> {
    return this.#open(zip.name, (signal, onProgress) => this.#bridge.openZip(zip, { signal, onProgress }));
  }

  cancel() {
    this.job?.controller.abort();
  }

  async #open(name: string, run: (signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<OpenedImages>) {
    this.job?.controller.abort();
    const controller = new AbortController();
    const job: ImageJob = { name, done: 0, total: 0, controller };
    this.job = job;
    this.host.error = null;
    try {
      const opened = await run(controller.signal, (done, total) => {
        if (this.job?.controller === controller) this.job = { ...job, done, total };
      });
      const file = new File([opened.features as Uint8Array<ArrayBuffer>], `${name.replace(/\.zip$/i, '')} (image features).csv`, { type: 'text/csv' });
      this.opened = { ...opened, file };
      if (this.job?.controller === controller) this.job = null;
      await this.host.openFile(file, null, opened.target, opened.types);
    } catch (error) {
      if (isAbort(error)) this.host.notice = `Opening ${name} was cancelled.`;
      else this.host.error = toUserError(`The images in ${name} could not be opened`, error);
    } finally {
      if (this.job?.controller === controller) this.job = null;
    }
  }
}

/** The open image dataset (set, profile, features file), or null when the open dataset is a table. Reactive. */
export function openImages(studio: { dataset: { file: File } | null; images: ImagesState }): (OpenedImages & { file: File }) | null {
  const opened = studio.images.opened;
  return opened && studio.dataset?.file === opened.file ? opened : null;
}

/**
 * The open dataset's images, or null when the open dataset is a table (or another file was opened
 * since). Reactive: the Train stage reads it to offer a convolutional network on the images.
 */
export function openImageSet(studio: { dataset: { file: File } | null; images: ImagesState }): ImageSet | null {
  return openImages(studio)?.set ?? null;
}
