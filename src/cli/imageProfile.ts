import { writeFile } from 'node:fs/promises';
import { imageProfileText, profileImages } from '../core/image';
import { loadImageInput } from './imageInput';
import { createProgress } from './progress';

/** What `modelbench profile` takes for an image folder or zip. */
export interface ImageProfileArgs {
  file: string;
  out?: string;
  quiet?: boolean;
}

/**
 * `modelbench profile <folder|zip>`: the image profile as text on a terminal, one JSON line
 * otherwise (and in the file --out names).
 */
export async function imageProfileCommand(args: ImageProfileArgs): Promise<number> {
  const progress = createProgress({ quiet: args.quiet });
  progress.phase('Decoding images');
  let dataset;
  try {
    dataset = await loadImageInput(args.file, {}, (done, total) => progress.tick(`${done} of ${total} images`, done / total));
  } finally {
    progress.clear();
  }
  const profile = profileImages(dataset);
  const json = JSON.stringify(profile);
  if (args.out) await writeFile(args.out, json);
  if (process.stdout.isTTY) process.stdout.write(`${imageProfileText(profile)}\n`);
  else if (!args.out) process.stdout.write(`${json}\n`);
  return 0;
}
