import { formatCount } from '../format';
import { DataError } from '../table';
import type { ImageDecoder } from './decodeBytes';
import type { ImageSet } from './imageSet';
import { imageLayout, type ImageEntry, type SkippedFile } from './imageLayout';
import { imageStats, type ImageInfo } from './imageStats';
import { resizeImage } from './resize';

/** How images are brought to one shape. */
export interface ImageSetOptions {
  /** Side of the square every image is resized to, in pixels. Default 32. */
  size?: number;
  /** 1 (grey) or 3 (RGB). Default: 1 when every image is grey, else 3. */
  channels?: 1 | 3;
}

/** An opened image dataset: the resized set, what was measured on each image, and what was left out. */
export interface ImageDataset {
  /** The folder's or zip's name. */
  name: string;
  set: ImageSet;
  /** One per image of `set`, in the same order, measured at the image's own size. */
  images: ImageInfo[];
  /** Files that are images by name but could not be decoded, with the decoder's reason. */
  unreadable: SkippedFile[];
  /** Files left out for their layout (not an image, no label). */
  skipped: SkippedFile[];
  /** Where the labels came from. */
  layout: 'folders' | 'csv';
}

/** Progress of `loadImages`: images decoded so far, of all. */
export type ImageProgress = (done: number, total: number) => void;

/**
 * Reads a folder's or zip's files as a labelled image dataset: the layout gives the labels, `decode`
 * turns bytes into pixels (injected: the browser's codecs in a worker, `decodeImageBytes` in Node),
 * and each readable image is measured and resized into one `ImageSet`. A file that cannot be read or
 * decoded is listed in `unreadable`, never fatal; no readable image at all is a `DataError`.
 */
export async function loadImages(entries: ImageEntry[], name: string, decode: ImageDecoder, options: ImageSetOptions = {}, onProgress?: ImageProgress): Promise<ImageDataset> {
  const layout = await imageLayout(entries, name);
  const size = options.size ?? 32;
  if (!Number.isInteger(size) || size < 4 || size > 512) throw new RangeError(`The image size must be a whole number of pixels from 4 to 512; got ${size}.`);
  const unreadable: SkippedFile[] = [];
  const images: ImageInfo[] = [];
  const resized: { rgb: Uint8Array; grey: Uint8Array }[] = [];
  let last = 0;
  for (let i = 0; i < layout.items.length; i++) {
    const { entry, label } = layout.items[i];
    try {
      const image = await decode(await entry.read(), entry.path);
      if (image.width === 0 || image.height === 0) throw new Error('it has no pixels');
      images.push(imageStats(image, entry.path, label));
      resized.push({ rgb: resizeImage(image, size, size, 3), grey: resizeImage(image, size, size, 1) });
    } catch (e) {
      unreadable.push({ path: entry.path, reason: (e as Error).message });
    }
    if (onProgress && (i + 1 === layout.items.length || i - last >= 16)) {
      last = i;
      onProgress(i + 1, layout.items.length);
    }
  }
  if (images.length === 0) {
    throw new DataError(`None of the ${formatCount(layout.items.length)} images in "${name}" could be decoded (the first: ${unreadable[0]?.path}, ${unreadable[0]?.reason}).`, { file: name, code: 'no-readable-images' });
  }
  const channels = options.channels ?? (images.every((im) => im.grey) ? 1 : 3);
  const plane = size * size * channels;
  const pixels = new Uint8Array(images.length * plane);
  resized.forEach((r, i) => pixels.set(channels === 1 ? r.grey : r.rgb, i * plane));
  const set: ImageSet = {
    classNames: layout.classNames,
    names: images.map((im) => im.name),
    labels: Int32Array.from(images, (im) => im.label),
    width: size,
    height: size,
    channels,
    pixels,
  };
  return { name, set, images, unreadable, skipped: layout.skipped, layout: layout.kind };
}
