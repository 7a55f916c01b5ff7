/**
 * The classifying part of an image model's scorer.mjs and of its demo page: reads an image (PNG
 * bytes or decoded pixels), resizes it as training did, and runs the network. imageScorerSource
 * ships it with `Function.prototype.toString()` and passes in everything it needs (the studio's own
 * PNG decoder, inflater, resize and forward pass), so it reads only its arguments and built-ins.
 */
import type { decodePng, RgbaImage } from '../decodePng';
import type { inflate } from '../inflate';
import type { resizeImage } from '../resize';
import type { cnnRuntime, PlainLayer } from './plainCnn';

type Encoded<L> = L extends { weights: Float32Array } ? Omit<L, 'weights' | 'bias'> & { weights: string; bias: string } : L;

/** A layer as scorer.mjs stores it: weights and bias as base64 of float32 (little-endian). */
export type EncodedLayer = Encoded<PlainLayer>;

/** The JSON imageScorerSource writes into scorer.mjs as `SPEC`. */
export interface ImageScorerSpec {
  name: string;
  classNames: string[];
  width: number;
  height: number;
  channels: 1 | 3;
  mean: number[];
  std: number[];
  layers: EncodedLayer[];
}

/** Decoded pixels: `data` holds width × height × 4 (RGBA), × 3 (RGB) or × 1 (grey) values 0–255, row by row. */
export interface ImagePixels {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** What `classify` and `prepare` accept: PNG bytes (a Uint8Array, Buffer or ArrayBuffer) or decoded pixels. */
export type ImageInput = Uint8Array | ArrayBuffer | ImagePixels;

/**
 * The winning class and every class's probability, keyed by class name. `meta.classNames` is the
 * model's order (an object lists integer-like names such as "10" before others, in numeric order).
 */
export interface ImagePrediction {
  label: string;
  probabilities: Record<string, number>;
}

/** The studio code scorer.mjs runs, each shipped as text. */
export interface ImageKernels {
  decodePng: typeof decodePng;
  inflate: typeof inflate;
  resize: typeof resizeImage;
  forward: ReturnType<typeof cnnRuntime>;
  /** Weights back from base64 (`base64Floats`, as the table scorer reads its own). */
  floats: (b64: string) => Float32Array;
}

export interface ImageScorer {
  classify(input: ImageInput): ImagePrediction;
  /** The image as the network sees it: height × width × channels bytes, resized as in training. */
  prepare(input: ImageInput): Uint8Array;
  meta: { name: string; classNames: string[]; width: number; height: number; channels: 1 | 3 };
}

export function imageScorerRuntime(SPEC: ImageScorerSpec, K: ImageKernels): ImageScorer {
  const LAYERS = SPEC.layers.map((l) => ('weights' in l ? { ...l, weights: K.floats(l.weights), bias: K.floats(l.bias) } : l)) as PlainLayer[];
  const count = (n: number) => n.toLocaleString('en-US');
  const HOW = 'scorer.mjs reads PNG bytes (a Uint8Array, Buffer or ArrayBuffer) or decoded pixels { width, height, data }';

  function fromBytes(bytes: Uint8Array): RgbaImage {
    const text = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
    if (bytes.length === 0) throw new Error(`The image is empty (0 bytes); ${HOW}.`);
    if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
      throw new Error(`This is a JPEG image, which scorer.mjs does not decode itself. Decode it first and pass the pixels, for example with the jpeg-js package: classify(jpeg.decode(bytes, { useTArray: true })).`);
    }
    const other = text(0, 4) === 'GIF8' ? 'GIF' : text(8, 12) === 'WEBP' ? 'WebP' : text(0, 2) === 'BM' ? 'BMP' : null;
    if (other) throw new Error(`This is a ${other} image; ${HOW}. Decode it first (in a page: draw it on a canvas and pass getImageData's result) or convert it to PNG.`);
    try {
      return K.decodePng(bytes, K.inflate);
    } catch (e) {
      const first = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new Error(`These ${count(bytes.length)} bytes could not be read as an image: ${(e as Error).message} (they start with ${first}); ${HOW}.`);
    }
  }

  function fromPixels(input: ImagePixels): RgbaImage {
    const { width, height, data } = input;
    if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) throw new Error(`The pixels' width and height must be whole numbers above 0; got ${width} × ${height}.`);
    if (!data || typeof data.length !== 'number') throw new Error('The pixels have no data: pass { width, height, data } with data a Uint8Array or array of values 0–255.');
    const n = width * height;
    const per = data.length / n;
    if (per === 4) return { width, height, data: data instanceof Uint8Array ? data : Uint8Array.from(data) };
    if (per !== 3 && per !== 1) throw new Error(`The pixels' data holds ${count(data.length)} values; a ${count(width)} × ${count(height)} image needs ${count(n * 4)} (RGBA), ${count(n * 3)} (RGB) or ${count(n)} (grey).`);
    const rgba = new Uint8Array(n * 4);
    for (let p = 0; p < n; p++) {
      for (let k = 0; k < 3; k++) rgba[p * 4 + k] = data[per === 3 ? p * 3 + k : p];
      rgba[p * 4 + 3] = 255;
    }
    return { width, height, data: rgba };
  }

  function prepare(input: ImageInput): Uint8Array {
    let image: RgbaImage;
    if (input instanceof ArrayBuffer) image = fromBytes(new Uint8Array(input));
    else if (ArrayBuffer.isView(input)) image = fromBytes(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
    else if (input && typeof input === 'object' && 'width' in input && 'data' in input) image = fromPixels(input);
    else throw new TypeError(`classify was given ${input === null ? 'null' : typeof input}; ${HOW}.`);
    return K.resize(image, SPEC.width, SPEC.height, SPEC.channels);
  }

  function classify(input: ImageInput): ImagePrediction {
    const p = K.forward(LAYERS, prepare(input), SPEC.height, SPEC.width, SPEC.channels, SPEC.mean, SPEC.std);
    let best = 0;
    const probabilities: Record<string, number> = {};
    SPEC.classNames.forEach((name, c) => {
      probabilities[name] = p[c];
      if (p[c] > p[best]) best = c;
    });
    return { label: SPEC.classNames[best], probabilities };
  }

  return { classify, prepare, meta: { name: SPEC.name, classNames: SPEC.classNames, width: SPEC.width, height: SPEC.height, channels: SPEC.channels } };
}
