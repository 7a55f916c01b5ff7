import type { ImageSet } from '../../imageSet';

/** RGBA bytes of image `index` of `set` (a grey image repeated into red, green and blue), for a canvas's ImageData. */
export function imageRgba(set: ImageSet, index: number): Uint8ClampedArray<ArrayBuffer> {
  const { width, height, channels, pixels } = set;
  const n = width * height;
  const base = index * n * channels;
  const out = new Uint8ClampedArray(n * 4);
  for (let p = 0; p < n; p++) {
    const from = base + p * channels;
    out[p * 4] = pixels[from];
    out[p * 4 + 1] = pixels[from + (channels === 3 ? 1 : 0)];
    out[p * 4 + 2] = pixels[from + (channels === 3 ? 2 : 0)];
    out[p * 4 + 3] = 255;
  }
  return out;
}

/**
 * The image in grey with the saliency map laid over it in orange (colour-blind safe against grey):
 * each pixel is blended towards orange by its saliency (0–1) times `strength`.
 */
export function saliencyOverlay(rgba: Uint8ClampedArray, values: ArrayLike<number>, strength = 0.85): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rgba.length);
  const heat = [230, 159, 0];
  for (let p = 0; p < values.length; p++) {
    const grey = 0.299 * rgba[p * 4] + 0.587 * rgba[p * 4 + 1] + 0.114 * rgba[p * 4 + 2];
    const a = Math.min(1, Math.max(0, values[p])) * strength;
    for (let k = 0; k < 3; k++) out[p * 4 + k] = grey * 0.6 * (1 - a) + heat[k] * a;
    out[p * 4 + 3] = 255;
  }
  return out;
}
