import { unzipChecked } from '../zip';
import type { ImageEntry } from './imageLayout';

const KIND = { what: 'image zip', redo: 'zip the image folder again (one subfolder per class) and open the new zip' };

/** The files of a zip of images, checked for bombs and unsafe paths before anything is inflated. */
export function zipEntries(bytes: Uint8Array): ImageEntry[] {
  const files = unzipChecked(bytes, KIND, { maxFiles: 200_000, maxTotalBytes: 4 * 1024 ** 3, maxRatio: 1_100 });
  return Object.entries(files).map(([path, data]) => ({ path, read: async () => data }));
}
