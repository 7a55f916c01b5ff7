/**
 * The image classifier as a service: pick a backend, train, evaluate on the held-out images, and
 * hand back the model as files; later, saliency maps from those files. The image-train worker
 * exposes it over the browser's devices; the CLI, the bench and tests call it directly.
 */
import * as tf from '@tensorflow/tfjs';
import { layersFiles, loadLayersFiles, type BackendName, type EpochLog, type LayersFiles } from '../../models';
import type { Devices } from '../../training';
import { deliveries } from '../../thread';
import { formatCount } from '../../format';
import type { ImageSet } from '../imageSet';
import { decodeImageBytes, type ImageDecoder } from '../decodeBytes';
import { sourceEntries, type ImageSource } from '../imageService';
import type { ImageProgress } from '../loadImages';
import { FEATURE_TYPES, LABEL_COLUMN } from '../imageFeatures';
import { writeCsv, type ColumnType } from '../../table';
import { extractFeatures, extractorArtifacts, loadExtractor, type ExtractorFile, type PixelScale } from '../extractor';
import { chooseImageBackend } from './backend';
import { imageModelZip } from './demoPage';
import { evaluateImages, type ImageEvaluation } from './evaluate';
import type { CnnOptions } from './options';
import type { Normalisation } from './pixels';
import { saliencyMap, type SaliencyMap } from './saliency';
import { predictImages, trainCnn } from './train';

/** A trained image classifier as plain data: TF.js layers files plus what reading an image needs. */
export interface ImageModel {
  files: LayersFiles;
  normalisation: Normalisation;
  classNames: string[];
  width: number;
  height: number;
  channels: 1 | 3;
}

export interface ImageTrainOutput {
  model: ImageModel;
  evaluation: ImageEvaluation;
  history: EpochLog[];
  bestEpoch: number;
  options: CnnOptions;
  backend: BackendName;
  /** Why that backend, for people. */
  backendWhy: string;
  /** Training images, and the wall time of the training loop (not the evaluation). */
  trainImages: number;
  trainMs: number;
}

export interface ImageTrainOptions extends Partial<CnnOptions> {
  /** `auto` (default): a real WebGPU adapter, else WASM. */
  backend?: 'auto' | BackendName;
}

/** One file of the user's extractor as chosen in the page: read in the worker, not on the main thread. */
export interface ExtractorBlob {
  name: string;
  file: Blob;
}

/** An image dataset's features from the user's own extractor, as the CSV the studio opens. */
export interface ExtractorOutput {
  /** The model's name (its JSON file's, or its folder's when that is plain "model.json"). */
  model: string;
  /** The features table (`file`, `label`, `feature 1` …) written as CSV. */
  features: Uint8Array;
  target: string;
  types: Record<string, ColumnType>;
  dims: number;
  images: number;
  /** The size the images were resized to: the model's input. */
  width: number;
  height: number;
  channels: 1 | 3;
  scale: PixelScale;
  /** What was done to the model's output, for people, or null. */
  note: string | null;
  backend: BackendName;
  ms: number;
}

/**
 * Builds the service over `devices`, reading image files with `decode` (the browser's codecs in the
 * worker). Pause state outlives calls, as in the table train service.
 */
export function createImageTrainService(devices: Devices, decode: ImageDecoder = decodeImageBytes) {
  let paused = false;

  async function start(requested: 'auto' | BackendName) {
    const choice = chooseImageBackend(await devices.detect(), requested);
    try {
      await devices.use(choice.backend);
      return choice;
    } catch (e) {
      const fallback: BackendName = choice.backend === 'wasm' ? 'cpu' : 'wasm';
      await devices.use(fallback);
      return { backend: fallback, why: `${choice.why} It did not start (${(e as Error).message}), so training runs on ${fallback === 'wasm' ? 'WASM' : 'the CPU'}.` };
    }
  }

  return {
    /** Trains on `set` and evaluates on its held-out test images. `signal` aborts (tests; the page terminates the worker). */
    async trainImages(set: ImageSet, options: ImageTrainOptions = {}, onEpoch?: (e: EpochLog) => void, onStatus?: (message: string) => void, signal?: AbortSignal): Promise<ImageTrainOutput> {
      const sent = deliveries();
      onEpoch = sent.track(onEpoch);
      onStatus = sent.track(onStatus);
      const { backend: requested = 'auto', ...cnn } = options;
      const choice = await start(requested);
      onStatus?.(`${choice.why} Training on ${formatCount(set.labels.length)} images…`);
      const before = tf.memory().numTensors;
      const t0 = performance.now();
      const trained = await trainCnn(set, cnn, { onEpoch: (e) => onEpoch?.(e), shouldPause: () => paused, ...(signal ? { signal } : {}) });
      const trainMs = performance.now() - t0;
      try {
        onStatus?.('Evaluating on the held-out images…');
        const proba = await predictImages(trained.model, set, trained.split.test, trained.normalisation);
        const evaluation = evaluateImages(set, trained.split.test, proba);
        const files = await layersFiles({ model: trained.model });
        const model: ImageModel = { files, normalisation: trained.normalisation, classNames: set.classNames, width: set.width, height: set.height, channels: set.channels };
        const out: ImageTrainOutput = { model, evaluation, history: trained.history, bestEpoch: trained.bestEpoch, options: trained.options, backend: choice.backend, backendWhy: choice.why, trainImages: trained.split.train.length, trainMs };
        await sent.flush();
        return out;
      } finally {
        trained.model.dispose();
        const leaked = tf.memory().numTensors - before;
        if (leaked > 0) console.warn(`Image training left ${leaked} tensors behind.`);
      }
    },

    /** The saliency map of image `index` of `set` under `model` (for `classIndex`, default the predicted class). */
    async saliency(model: ImageModel, set: ImageSet, index: number, classIndex?: number): Promise<SaliencyMap> {
      const loaded = await loadLayersFiles(model.files);
      try {
        return await saliencyMap(loaded, set, index, model.normalisation, classIndex);
      } finally {
        loaded.dispose();
      }
    },

    /**
     * Runs every image of `source` through the user's TF.js model (`files`: its model.json and
     * weights), giving the features table the tabular models train on instead of the weight-free one.
     */
    async extractFeatures(source: ImageSource, name: string, files: ExtractorBlob[], scale: PixelScale, onProgress?: ImageProgress, signal?: AbortSignal): Promise<ExtractorOutput> {
      const sent = deliveries();
      onProgress = sent.track(onProgress);
      const read: ExtractorFile[] = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.file.arrayBuffer()) })));
      const model = extractorArtifacts(read);
      const choice = await start('auto');
      const t0 = performance.now();
      const extractor = await loadExtractor(model, scale);
      try {
        const { table } = await extractFeatures(await sourceEntries(source), name, decode, extractor, onProgress, signal);
        const { width, height, channels, dims, note } = extractor;
        const out: ExtractorOutput = {
          model: extractor.name, features: new TextEncoder().encode(writeCsv(table)), target: LABEL_COLUMN, types: { ...FEATURE_TYPES },
          dims, images: table.rowCount, width, height, channels, scale, note, backend: choice.backend, ms: performance.now() - t0,
        };
        await sent.flush();
        return out;
      } finally {
        extractor.dispose();
      }
    },

    /** A zip of the model's TF.js files, model.onnx, what reading an image needs, and an offline demo page titled `title`. */
    exportModel(model: ImageModel, title: string): Uint8Array {
      return imageModelZip(model, title);
    },

    pause() {
      paused = true;
    },
    resume() {
      paused = false;
    },
  };
}

export type ImageTrainService = ReturnType<typeof createImageTrainService>;
