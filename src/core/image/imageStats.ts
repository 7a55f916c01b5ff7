import type { RgbaImage } from './decodePng';
import { perceptualHash } from './perceptualHash';

/** What the profile needs to know about one decoded image, at its own size. */
export interface ImageInfo {
  /** Path inside the folder or zip. */
  name: string;
  /** Class index (into the dataset's class names). */
  label: number;
  width: number;
  height: number;
  /** Every pixel has red = green = blue. */
  grey: boolean;
  /** Some pixel is not fully opaque. */
  alpha: boolean;
  /** Mean luma, 0–255. */
  brightness: number;
  /** Standard deviation of luma, 0–127.5 (RMS contrast). */
  contrast: number;
  /** 256-bit perceptual hash, as eight 32-bit words. */
  hash: number[];
  /** Hex digest of the decoded pixels and size: equal for exact duplicates, whatever the file format. */
  digest: string;
}

/** Measures one decoded image. */
export function imageStats(image: RgbaImage, name: string, label: number): ImageInfo {
  const { data } = image;
  let grey = true, alpha = false, sum = 0, squares = 0;
  // FNV-1a in two lanes over the pixels, seeded with the size: a cheap, stable content digest.
  let h1 = 0x811c9dc5 ^ image.width, h2 = 0x01000193 ^ image.height;
  const n = data.length >> 2;
  for (let p = 0; p < data.length; p += 4) {
    const r = data[p], g = data[p + 1], b = data[p + 2], a = data[p + 3];
    if (r !== g || g !== b) grey = false;
    if (a !== 255) alpha = true;
    const y = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += y;
    squares += y * y;
    const word = (r | (g << 8) | (b << 16) | (a << 24)) >>> 0;
    h1 = Math.imul(h1 ^ word, 0x01000193);
    h2 = Math.imul(h2 ^ ((word >>> 16) | (word << 16)), 0x85ebca6b);
  }
  const mean = sum / n;
  return {
    name,
    label,
    width: image.width,
    height: image.height,
    grey,
    alpha,
    brightness: mean,
    contrast: Math.sqrt(Math.max(0, squares / n - mean * mean)),
    hash: [...perceptualHash(image)],
    digest: (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0'),
  };
}
