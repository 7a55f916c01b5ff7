import { DataError } from '../../table';
import type { PixelScale } from './scales';

/** The image an extractor takes: its size, channels, and whether channels come before rows (n × C × H × W). */
export interface InputLayout {
  width: number;
  height: number;
  channels: 1 | 3;
  channelsFirst: boolean;
}

/** The side used for an input dimension the model leaves open (−1, null or a name): the common 224. */
const OPEN_SIDE = 224;

/**
 * Reads a model's input shape as an image batch: channels last (n × H × W × C, TF.js and Keras) or
 * first (n × C × H × W, most ONNX models), with 1 or 3 channels. Anything else is a `DataError`
 * naming the shape; open sizes take 224.
 */
export function inputLayout(shape: readonly (number | string | null | undefined)[], inputs: number, model: string, file: string): InputLayout {
  const dim = (d: number | string | null | undefined) => (typeof d === 'number' && d > 0 ? d : null);
  if (inputs !== 1 || shape.length !== 4) {
    throw new DataError(`${model} takes ${inputs === 1 ? `a tensor of shape [${shape.map((d) => dim(d) ?? '?').join(', ')}]` : `${inputs} inputs`}, not a batch of images (n × height × width × channels). Choose an image model.`, { file, code: 'extractor-input' });
  }
  const colourLike = (d: number | null) => d === 1 || d === 3;
  const channelsFirst = colourLike(dim(shape[1])) && !colourLike(dim(shape[3]));
  const [h, w, c] = channelsFirst ? [shape[2], shape[3], shape[1]] : [shape[1], shape[2], shape[3]];
  const channels = dim(c) ?? 3;
  if (channels !== 1 && channels !== 3) throw new DataError(`${model} takes images with ${channels} channels; the studio gives 1 (grey) or 3 (colour).`, { file, code: 'extractor-input' });
  return { width: dim(w) ?? OPEN_SIDE, height: dim(h) ?? OPEN_SIDE, channels, channelsFirst };
}

/** A batch of n images (n × H × W × C bytes) as the model's input: scaled, and channels first where it wants them. */
export function prepareBatch(pixels: Uint8Array, n: number, layout: InputLayout, scale: PixelScale): Float32Array {
  const { width, height, channels, channelsFirst } = layout;
  const plane = width * height;
  const out = new Float32Array(n * plane * channels);
  const [mul, add] = scale === 'unit' ? [1 / 255, 0] : scale === 'signed' ? [1 / 127.5, -1] : [1, 0];
  for (let i = 0; i < n; i++) {
    const base = i * plane * channels;
    for (let p = 0; p < plane; p++) {
      for (let c = 0; c < channels; c++) out[base + (channelsFirst ? c * plane + p : p * channels + c)] = pixels[base + p * channels + c] * mul + add;
    }
  }
  return out;
}

/**
 * A model's output for n images as n rows of features: a matrix as it is, a feature map averaged
 * over its positions (n × h × w × k, or n × k × h × w for a channels-first model), a sequence over
 * its steps, and anything else flattened.
 */
export function poolOutput(data: ArrayLike<number>, shape: readonly number[], channelsFirst: boolean): { values: Float32Array; pooled: boolean } {
  const n = shape[0];
  if (shape.length === 4 || shape.length === 3) {
    const [k, positions] = shape.length === 3 ? [shape[2], shape[1]] : channelsFirst ? [shape[1], shape[2] * shape[3]] : [shape[3], shape[1] * shape[2]];
    const values = new Float32Array(n * k);
    const first = shape.length === 4 && channelsFirst;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        let sum = 0;
        for (let p = 0; p < positions; p++) sum += data[i * k * positions + (first ? j * positions + p : p * k + j)];
        values[i * k + j] = sum / positions;
      }
    }
    return { values, pooled: true };
  }
  return { values: Float32Array.from(data), pooled: false };
}
