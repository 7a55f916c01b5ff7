/**
 * `modelbench train <image folder|zip> --model cnn`: the convolutional network on the images
 * themselves (not their features table). Writes the TF.js model files, model.onnx, what reading an image needs,
 * an offline demo page (demo.html), a dependency-free scorer.mjs, and the run (options, seed, backend, curves, test metrics, the surest mistakes) to --out.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { useBackend, type BackendName } from '../core/models';
import { cnnOptions, evaluateImages, imageModelFiles, predictImages, trainCnn, type CnnOptions } from '../core/image/cnn';
import { layersFiles } from '../core/models';
import type { ImageSet } from '../core/image';
import { formatCount, pct } from '../core/format';
import { readFlags } from './flags';
import { isImageInput, loadImageInput } from './imageInput';
import { clearOnError, createProgress, type Progress } from './progress';

export const CNN_USAGE = 'Usage: modelbench train <image folder|zip> --model cnn [--test FOLDER|ZIP] [--epochs N] [--batchSize N] [--learningRate X] [--size PIXELS] [--seed N] [--backend wasm|cpu] [--format json|table] [--quiet] --out DIR';

const NUMBERS = ['epochs', 'batchSize', 'learningRate', 'patience'] as const;

/** True when the arguments ask for the convolutional network (`--model cnn` or `--model=cnn`). */
export function wantsCnn(argv: string[]): boolean {
  return argv.some((a, i) => a === '--model=cnn' || (a === '--model' && argv[i + 1] === 'cnn'));
}

/** Both sets with the test images appended, and their indices; the test's classes must be the training's. */
function appendTest(train: ImageSet, test: ImageSet, testPath: string): { set: ImageSet; holdout: Int32Array } {
  const labels = Int32Array.from(test.labels, (c) => {
    const at = train.classNames.indexOf(test.classNames[c]);
    if (at < 0) throw new RangeError(`The test images in ${testPath} have a class "${test.classNames[c]}" that the training images lack (${train.classNames.join(', ')}); rename or remove that folder.`);
    return at;
  });
  const pixels = new Uint8Array(train.pixels.length + test.pixels.length);
  pixels.set(train.pixels);
  pixels.set(test.pixels, train.pixels.length);
  const n = train.labels.length;
  const set = { ...train, names: [...train.names, ...test.names], labels: Int32Array.from([...train.labels, ...labels]), pixels };
  return { set, holdout: Int32Array.from(test.labels, (_, i) => n + i) };
}

async function load(path: string, progress: Progress, options: { size?: number; channels?: 1 | 3 }): Promise<ImageSet> {
  progress.phase(`Decoding the images of ${path}`);
  const dataset = await loadImageInput(path, options, (done, total) => progress.tick(`${formatCount(done)} of ${formatCount(total)} images`, done / total));
  progress.clear();
  for (const u of dataset.unreadable) console.error(`warning: ${u.path} was skipped: ${u.reason}.`);
  return dataset.set;
}

