import type { FolderFile, ImageSet, ImageSource, OpenedImages, PixelScale } from '../core/image';
import type { ExtractorOutput } from '../core/image/cnn';
import type { ColumnType } from '../core/table';
import { ImageBridge } from '../bridge/ImageBridge';
import { ImageTrainBridge } from '../bridge/ImageTrainBridge';
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

/** Features being computed with the user's extractor: a progress card with Cancel. */
export interface ExtractJob {
  model: string;
  done: number;
  total: number;
  controller: AbortController;
}

/** Features from the user's extractor, the file the studio opened for them, and the dataset they belong to. */
export type ExtractedFeatures = ExtractorOutput & { file: File; of: File };

/** The open image dataset, with where its files are (an extractor reads them again at its own size). */
export type OpenImages = OpenedImages & { file: File; source: ImageSource };

/**
 * The open image dataset. Its images are decoded, profiled and featurised in the image worker;
 * the features table is then opened as the studio's dataset (a CSV), so Explore, Prepare, Train and
 * Deploy work on it unchanged, while Explore's Images section and the image models read `opened`.
 */
export class ImagesState {
  /** The last image dataset opened, with the features file the studio opened for it. */
  opened = $state.raw<OpenImages | null>(null);
  job = $state<ImageJob | null>(null);
  /** Features from the user's own extractor, while they belong to `opened`. */
  extracted = $state.raw<ExtractedFeatures | null>(null);
  extraction = $state<ExtractJob | null>(null);
  #bridge = new ImageBridge();
  #extractor: ImageTrainBridge | null = null;

  constructor(private readonly host: ImagesHost) {}

  /** Opens a chosen or dropped folder (`files` carry their paths inside it). */
  openFolder(files: FolderFile[], name: string): Promise<void> {
    return this.#open(name, { files }, (signal, onProgress) => this.#bridge.openFolder(files, name, { signal, onProgress }));
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
    return this.#open(zip.name, { zip }, (signal, onProgress) => this.#bridge.openZip(zip, { signal, onProgress }));
  }

  cancel() {
    this.job?.controller.abort();
  }

  /**
   * Computes the open images' features with the user's TF.js model (`files`: its model.json and
   * weights) and opens them as the dataset; the weight-free features stay one click away.
   */
  async extract(files: File[], scale: PixelScale): Promise<void> {
    const opened = this.opened;
    if (!opened) return;
    this.extraction?.controller.abort();
    const controller = new AbortController();
    const json = files.find((f) => /\.json$/i.test(f.name));
    const job: ExtractJob = { model: json ? json.name : 'the model', done: 0, total: 0, controller };
    this.extraction = job;
    this.host.error = null;
    // The extractor's worker stops once it is done, returning the model's memory.
    this.#extractor ??= new ImageTrainBridge({ idleMs: 0 });
    try {
      const chosen = files.map((f) => ({ name: f.webkitRelativePath || f.name, file: f }));
      const out = await this.#extractor.extractFeatures(opened.source, opened.profile.name, chosen, scale, {
        signal: controller.signal,
        onProgress: (done, total) => {
          if (this.extraction?.controller === controller) this.extraction = { ...job, done, total };
        },
      });
      const file = new File([out.features as Uint8Array<ArrayBuffer>], `${opened.profile.name.replace(/\.zip$/i, '')} (${out.model} features).csv`, { type: 'text/csv' });
      this.extracted = { ...out, file, of: opened.file };
      if (this.extraction?.controller === controller) this.extraction = null;
      await this.host.openFile(file, null, out.target, out.types);
    } catch (error) {
      if (isAbort(error)) this.host.notice = `Computing features with ${job.model} was cancelled; the features you had are still open.`;
      else this.host.error = toUserError(`Features could not be computed with ${job.model}`, error);
    } finally {
      if (this.extraction?.controller === controller) this.extraction = null;
    }
  }

  cancelExtraction() {
    this.extraction?.controller.abort();
  }

  /** Opens the weight-free features again, or (`extracted`) the extractor's. */
  async useFeatures(which: 'weight-free' | 'extracted'): Promise<void> {
    const opened = this.opened;
    const extracted = this.extracted;
    if (!opened) return;
    if (which === 'extracted' && extracted) await this.host.openFile(extracted.file, null, extracted.target, extracted.types);
    else await this.host.openFile(opened.file, null, opened.target, opened.types);
  }

  async #open(name: string, source: ImageSource, run: (signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<OpenedImages>) {
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
      this.opened = { ...opened, file, source };
      this.extracted = null;
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
export function openImages(studio: { dataset: { file: File } | null; images: ImagesState }): OpenImages | null {
  const { opened, extracted } = studio.images;
  const file = studio.dataset?.file;
  return opened && file && (file === opened.file || (extracted?.of === opened.file && file === extracted.file)) ? opened : null;
}

/** Which features of the open images are the dataset: the weight-free ones, or the user's extractor's. Reactive. */
export function openFeatures(studio: { dataset: { file: File } | null; images: ImagesState }): ExtractedFeatures | 'weight-free' | null {
  const opened = openImages(studio);
  if (!opened) return null;
  const { extracted } = studio.images;
  return extracted && studio.dataset?.file === extracted.file ? extracted : 'weight-free';
}

/**
 * The open dataset's images, or null when the open dataset is a table (or another file was opened
 * since). Reactive: the Train stage reads it to offer a convolutional network on the images.
 */
export function openImageSet(studio: { dataset: { file: File } | null; images: ImagesState }): ImageSet | null {
  return openImages(studio)?.set ?? null;
}
