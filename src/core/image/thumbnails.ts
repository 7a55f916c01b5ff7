import type { ImageSet } from './imageSet';

/** Image `index` of `set` as RGBA bytes (grey repeated), ready for an `ImageData` of the set's size. */
export function thumbnailPixels(set: ImageSet, index: number): Uint8ClampedArray<ArrayBuffer> {
  const { width, height, channels } = set;
  const plane = width * height * channels;
  const px = set.pixels.subarray(index * plane, (index + 1) * plane);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const r = px[p * channels];
    out[p * 4] = r;
    out[p * 4 + 1] = channels === 3 ? px[p * 3 + 1] : r;
    out[p * 4 + 2] = channels === 3 ? px[p * 3 + 2] : r;
    out[p * 4 + 3] = 255;
  }
  return out;
}

/** Which cells of a virtually scrolled grid exist: whole rows in view, plus one above and below. */
export function gridWindow(count: number, columns: number, rowHeight: number, scrollTop: number, viewHeight: number): { first: number; last: number; rows: number } {
  const cols = Math.max(1, columns);
  const rows = Math.ceil(count / cols);
  const top = Math.max(0, Math.floor(scrollTop / rowHeight) - 1);
  const bottom = Math.min(rows, Math.ceil((scrollTop + viewHeight) / rowHeight) + 1);
  return { first: Math.min(count, top * cols), last: Math.min(count, bottom * cols), rows };
}
