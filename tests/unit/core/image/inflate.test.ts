import { describe, expect, test } from 'vitest';
import { deflateSync } from 'node:zlib';
import { inflate } from '../../../../src/core/image/inflate';
import { createRng } from '../../../../src/core/stats';

/** Bytes with long runs and repeats (back references) mixed with noise (literals). */
function mixed(n: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.next() < 0.2 ? rng.int(256) : i > 40 ? out[i - 1 - rng.int(40)] : i & 255;
  return out;
}

describe('inflate', () => {
  // Node's zlib is the independent encoder: level 0 writes stored blocks (70,000 bytes: two of them), others fixed and dynamic codes.
  test.each([0, 1, 6, 9])('undoes zlib at level %i, for empty, small and multi-block inputs', (level) => {
    for (const n of [0, 1, 300, 70_000]) {
      const data = mixed(n, n + level);
      // Buffer comparison: a deep equal of 70,000 elements takes seconds.
      expect(Buffer.from(inflate(new Uint8Array(deflateSync(data, { level })), n)).equals(data)).toBe(true);
    }
  });

  test('undoes incompressible noise', () => {
    const rng = createRng(2);
    const data = Uint8Array.from({ length: 5000 }, () => rng.int(256));
    expect(inflate(new Uint8Array(deflateSync(data)), 5000)).toEqual(data);
  });

  test.each([
    ['a wrong header', new Uint8Array([0x78, 0x00, 0, 0]), 'the zlib header is not valid'],
    ['a cut-off stream', new Uint8Array(deflateSync(mixed(2000, 1))).subarray(0, 40), 'the compressed data ends early'],
    ['an invalid block type', new Uint8Array([0x78, 0x9c, 0b111]), 'the compressed data has an invalid block type'],
  ])('says what is wrong with %s', (_, data, message) => {
    expect(() => inflate(data, 2000)).toThrow(message);
  });

  test('refuses to write past the size it was told', () => {
    expect(() => inflate(new Uint8Array(deflateSync(mixed(100, 3))), 99)).toThrow('the compressed data inflates to more bytes than the image holds');
  });
});
