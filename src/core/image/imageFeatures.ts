import type { Column, ColumnType, Table } from '../table';
import type { ImageSet } from './imageSet';

/** Orientation bins of the edge histograms (unsigned, 0–180°). */
const ORIENTATIONS = 9;
/** Cells per side of the edge-histogram grid, and of the grey thumbnail. */
const HOG_CELLS = 4;
const THUMB = 8;

/** The features table's column holding each image's class: the target to predict. */
export const LABEL_COLUMN = 'label';

/**
 * How the features file's columns must be read back: class names are names, even when the folders
 * are numbered ("001", "7"), so zeros stay and a dozen digit folders stay a dozen classes, not a
 * number to regress on. The studio and the CLI both read the file with these.
 */
export const FEATURE_TYPES: Readonly<Record<string, ColumnType>> = { [LABEL_COLUMN]: 'categorical' };

const round = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * Weight-free features of every image, as a table the tabular models train on: `file` and `label`,
 * then colour histograms (8 bins per channel; 16 grey bins for a grey set), edge-direction
 * histograms (HOG: 4 × 4 cells × 9 orientations, the whole descriptor L2-normalised), an 8 × 8 grey
 * thumbnail, and brightness and contrast. Values are rounded to 4 decimals so the studio (which
 * reads them back from CSV) and the command line see the same numbers.
 */
export function imageFeatures(set: ImageSet, name = 'images'): Table {
  const n = set.labels.length;
  const features: { name: string; values: Float64Array }[] = [];
  const add = (label: string) => {
    const values = new Float64Array(n);
    features.push({ name: label, values });
    return values;
  };
  const colourNames = set.channels === 3 ? ['red', 'green', 'blue'] : ['grey'];
  const colourBins = set.channels === 3 ? 8 : 16;
  const colour = colourNames.flatMap((c) => Array.from({ length: colourBins }, (_, b) => add(`${c} bin ${b + 1}`)));
  const hog = Array.from({ length: HOG_CELLS * HOG_CELLS * ORIENTATIONS }, (_, i) => {
    const cell = Math.floor(i / ORIENTATIONS);
    return add(`edges r${Math.floor(cell / HOG_CELLS) + 1} c${(cell % HOG_CELLS) + 1} ${(i % ORIENTATIONS) * (180 / ORIENTATIONS)}°`);
  });
  const thumb = Array.from({ length: THUMB * THUMB }, (_, i) => add(`thumb r${Math.floor(i / THUMB) + 1} c${(i % THUMB) + 1}`));
  const brightness = add('brightness');
  const contrast = add('contrast');
  const { width, height, channels } = set;
  const plane = width * height * channels;
  for (let i = 0; i < n; i++) {
    const px = set.pixels.subarray(i * plane, (i + 1) * plane);
    const grey = toGrey(px, channels);
    const hist = new Float64Array(colour.length);
    for (let p = 0; p < width * height; p++) for (let c = 0; c < channels; c++) hist[c * colourBins + ((px[p * channels + c] * colourBins) >> 8)]++;
    hist.forEach((v, k) => (colour[k][i] = round(v / (width * height))));
    edgeHistogram(grey, width, height).forEach((v, k) => (hog[k][i] = round(v)));
    thumbnail(grey, width, height).forEach((v, k) => (thumb[k][i] = round(v)));
    let sum = 0, squares = 0;
    for (const v of grey) {
      sum += v;
      squares += v * v;
    }
    const mean = sum / grey.length;
    brightness[i] = round(mean / 255);
    contrast[i] = round(Math.sqrt(Math.max(0, squares / grey.length - mean * mean)) / 255);
  }
  const columns: Column[] = [
    { name: 'file', type: 'identifier', inferredType: 'identifier', codes: Int32Array.from({ length: n }, (_, i) => i), dictionary: [...set.names] },
    { name: LABEL_COLUMN, type: 'categorical', inferredType: 'categorical', codes: Int32Array.from(set.labels), dictionary: [...set.classNames] },
    ...features.map((f): Column => ({ name: f.name, type: 'float', inferredType: 'float', values: f.values })),
  ];
  return { name, rowCount: n, columns };
}

function toGrey(px: Uint8Array, channels: 1 | 3): Float64Array {
  const out = new Float64Array(px.length / channels);
  for (let p = 0; p < out.length; p++) out[p] = channels === 1 ? px[p] : 0.299 * px[p * 3] + 0.587 * px[p * 3 + 1] + 0.114 * px[p * 3 + 2];
  return out;
}

/** HOG without blocks: per cell, gradient magnitude summed by orientation; the whole vector L2-normalised. */
function edgeHistogram(grey: Float64Array, width: number, height: number): Float64Array {
  const out = new Float64Array(HOG_CELLS * HOG_CELLS * ORIENTATIONS);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (xx: number, yy: number) => grey[Math.min(height - 1, Math.max(0, yy)) * width + Math.min(width - 1, Math.max(0, xx))];
      const gx = at(x + 1, y) - at(x - 1, y);
      const gy = at(x, y + 1) - at(x, y - 1);
      const magnitude = Math.hypot(gx, gy);
      if (magnitude === 0) continue;
      const angle = ((Math.atan2(gy, gx) * 180) / Math.PI + 180) % 180;
      const bin = Math.min(ORIENTATIONS - 1, Math.floor(angle / (180 / ORIENTATIONS)));
      const cell = Math.min(HOG_CELLS - 1, Math.floor((y * HOG_CELLS) / height)) * HOG_CELLS + Math.min(HOG_CELLS - 1, Math.floor((x * HOG_CELLS) / width));
      out[cell * ORIENTATIONS + bin] += magnitude;
    }
  }
  const norm = Math.hypot(...out) || 1;
  return out.map((v) => v / norm);
}

/** The grey image averaged down to 8 × 8, as 0–1. */
function thumbnail(grey: Float64Array, width: number, height: number): Float64Array {
  const sums = new Float64Array(THUMB * THUMB);
  const counts = new Float64Array(THUMB * THUMB);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const k = Math.floor((y * THUMB) / height) * THUMB + Math.floor((x * THUMB) / width);
      sums[k] += grey[y * width + x];
      counts[k]++;
    }
  }
  return sums.map((s, k) => (counts[k] ? s / counts[k] / 255 : 0));
}
