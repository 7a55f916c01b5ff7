import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../imageSet';
import { imageBatch, type Normalisation } from './pixels';

/** How much each pixel moves the score of one class: |∂ score / ∂ pixel|, strongest channel, scaled to 0–1. */
export interface SaliencyMap {
  width: number;
  height: number;
  /** height × width values in [0, 1], row-major. */
  values: Float32Array;
  /** The class whose score was differentiated. */
  classIndex: number;
  /** The model's probability for that class on this image. */
  probability: number;
}

/**
 * The saliency map of image `index` for `classIndex` (default: the class the model predicts): the
 * gradient of that class's probability with respect to the input pixels.
 */
export async function saliencyMap(model: tf.LayersModel, set: ImageSet, index: number, norm: Normalisation, classIndex?: number): Promise<SaliencyMap> {
  if (!Number.isInteger(index) || index < 0 || index >= set.labels.length) throw new RangeError(`There is no image number ${index}; the set has ${set.labels.length}.`);
  const { width, height, channels } = set;
  const x = tf.tensor4d(imageBatch(set, [index], norm), [1, height, width, channels]);
  try {
    const p = tf.tidy(() => model.predict(x) as tf.Tensor);
    const probs = (await p.data().finally(() => p.dispose())) as Float32Array;
    let chosen = classIndex ?? 0;
    if (classIndex === undefined) for (let c = 1; c < probs.length; c++) if (probs[c] > probs[chosen]) chosen = c;
    const grad = tf.tidy(() => {
      const g = tf.grad((input: tf.Tensor) => (model.apply(input) as tf.Tensor).slice([0, chosen], [1, 1]).sum())(x);
      return g.abs().max(3).reshape([height * width]);
    });
    const values = (await grad.data()) as Float32Array;
    grad.dispose();
    let top = 0;
    for (const v of values) top = Math.max(top, v);
    if (top > 0) for (let i = 0; i < values.length; i++) values[i] /= top;
    return { width, height, values: Float32Array.from(values), classIndex: chosen, probability: probs[chosen] };
  } finally {
    x.dispose();
  }
}
