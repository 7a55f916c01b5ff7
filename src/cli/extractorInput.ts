import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { extractorArtifacts, inputLayout, loadExtractor, poolOutput, prepareBatch, PIXEL_SCALES, type Extractor, type PixelScale } from '../core/image/extractor';
import { DataError } from '../core/table';

/** `--extractor-scale` values, in words. */
export const SCALE_WORDS = Object.entries(PIXEL_SCALES).map(([flag, words]) => `${flag} (${words})`).join(', ');

export const isPixelScale = (v: string): v is PixelScale => v in PIXEL_SCALES;

/**
 * Loads `--extractor`: a TF.js model.json (its weights files are read from beside it, as its manifest
 * names them) or an ONNX model (run with onnxruntime-web, which the CLI loads only for this).
 */
export async function loadExtractorFile(path: string, scale: PixelScale): Promise<Extractor> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new DataError(`The extractor ${path} could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Name a model.json or a .onnx file.`, { file: path, code: 'extractor-files' });
  }
  if (/\.onnx$/i.test(path)) return loadOnnxExtractor(bytes, path, scale);
  if (!/\.json$/i.test(path)) throw new DataError(`The extractor ${path} is neither a TF.js model.json nor an ONNX model (.onnx).`, { file: path, code: 'extractor-files' });
  const folder = basename(dirname(path));
  const manifest = (() => {
    try {
      return (JSON.parse(new TextDecoder().decode(bytes)) as { weightsManifest?: { paths?: string[] }[] }).weightsManifest ?? [];
    } catch {
      return []; // extractorArtifacts says what is wrong with the JSON.
    }
  })();
  const weights = await Promise.all(
    manifest.flatMap((g) => g.paths ?? []).map(async (p) => {
      try {
        return { name: basename(p), bytes: new Uint8Array(await readFile(join(dirname(path), p))) };
      } catch {
        return null; // listed as missing by extractorArtifacts, with the remedy.
      }
    }),
  );
  const files = [{ name: `${folder}/${basename(path)}`, bytes }, ...weights.filter((w) => w !== null)];
  return loadExtractor(extractorArtifacts(files), scale);
}

/** An ONNX image model as an extractor: its first input is the image batch, its first float output the features. */
async function loadOnnxExtractor(bytes: Uint8Array, path: string, scale: PixelScale): Promise<Extractor> {
  let ort: typeof import('onnxruntime-web');
  try {
    ort = await import('onnxruntime-web');
  } catch {
    throw new DataError(`ONNX extractors run with onnxruntime-web, which is not installed here: run npm install onnxruntime-web, or convert ${basename(path)} to TensorFlow.js.`, { file: path, code: 'extractor-onnx' });
  }
  ort.env.wasm.numThreads = 1;
  const name = basename(path).replace(/\.onnx$/i, '');
  let session: import('onnxruntime-web').InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes);
  } catch (e) {
    throw new DataError(`${basename(path)} is not an ONNX model ONNX Runtime can load: ${(e as Error).message}`, { file: path, code: 'extractor-load' });
  }
  const meta = session.inputMetadata[0];
  const shape = meta?.isTensor ? meta.shape.map((d) => (typeof d === 'number' ? d : null)) : [];
  let layout;
  try {
    layout = inputLayout(shape, session.inputNames.length, name, path);
    if (meta?.isTensor && meta.type !== 'float32') throw new DataError(`${name} takes ${meta.type} images; the extractor gives float32 pixels.`, { file: path, code: 'extractor-input' });
  } catch (e) {
    await session.release();
    throw e;
  }
  const { width, height, channels, channelsFirst } = layout;
  const run = async (pixels: Uint8Array, n: number) => {
    const x = new ort.Tensor('float32', prepareBatch(pixels, n, layout, scale), channelsFirst ? [n, channels, height, width] : [n, height, width, channels]);
    const out = await session.run({ [session.inputNames[0]]: x });
    const first = session.outputNames.map((o) => out[o]).find((t) => t.type === 'float32');
    if (!first) throw new DataError(`${name} gives no float output to use as features.`, { file: path, code: 'extractor-run' });
    return poolOutput(first.data as Float32Array, first.dims, channelsFirst);
  };
  let probe;
  try {
    probe = await run(new Uint8Array(width * height * channels), 1);
  } catch (e) {
    await session.release();
    if (e instanceof DataError) throw e;
    throw new DataError(`${name} could not run on a ${width} × ${height} image: ${(e as Error).message}`, { file: path, code: 'extractor-run' });
  }
  return {
    name,
    format: 'onnx',
    width,
    height,
    channels,
    dims: probe.values.length,
    note: probe.pooled ? 'Its output is a feature map, averaged over its positions.' : null,
    run: async (pixels, n) => (await run(pixels, n)).values,
    dispose: () => void session.release(),
  };
}
