import type { Rng } from '../../stats';
import type { ImageSet } from '../imageSet';

/** Per-channel mean and standard deviation of the training pixels (0–255 scale). */
export interface Normalisation {
  mean: number[];
  std: number[];
}

/** Random changes applied to training images (see `CnnOptions`). */
export interface Augmentation {
  flip: boolean;
  shift: number;
  brightness: number;
}

/** Measures the per-channel mean and spread of the images at `indices`. */
export function fitNormalisation(set: ImageSet, indices: Int32Array): Normalisation {
  const c = set.channels;
  const size = set.width * set.height * c;
  const sum = new Float64Array(c);
  const sq = new Float64Array(c);
  for (const i of indices) {
    const base = i * size;
    for (let p = 0; p < size; p++) {
      const v = set.pixels[base + p];
      sum[p % c] += v;
      sq[p % c] += v * v;
    }
  }
  const count = Math.max(1, indices.length * set.width * set.height);
  const mean = Array.from(sum, (s) => s / count);
  // A flat channel (all one value) keeps a spread of 1 so nothing divides by zero.
  const std = Array.from(sq, (s, k) => Math.sqrt(Math.max(0, s / count - mean[k] ** 2)) || 1);
  return { mean, std };
}

/**
 * The images at `indices` as one normalised n × H × W × C batch. With `augment` and `rng`, each
 * image is mirrored, shifted (edge pixels repeated) and brightened at random, in that order.
 */
export function imageBatch(set: ImageSet, indices: ArrayLike<number>, norm: Normalisation, augment?: Augmentation, rng?: Rng): Float32Array {
  const { width: w, height: h, channels: c } = set;
  const size = w * h * c;
  const out = new Float32Array(indices.length * size);
  for (let b = 0; b < indices.length; b++) {
    const base = indices[b] * size;
    let flip = false;
    let dx = 0;
    let dy = 0;
    let lift = 0;
    if (augment && rng) {
      flip = augment.flip && rng.next() < 0.5;
      dx = augment.shift > 0 ? rng.int(2 * augment.shift + 1) - augment.shift : 0;
      dy = augment.shift > 0 ? rng.int(2 * augment.shift + 1) - augment.shift : 0;
      lift = augment.brightness > 0 ? (rng.next() * 2 - 1) * augment.brightness * 255 : 0;
    }
    for (let y = 0; y < h; y++) {
      const sy = Math.min(h - 1, Math.max(0, y - dy));
      for (let x = 0; x < w; x++) {
        const fx = flip ? w - 1 - x : x;
        const sx = Math.min(w - 1, Math.max(0, fx - dx));
        const from = base + (sy * w + sx) * c;
        const to = b * size + (y * w + x) * c;
        for (let k = 0; k < c; k++) {
          const v = Math.min(255, Math.max(0, set.pixels[from + k] + lift));
          out[to + k] = (v - norm.mean[k]) / norm.std[k];
        }
      }
    }
  }
  return out;
}