/** Runs the command; returns the exit code (2 for a usage error). */
export async function trainCnnCommand(argv: string[]): Promise<number> {
  let flags: Record<string, string | undefined>;
  let quiet: boolean;
  let options: CnnOptions;
  let file: string;
  try {
    const read = readFlags(argv, ['model', 'test', 'seed', 'backend', 'out', 'format', 'size', ...NUMBERS], '', ['quiet']);
    ({ flags } = read);
    quiet = read.switches.has('quiet');
    if (read.positional.length !== 1) throw new RangeError('Name one image folder or zip.');
    file = read.positional[0];
    if (!(await isImageInput(file))) throw new RangeError(`${file} is not an image folder or zip; --model cnn trains on images (one subfolder per class).`);
    if (!flags.out) throw new RangeError('--out DIR is required: where the model and the run go.');
    if (flags.backend && flags.backend !== 'wasm' && flags.backend !== 'cpu') throw new RangeError(`--backend ${flags.backend} must be wasm or cpu.`);
    if (flags.format && flags.format !== 'json' && flags.format !== 'table') throw new RangeError(`--format ${flags.format} must be json or table.`);
    const given: Partial<CnnOptions> = { seed: Number(flags.seed ?? 0) };
    for (const name of NUMBERS) if (flags[name] !== undefined) given[name] = Number(flags[name]);
    options = cnnOptions(given);
    if (flags.size !== undefined && !(Number(flags.size) >= 8 && Number(flags.size) <= 256)) throw new RangeError(`--size ${flags.size} must be a number of pixels from 8 to 256.`);
  } catch (e) {
    console.error(`${(e as Error).message.trim()}\n${CNN_USAGE}`);
    return 2;
  }
  const backend = (await useBackend((flags.backend ?? 'wasm') as BackendName)) as BackendName;
  const progress = createProgress({ quiet });
  const out = flags.out!;
  let set = await clearOnError(progress, () => load(file, progress, flags.size ? { size: Number(flags.size) } : {}));
  let holdout: Int32Array | undefined;
  if (flags.test) {
    const test = await clearOnError(progress, () => load(flags.test!, progress, { size: set.width, channels: set.channels }));
    ({ set, holdout } = appendTest(set, test, flags.test));
  }
  progress.phase(`Training the convolutional network on ${formatCount(set.labels.length - (holdout?.length ?? 0))} images`, true);
  const started = Date.now();
  const trained = await clearOnError(progress, () => trainCnn(set, options, { onEpoch: (e) => progress.tick(`epoch ${e.epoch} of ${options.epochs}`, e.epoch / options.epochs) }, holdout));
  progress.clear();
  const trainMs = Date.now() - started;
  const proba = await predictImages(trained.model, set, trained.split.test, trained.normalisation);
  const evaluation = evaluateImages(set, trained.split.test, proba);
  const files = await layersFiles({ model: trained.model });
  trained.model.dispose();
  const model = { files, classNames: set.classNames, width: set.width, height: set.height, channels: set.channels, normalisation: trained.normalisation };
  await mkdir(join(out, 'model'), { recursive: true });
  for (const [name, bytes] of Object.entries(imageModelFiles(model, basename(file.replace(/[\\/]+$/, '')).replace(/\.zip$/i, '')))) await writeFile(join(out, name), bytes);
  const { report, mistakes } = evaluation;
  const run = {
    kind: 'cnn', data: { path: file, ...(flags.test ? { test: flags.test } : {}), images: set.labels.length, classes: set.classNames },
    options: trained.options, seed: trained.options.seed, backend, trainMs, bestEpoch: trained.bestEpoch, history: trained.history,
    split: { train: trained.split.train.length, validation: trained.split.validation.length, test: trained.split.test.length },
    metrics: report.metrics, confusion: report.confusion,
    mistakes: mistakes.map((m) => ({ image: set.names[m.index], actual: set.classNames[m.actual], predicted: set.classNames[m.predicted], confidence: m.confidence })),
  };
  await writeFile(join(out, 'image-run.json'), JSON.stringify(run, null, 2));
  if (flags.format === 'table') {
    console.log(`Convolutional network on ${formatCount(set.labels.length)} images (${set.width} × ${set.height}, ${set.classNames.length} classes), ${backend.toUpperCase()}, kept epoch ${trained.bestEpoch}`);
    console.log(`Test accuracy ${pct(report.metrics.accuracy)} on ${formatCount(trained.split.test.length)} images · balanced accuracy ${pct(report.metrics.balancedAccuracy)}`);
    for (const m of run.mistakes.slice(0, 5)) console.log(`  mistake: ${m.image} is ${m.actual}, taken for ${m.predicted} (${pct(m.confidence)} sure)`);
    console.log(`Model (TF.js files and model.onnx), scorer.mjs, demo page (demo.html) and run written to ${out}`);
  } else console.log(JSON.stringify({ out, backend, trainMs, accuracy: report.metrics.accuracy, balancedAccuracy: report.metrics.balancedAccuracy, testImages: trained.split.test.length, bestEpoch: trained.bestEpoch }));
  return 0;
}
