import { writeCsv, type ColumnType } from '../table';
import type { ImageDecoder } from './decodeBytes';
import type { ImageEntry } from './imageLayout';
import type { ImageSet } from './imageSet';
import { FEATURE_TYPES, imageFeatures, LABEL_COLUMN } from './imageFeatures';
import { loadImages, type ImageProgress, type ImageSetOptions } from './loadImages';
import { profileImages, type ImageProfile } from './profileImages';
import { zipEntries } from './zipEntries';

/** What opening an image dataset gives the studio: the set, its profile, and the features table as CSV bytes. */
export interface OpenedImages {
  set: ImageSet;
  profile: ImageProfile;
  /** The weight-free features table (`imageFeatures`) written as CSV, which the studio opens as its dataset. */
  features: Uint8Array;
  /** The features table's column to predict: each image's class. */
  target: string;
  /** Column types to read `features` with (`FEATURE_TYPES`). */
  types: Record<string, ColumnType>;
}

/** A file of a chosen or dropped folder: its path inside the folder and its contents. */
export interface FolderFile {
  path: string;
  file: Blob;
}

/** Where an image dataset's files are: a chosen or dropped folder's files, or a zip. */
export type ImageSource = { files: FolderFile[] } | { zip: Blob };

/** The files of `source` as image-reader entries. */
export async function sourceEntries(source: ImageSource): Promise<ImageEntry[]> {
  if ('zip' in source) return zipEntries(new Uint8Array(await source.zip.arrayBuffer()));
  return source.files.map((f) => ({ path: f.path, read: async () => new Uint8Array(await f.file.arrayBuffer()) }));
}

/**
 * The image job of the studio's worker (and of tests, without one): open a folder's files or a zip,
 * decode with `decode`, profile, and compute the features table.
 */
export function imageService(decode: ImageDecoder) {
  const open = async (entries: ImageEntry[], name: string, options: ImageSetOptions, onProgress?: ImageProgress): Promise<OpenedImages> => {
    const dataset = await loadImages(entries, name, decode, options, onProgress);
    const table = imageFeatures(dataset.set, name);
    return { set: dataset.set, profile: profileImages(dataset), features: new TextEncoder().encode(writeCsv(table)), target: LABEL_COLUMN, types: { ...FEATURE_TYPES } };
  };
  return {
    openFolder: async (files: FolderFile[], name: string, options: ImageSetOptions = {}, onProgress?: ImageProgress) =>
      open(await sourceEntries({ files }), name, options, onProgress),
    openZip: async (zip: Blob, name: string, options: ImageSetOptions = {}, onProgress?: ImageProgress) =>
      open(await sourceEntries({ zip }), name, options, onProgress),
  };
}
