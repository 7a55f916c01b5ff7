import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readRunFile, type RunFile } from '../core/run';

/** The files a run directory may hold; anything else in the folder is not read. */
const RUN_FILES = ['run.json', 'model.json', 'weights.bin', 'trees.json', 'baseline.json'];

/** Reads a directory written by `modelbench train` (any run.json format) through the one run reader. */
export async function readRunDirectory(dir: string): Promise<RunFile> {
  const files: Record<string, Uint8Array> = {};
  for (const name of RUN_FILES) {
    try {
      files[name] = new Uint8Array(await readFile(join(dir, name)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return readRunFile(files, dir);
}
