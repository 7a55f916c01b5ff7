import type { RgbaImage } from './decodePng';
import { resizeImage } from './resize';

const N = 32;
const K = 16;
// cos((2x + 1) u π / 2N) for the K lowest frequencies u.
const COS = Float64Array.from({ length: K * N }, (_, i) => Math.cos(((2 * (i % N) + 1) * Math.floor(i / N) * Math.PI) / (2 * N)));

/**
 * A 256-bit perceptual hash (pHash): the image in grey at 32 × 32, its 16 × 16 lowest DCT
 * frequencies, one bit per frequency above their median. Unchanged by resizing, small edits and
 * brightness shifts, so two images whose hashes differ in few bits look alike. The usual 64 bits
 * (8 × 8) cannot tell apart simple pictures such as a shape on a plain background; 256 can.
 * Returned as eight 32-bit words.
 */
export function perceptualHash(image: RgbaImage): Uint32Array {
  const grey = resizeImage(image, N, N, 1);
  const rows = new Float64Array(K * N);
  for (let u = 0; u < K; u++) {
    for (let y = 0; y < N; y++) {
      let s = 0;
      for (let x = 0; x < N; x++) s += grey[y * N + x] * COS[u * N + x];
      rows[u * N + y] = s;
    }
  }
  const dct = new Float64Array(K * K);
  for (let v = 0; v < K; v++) {
    for (let u = 0; u < K; u++) {
      let s = 0;
      for (let y = 0; y < N; y++) s += rows[u * N + y] * COS[v * N + y];
      dct[v * K + u] = s;
    }
  }
  // The DC term is overall brightness: left out of the median so a brighter copy keeps its hash.
  const median = [...dct.subarray(1)].sort((a, b) => a - b)[(K * K - 1) >> 1];
  const hash = new Uint32Array((K * K) >> 5);
  for (let i = 1; i < K * K; i++) if (dct[i] > median) hash[i >> 5] |= 1 << (i & 31);
  return hash;
}

/** Set bits in a 32-bit word: the Hamming distance between two hash words is popcount(a ^ b). */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
