import type { Column, Table } from '../../table';
import type { ImageDecoder } from '../decodeBytes';
import { LABEL_COLUMN } from '../imageFeatures';
import { imageLayout, type ImageEntry, type SkippedFile } from '../imageLayout';
import type { ImageProgress } from '../loadImages';
import { resizeImage } from '../resize';
import type { Extractor } from './loadExtractor';

/** Images decoded and run through the model at a time: memory stays at one batch of full-size images. */
const BATCH = 16;

export interface ExtractedFeatures {
  /** `file`, `label`, then `feature 1` … `feature k`: the same rows as the weight-free features table. */
  table: Table;
  unreadable: SkippedFile[];
}

const round = (v: number) => Number(v.toPrecision(6));

/**
 * Runs every image of a folder or zip through `extractor`, a batch at a time, into a features table
 * the tabular models train on. Images are read as the dataset was opened (same layout, same order,
 * the same unreadable files left out) and resized to the model's input, so its rows match the
 * weight-free features row for row. Values keep 6 significant digits, so the studio (which reads them
 * back from CSV) and the command line see the same numbers.
 */
export async function extractFeatures(entries: ImageEntry[], name: string, decode: ImageDecoder, extractor: Extractor, onProgress?: ImageProgress, signal?: AbortSignal): Promise<ExtractedFeatures> {
  const layout = await imageLayout(entries, name);
  const { width, height, channels, dims } = extractor;
  const plane = width * height * channels;
  const unreadable: SkippedFile[] = [];
  const names: string[] = [];
  const labels: number[] = [];
  const chunks: Float32Array[] = [];
  const batch = new Uint8Array(BATCH * plane);
  let filled = 0;
  const flush = async () => {
    if (filled) chunks.push(await extractor.run(batch.subarray(0, filled * plane), filled));
    filled = 0;
  };
  for (let i = 0; i < layout.items.length; i++) {
    signal?.throwIfAborted();
    const { entry, label } = layout.items[i];
    try {
      const image = await decode(await entry.read(), entry.path);
      if (image.width === 0 || image.height === 0) throw new Error('it has no pixels');
      resizeImage(image, width, height, channels, batch.subarray(filled * plane, (filled + 1) * plane));
      names.push(entry.path);
      labels.push(label);
      if (++filled === BATCH) await flush();
    } catch (e) {
      unreadable.push({ path: entry.path, reason: (e as Error).message });
    }
    if (onProgress && (filled === 0 || i + 1 === layout.items.length)) onProgress(i + 1, layout.items.length);
  }
  await flush();
  const n = names.length;
  const features = Array.from({ length: dims }, () => new Float64Array(n));
  let row = 0;
  for (const chunk of chunks) {
    for (let r = 0; r < chunk.length / dims; r++, row++) for (let k = 0; k < dims; k++) features[k][row] = round(chunk[r * dims + k]);
  }
  const columns: Column[] = [
    { name: 'file', type: 'identifier', inferredType: 'identifier', codes: Int32Array.from({ length: n }, (_, i) => i), dictionary: names },
    { name: LABEL_COLUMN, type: 'categorical', inferredType: 'categorical', codes: Int32Array.from(labels), dictionary: [...layout.classNames] },
    ...features.map((values, k): Column => ({ name: `feature ${k + 1}`, type: 'float', inferredType: 'float', values })),
  ];
  return { table: { name: `${name} (${extractor.name} features)`, rowCount: n, columns }, unreadable };
}
