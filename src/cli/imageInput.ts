import { statSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { decodeImageBytes, imageFeatures, LABEL_COLUMN, loadImages, zipEntries, type ImageDataset, type ImageEntry, type ImageProgress, type ImageSetOptions } from '../core/image';
import { writeCsv } from '../core/table';
import { extractFeatures, type Extractor } from '../core/image/extractor';
import type { Progress } from './progress';

/** The column of the image features table that holds each image's class. */
export const IMAGE_TARGET = LABEL_COLUMN;

/** True when `path` is an image dataset for the CLI: a folder, or a .zip (tables are never zipped). */
export async function isImageInput(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory() || /\.zip$/i.test(path);
  } catch {
    return false;
  }
}

/** `isImageInput` for flag parsing, which cannot wait. */
export function isImageInputSync(path: string): boolean {
  try {
    return statSync(path).isDirectory() || /\.zip$/i.test(path);
  } catch {
    return false;
  }
}

/**
 * The files of a folder (walked recursively) or of a zip, as image-reader entries. A folder's
 * paths start with its own name, as a folder dropped in the studio gives them, so both name (and
 * fingerprint) the same features identically.
 */
export async function imageEntriesAt(path: string): Promise<ImageEntry[]> {
  if (!(await stat(path)).isDirectory()) return zipEntries(await readFile(path));
  const files = await readdir(path, { recursive: true, withFileTypes: true });
  return files
    .filter((f) => f.isFile())
    .map((f) => join(f.parentPath, f.name))
    .sort()
    .map((full) => ({ path: [folderName(path), ...relative(path, full).split(sep)].join('/'), read: async () => new Uint8Array(await readFile(full)) }));
}

/** Opens an image folder or zip from disk with the Node decoder (PNG and JPEG). */
export async function loadImageInput(path: string, options: ImageSetOptions = {}, onProgress?: ImageProgress): Promise<ImageDataset> {
  return loadImages(await imageEntriesAt(path), folderName(path), decodeImageBytes, options, onProgress);
}

const folderName = (path: string) => basename(path.replace(/[\\/]+$/, ''));

/**
 * For `modelbench train`: an image folder or zip becomes its features table, written as CSV to
 * `out/name` (the file the studio opens for the same images): weight-free features, or with
 * `extractor` the user's model's. Any other file is returned as is.
 */
export async function imageFeaturesFile(path: string, out: string, name: string, progress: Progress, extractor?: Extractor): Promise<string> {
  if (!(await isImageInput(path))) return path;
  const tick = (done: number, total: number) => progress.tick(`${done} of ${total} images`, done / total);
  let table;
  if (extractor) {
    progress.phase(`Computing ${extractor.name}'s features of ${folderName(path)}`);
    const extracted = await extractFeatures(await imageEntriesAt(path), folderName(path), decodeImageBytes, extractor, tick);
    progress.clear();
    for (const u of extracted.unreadable) console.error(`warning: ${u.path} was skipped: ${u.reason}.`);
    table = extracted.table;
  } else {
    progress.phase(`Decoding the images of ${folderName(path)}`);
    const dataset = await loadImageInput(path, {}, tick);
    progress.clear();
    for (const u of dataset.unreadable) console.error(`warning: ${u.path} was skipped: ${u.reason}.`);
    table = imageFeatures(dataset.set, folderName(path));
  }
  await mkdir(out, { recursive: true });
  const file = join(out, name);
  await writeFile(file, writeCsv(table));
  return file;
}
