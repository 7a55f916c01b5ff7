/**
 * `modelbench score <image model folder|zip> <image|folder|zip> [...] [--out predictions.csv]`:
 * classifies images with the model's own scorer.mjs, the file a user deploys. PNG bytes go to it as
 * they are; JPEG is decoded here with jpeg-js first, as scorer.mjs's header tells its users to do.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { predictionsFile, predictionsFormatOf } from '../core/deploy';
import { decodeImageBytes, isJpeg } from '../core/image';
import type { ImageScorer } from '../core/image/cnn';
import { columnFromValues, writeCsv, type Table } from '../core/table';
import { plural } from '../core/format';
import { readFlags } from './flags';
import { imageEntriesAt } from './imageInput';

export const IMAGE_SCORE_USAGE = 'Usage: modelbench score <image model folder|zip> <image|folder|zip> [...] [--out predictions.csv|.parquet|.arrow]';

const IMAGE_NAME = /\.(png|jpe?g|gif|webp|bmp)$/i;
const TABLE_NAME = /\.(csv|tsv|txt|json|jsonl|ndjson|parquet|arrow|feather)$/i;

/**
 * What `score`'s first argument is: `image` for an image model (a folder or zip holding
 * image-model.json, as `train --model cnn` and the studio write it), `folder` for any other folder
 * (which no model is), undefined otherwise (a bundle, or a mistake the table path reports).
 */
export async function modelKind(path: string): Promise<'image' | 'folder' | undefined> {
  try {
    if ((await stat(path)).isDirectory()) return (await stat(join(path, 'image-model.json')).catch(() => null))?.isFile() ? 'image' : 'folder';
    if (!/\.zip$/i.test(path)) return undefined;
    return 'image-model.json' in unzipSync(new Uint8Array(await readFile(path)), { filter: (f) => f.name === 'image-model.json' }) ? 'image' : undefined;
  } catch {
    return undefined;
  }
}

/** Imports the model's scorer.mjs (from a zip, through a temporary folder that is removed at once). */
async function loadScorer(model: string): Promise<ImageScorer> {
  const folder = (await stat(model)).isDirectory();
  const source = folder ? await readFile(join(model, 'scorer.mjs')).catch(() => undefined) : unzipSync(new Uint8Array(await readFile(model)), { filter: (f) => f.name === 'scorer.mjs' })['scorer.mjs'];
  if (!source) throw new RangeError(`${model} has no scorer.mjs: it was written before image models carried one. Train it again (modelbench train <images> --model cnn) or download it from the studio again.`);
  if (folder) return (await import(pathToFileURL(join(model, 'scorer.mjs')).href)) as ImageScorer;
  const dir = await mkdtemp(join(tmpdir(), 'modelbench-score-'));
  try {
    await writeFile(join(dir, 'scorer.mjs'), source);
    return (await import(pathToFileURL(join(dir, 'scorer.mjs')).href)) as ImageScorer;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every image named: a file as given, a folder or zip by its image files (by name, walked recursively). */
async function imagesOf(paths: string[]): Promise<{ path: string; read: () => Promise<Uint8Array> }[]> {
  const out = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory() || /\.zip$/i.test(path)) out.push(...(await imageEntriesAt(path)).filter((e) => IMAGE_NAME.test(e.path)));
    else out.push({ path, read: async () => new Uint8Array(await readFile(path)) });
  }
  return out;
}

/** The scorer's prediction for one file's bytes; JPEG is decoded first, everything else goes to scorer.mjs as bytes. */
async function classifyBytes(scorer: ImageScorer, bytes: Uint8Array) {
  return scorer.classify(isJpeg(bytes) ? await decodeImageBytes(bytes, '') : bytes);
}

/** Runs the command; returns the exit code (1 when no image could be classified). */
export async function scoreImagesCommand(argv: string[]): Promise<number> {
  const { flags, positional } = readFlags(argv, ['out'], IMAGE_SCORE_USAGE);
  const [model, ...inputs] = positional;
  if (inputs.length === 0) throw new RangeError(`Name at least one image, or a folder or zip of images, to classify with ${model}. ${IMAGE_SCORE_USAGE}`);
  const table = inputs.find((p) => TABLE_NAME.test(p));
  if (table) throw new RangeError(`${table} is a table, but ${model} is an image model, which classifies images. Score a table with a bundle of a table model (modelbench export <run-dir> --out bundle.zip). ${IMAGE_SCORE_USAGE}`);
  const format = flags.out ? predictionsFormatOf(flags.out) : 'csv';
  if (!format) throw new RangeError(`--out ${flags.out} must end in .csv, .parquet, .arrow or .feather. ${IMAGE_SCORE_USAGE}`);
  const scorer = await loadScorer(model);
  const images = await imagesOf(inputs);
  if (images.length === 0) throw new RangeError(`${inputs.join(', ')} hold no image files (.png, .jpg, .jpeg). ${IMAGE_SCORE_USAGE}`);
  const files: string[] = [];
  const labels: string[] = [];
  const probs = scorer.meta.classNames.map(() => [] as number[]);
  let skipped = 0;
  for (const image of images) {
    try {
      const { label, probabilities } = await classifyBytes(scorer, await image.read());
      files.push(image.path);
      labels.push(label);
      scorer.meta.classNames.forEach((name, c) => probs[c].push(probabilities[name]));
    } catch (e) {
      skipped++;
      console.error(`warning: ${image.path} was skipped: ${(e as Error).message}`);
    }
  }
  if (files.length === 0) {
    console.error(`None of the ${plural(images.length, 'image')} could be classified (see above).`);
    return 1;
  }
  const predictions: Table = {
    name: 'predictions',
    rowCount: files.length,
    columns: [
      columnFromValues('file', 'categorical', files),
      columnFromValues('label', 'categorical', labels),
      ...scorer.meta.classNames.map((name, c) => columnFromValues(`p_${name}`, 'float', probs[c])),
    ],
  };
  if (!flags.out) {
    console.log(writeCsv(predictions).replace(/\n$/, ''));
    return 0;
  }
  await writeFile(flags.out, predictionsFile(predictions, format));
  console.log(JSON.stringify({ out: flags.out, images: images.length, classified: files.length, skipped }));
  return 0;
}
