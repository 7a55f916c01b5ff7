/**
 * Training the image classifier: a hand-written loop rather than `model.fit`, so shuffling and
 * augmentation are seeded (same seed on WASM = same weights), a NaN loss stops at once, and
 * pause and cancel are checked between batches.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../../stats';
import { TrainingError, waitWhilePaused, type EpochLog, type TrainHooks } from '../../models';
import type { ImageSet } from '../imageSet';
import { buildCnn } from './build';
import { cnnOptions, type CnnOptions } from './options';
import { fitNormalisation, imageBatch, type Normalisation } from './pixels';
import { splitImages, type ImageSplit } from './split';
import { ensureWasmConvGradient } from './wasmConvGradient';
import { nextTask } from '../../eventLoop';

/** Training images scored each epoch for the reported training loss and accuracy. */
const MAX_EVAL_IMAGES = 2_000;
/** Images per forward pass when scoring. */
const EVAL_BATCH = 256;
const EPS = 1e-7;
/** The loop lets its thread read messages (Pause) at least this often, in milliseconds. */
const YIELD_MS = 200;

export interface TrainedCnn {
  model: tf.Sequential;
  normalisation: Normalisation;
  split: ImageSplit;
  history: EpochLog[];
  /** The epoch whose weights were kept. */
  bestEpoch: number;
  options: CnnOptions;
}

/** Class probabilities (row-major n × k) of the images at `indices`, in batches. */
export async function predictImages(model: tf.LayersModel, set: ImageSet, indices: Int32Array, norm: Normalisation): Promise<Float32Array> {
  const k = set.classNames.length;
  const out = new Float32Array(indices.length * k);
  for (let start = 0; start < indices.length; start += EVAL_BATCH) {
    const part = indices.subarray(start, Math.min(indices.length, start + EVAL_BATCH));
    const p = tf.tidy(() => model.predict(tf.tensor4d(imageBatch(set, part, norm), [part.length, set.height, set.width, set.channels])) as tf.Tensor);
    out.set((await p.data()) as Float32Array, start * k);
    p.dispose();
  }
  return out;
}

/** Mean cross-entropy and accuracy from probabilities. */
function lossAndAccuracy(proba: Float32Array, labels: Int32Array, indices: Int32Array, k: number): [number, number] {
  let loss = 0;
  let hits = 0;
  indices.forEach((img, i) => {
    const row = proba.subarray(i * k, (i + 1) * k);
    loss -= Math.log(Math.min(1 - EPS, Math.max(EPS, row[labels[img]])));
    let best = 0;
    for (let c = 1; c < k; c++) if (row[c] > row[best]) best = c;
    hits += best === labels[img] ? 1 : 0;
  });
  return [loss / Math.max(1, indices.length), hits / Math.max(1, indices.length)];
}

function checkSet(set: ImageSet): void {
  const k = set.classNames.length;
  if (k < 2) throw new TrainingError(`The images form ${k} class${k === 1 ? '' : 'es'}; put the images of each class in its own folder (at least two).`);
  if (set.width < 4 || set.height < 4) throw new TrainingError(`The images are ${set.width} × ${set.height} pixels; the network needs at least 4 × 4.`);
  if (set.pixels.length !== set.labels.length * set.width * set.height * set.channels) throw new TrainingError('The image pixels do not match the number and size of the images; open the images again.');
}

/**
 * Trains the network on `set`; the model is disposed if training fails or is cancelled. `holdout`:
 * images of the set kept for the test instead of a share of each class (a separate test folder).
 */
export async function trainCnn(set: ImageSet, partial: Partial<CnnOptions> = {}, hooks: TrainHooks = {}, holdout?: Int32Array): Promise<TrainedCnn> {
  checkSet(set);
  ensureWasmConvGradient();
  const o = cnnOptions(partial);
  const k = set.classNames.length;
  const split = splitImages(set.labels, k, o.testFraction, o.earlyStopping ? o.validationFraction : 0, o.seed, holdout);
  if (split.train.length === 0) throw new TrainingError('No image is left to train on after holding out the test images; add images to each class.');
  const norm = fitNormalisation(set, split.train);
  const rng = createRng(o.seed + 1);
  const evalRows = split.train.length > MAX_EVAL_IMAGES ? shuffleInPlace(split.train.slice(), createRng(o.seed + 2)).slice(0, MAX_EVAL_IMAGES).sort() : split.train;
  const model = buildCnn({ height: set.height, width: set.width, channels: set.channels, classes: k, filters: o.filters, units: o.units, seed: o.seed });
  const optimizer = tf.train.adam(o.learningRate);
  const augment = { flip: o.flip, shift: o.shift, brightness: o.brightness };
  const history: EpochLog[] = [];
  const started = Date.now();
  let best: tf.Tensor[] | null = null;
  try {
    let bestLoss = Infinity;
    let bestEpoch = 0;
    let since = 0;
    const order = split.train.slice();
    let yielded = Date.now();
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      shuffleInPlace(order, rng);
      const losses: tf.Scalar[] = [];
      for (let start = 0; start < order.length; start += o.batchSize) {
        if (Date.now() - yielded > YIELD_MS) {
          await nextTask();
          yielded = Date.now();
        }
        await waitWhilePaused(hooks);
        const part = order.subarray(start, Math.min(order.length, start + o.batchSize));
        const x = imageBatch(set, part, norm, augment, rng);
        const y = Int32Array.from(part, (i) => set.labels[i]);
        losses.push(tf.tidy(() => {
          const xs = tf.tensor4d(x, [part.length, set.height, set.width, set.channels]);
          const ys = tf.oneHot(tf.tensor1d(y, 'int32'), k).toFloat();
          return optimizer.minimize(() => ys.mul((model.apply(xs, { training: true }) as tf.Tensor).clipByValue(EPS, 1 - EPS).log()).sum(1).mean().neg() as tf.Scalar, true)!;
        }));
      }
      const stacked = tf.stack(losses);
      const values = await stacked.data().finally(() => tf.dispose([stacked, ...losses]));
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new TrainingError(`The training loss became ${values[bad]} in epoch ${epoch}, batch ${bad + 1}; lower the learning rate (now ${o.learningRate}).`);
      const [loss, metric] = lossAndAccuracy(await predictImages(model, set, evalRows, norm), set.labels, evalRows, k);
      const [valLoss, valMetric] = split.validation.length ? lossAndAccuracy(await predictImages(model, set, split.validation, norm), set.labels, split.validation, k) : [null, null];
      const monitored = valLoss ?? loss;
      if (monitored < bestLoss) {
        bestLoss = monitored;
        bestEpoch = epoch;
        since = 0;
        if (best) tf.dispose(best);
        best = model.getWeights().map((w) => w.clone());
      } else since++;
      const log: EpochLog = { epoch, loss, valLoss, metric, valMetric, elapsedMs: Date.now() - started, learningRate: o.learningRate };
      history.push(log);
      hooks.onEpoch?.(log);
      if (o.earlyStopping && since >= o.patience) break;
    }
    if (best) model.setWeights(best);
    return { model, normalisation: norm, split, history, bestEpoch, options: o };
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    if (best) tf.dispose(best);
    optimizer.dispose();
  }
}
