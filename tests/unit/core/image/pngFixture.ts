import { deflateSync } from 'node:zlib';

/**
 * Writes PNGs for the decoder tests, with the chosen filter on every row, following the PNG
 * specification (ISO/IEC 15948) independently of the decoder under test.
 */
export function encodePng(opts: { width: number; height: number; colour: 0 | 2 | 3 | 4 | 6; depth: number; rows: number[][]; filter?: 0 | 1 | 2 | 3 | 4; palette?: number[]; alpha?: number[] }): Uint8Array {
  const { width, height, colour, depth, rows, filter = 0 } = opts;
  const samples = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colour];
  const bpp = Math.max(1, (samples * depth) >> 3);
  const packed = rows.map((row) => pack(row, depth));
  const raw: number[] = [];
  packed.forEach((line, y) => {
    raw.push(filter);
    const prev = y > 0 ? packed[y - 1] : line.map(() => 0);
    line.forEach((v, x) => {
      const a = x >= bpp ? line[x - bpp] : 0;
      const b = prev[x];
      const c = x >= bpp ? prev[x - bpp] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter];
      raw.push((v - pred) & 255);
    });
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([depth, colour, 0, 0, 0], 8);
  const chunks = [chunk('IHDR', header)];
  if (opts.palette) chunks.push(chunk('PLTE', Buffer.from(opts.palette)));
  if (opts.alpha) chunks.push(chunk('tRNS', Buffer.from(opts.alpha)));
  chunks.push(chunk('IDAT', deflateSync(Buffer.from(raw))), chunk('IEND', Buffer.alloc(0)));
  return new Uint8Array(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), ...chunks]));
}

function pack(samples: number[], depth: number): number[] {
  if (depth === 8) return samples;
  if (depth === 16) return samples.flatMap((s) => [s >> 8, s & 255]);
  const out: number[] = [];
  samples.forEach((s, i) => {
    const bit = i * depth;
    if ((bit & 7) === 0) out.push(0);
    out[out.length - 1] |= s << (8 - depth - (bit & 7));
  });
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(data.length + 12);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), data.length + 8);
  return out;
}

function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ -1) >>> 0;
}
