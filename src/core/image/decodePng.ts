/**
 * A small PNG decoder with no imports (the inflater is passed in), so it can run in Node and be
 * shipped as text inside scorer.mjs: `decodePng` reads nothing outside its own body. Reads every colour type at bit depths 1–16 without interlacing;
 * 16-bit samples keep their high byte. Throws an Error whose message says what is wrong.
 */

/** Decoded pixels: `data` is width × height × 4 bytes (RGBA), row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** True when `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * Decodes a PNG. `inflate` undoes zlib and is told the size the pixel data inflates to, so it can
 * write into a buffer of that size at once (fflate: `unzlibSync(data, { out: new Uint8Array(size) })`).
 */
export function decodePng(bytes: Uint8Array, inflate: (data: Uint8Array, size: number) => Uint8Array): RgbaImage {
  // The signature again, not `isPng`: the shipped text holds this function alone.
  if (bytes.length < 8 || [137, 80, 78, 71, 13, 10, 26, 10].some((b, i) => bytes[i] !== b)) throw new Error('it is not a PNG (the signature is missing)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0, height = 0, depth = 0, colour = 0, interlace = 0;
  let palette: Uint8Array | null = null;
  let alpha: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  let ended = false;
  for (let p = 8; p + 8 <= bytes.length; ) {
    const length = view.getUint32(p);
    const type = String.fromCharCode(bytes[p + 4], bytes[p + 5], bytes[p + 6], bytes[p + 7]);
    const start = p + 8;
    if (start + length > bytes.length) throw new Error(`it is cut short (the ${type} chunk runs past the end of the file)`);
    const data = bytes.subarray(start, start + length);
    if (type === 'IHDR') {
      width = view.getUint32(start);
      height = view.getUint32(start + 4);
      depth = data[8];
      colour = data[9];
      interlace = data[12];
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') alpha = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    p = start + length + 4;
  }
  if (!width || !height) throw new Error('it has no image header');
  if (!ended) throw new Error('it is cut short (no end chunk)');
  if (interlace) throw new Error('it is an interlaced PNG, which this decoder does not read; save it without interlacing');
  const samples = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colour];
  if (!samples || ![1, 2, 4, 8, 16].includes(depth)) throw new Error(`it uses colour type ${colour} at ${depth} bits, which is not valid PNG`);
  if (colour === 3 && !palette) throw new Error('it is a palette image without a palette');
  let joined: Uint8Array = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  for (let i = 0, at = 0; i < idat.length; at += idat[i].length, i++) joined.set(idat[i], at);
  const bpp = Math.max(1, (samples * depth) >> 3);
  const stride = Math.ceil((width * samples * depth) / 8);
  // Deflate expands at most 1,032 to 1: a header claiming more pixels than the data can hold is
  // refused before a buffer of that size is asked for (a damaged header could ask for gigabytes).
  if (height * (stride + 1) > joined.length * 1032 + 64) throw new Error(`its pixel data is far shorter than its size (${width.toLocaleString('en-US')} × ${height.toLocaleString('en-US')}) says`);
  let raw: Uint8Array;
  try {
    raw = inflate(joined, height * (stride + 1));
  } catch (e) {
    throw new Error(`its pixel data does not inflate (${(e as Error).message})`);
  }
  joined = new Uint8Array(0);
  if (raw.length < height * (stride + 1)) throw new Error('its pixel data is shorter than its size says');
  const rows = unfilter(raw, height, stride, bpp);
  const out = new Uint8Array(width * height * 4);
  const max = (1 << Math.min(depth, 8)) - 1;
  const scale = depth >= 8 ? 1 : 255 / max;
  const pal = palette ?? new Uint8Array(0);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) {
      const i = x * samples;
      if (colour === 3) {
        const k = sample(rows, row, i, depth) * 3;
        out[o] = pal[k];
        out[o + 1] = pal[k + 1];
        out[o + 2] = pal[k + 2];
        out[o + 3] = alpha && k / 3 < alpha.length ? alpha[k / 3] : 255;
      } else if (colour === 0 || colour === 4) {
        const g = Math.round(sample(rows, row, i, depth) * scale);
        out[o] = out[o + 1] = out[o + 2] = g;
        out[o + 3] = colour === 4 ? sample(rows, row, i + 1, depth) : 255;
      } else {
        out[o] = sample(rows, row, i, depth);
        out[o + 1] = sample(rows, row, i + 1, depth);
        out[o + 2] = sample(rows, row, i + 2, depth);
        out[o + 3] = colour === 6 ? sample(rows, row, i + 3, depth) : 255;
      }
    }
  }
  return { width, height, data: out };

  /** Sample `i` of a row, reduced to 8 bits. */
  function sample(rows: Uint8Array, row: number, i: number, depth: number): number {
    if (depth === 8) return rows[row + i];
    if (depth === 16) return rows[row + i * 2];
    const bit = i * depth;
    return (rows[row + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
  }

  /** Undoes the per-row filters (None, Sub, Up, Average, Paeth) into rows without their filter byte. */
  function unfilter(raw: Uint8Array, height: number, stride: number, bpp: number): Uint8Array {
    const out = new Uint8Array(height * stride);
    for (let y = 0; y < height; y++) {
      const filter = raw[y * (stride + 1)];
      const src = y * (stride + 1) + 1;
      const at = y * stride;
      const up = at - stride;
      for (let x = 0; x < stride; x++) {
        const a = x >= bpp ? out[at + x - bpp] : 0;
        const b = y > 0 ? out[up + x] : 0;
        const c = x >= bpp && y > 0 ? out[up + x - bpp] : 0;
        let pred = 0;
        if (filter === 1) pred = a;
        else if (filter === 2) pred = b;
        else if (filter === 3) pred = (a + b) >> 1;
        else if (filter === 4) {
          const p = a + b - c;
          const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        } else if (filter !== 0) throw new Error(`row ${y + 1} uses filter ${filter}, which is not valid PNG`);
        out[at + x] = (raw[src + x] + pred) & 255;
      }
    }
    return out;
  }
}
