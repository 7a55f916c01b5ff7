import { describe, expect, test } from 'vitest';
import { perceptualHash, popcount } from '../../../../src/core/image';

/** Bits that differ between two hashes. */
const hammingDistance = (a: Uint32Array, b: Uint32Array) => a.reduce((d, w, i) => d + popcount((w ^ b[i]) >>> 0), 0);

/** A 40 × 40 RGBA picture from a function of (x, y) giving grey. */
const picture = (f: (x: number, y: number) => number, size = 40) => {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data.set([f(x, y), f(x, y), f(x, y), 255], (y * size + x) * 4);
  return { width: size, height: size, data };
};
/** A disc with a soft (anti-aliased) edge over a gentle gradient, drawn at `scale` times 40 px. */
const soft = (cx: number, cy: number, shift = 0, scale = 1) =>
  picture((x, y) => {
    const d = Math.hypot(x / scale - cx, y / scale - cy);
    return Math.min(255, Math.round(40 + 160 * Math.min(1, Math.max(0, 10.5 - d)) + shift + x / scale / 4));
  }, 40 * scale);
const disc = (cx: number, cy: number, shift = 0) => soft(cx, cy, shift);

describe('perceptualHash', () => {
  test('is 256 bits and unchanged by a uniform brightness shift', () => {
    const hash = perceptualHash(disc(20, 20));
    expect(hash).toHaveLength(8);
    expect(hammingDistance(hash, perceptualHash(disc(20, 20, 15)))).toBe(0);
  });

  test('stays close after resizing and a light edit, and far for another picture', () => {
    const base = perceptualHash(disc(20, 20));
    // The same drawing at twice the size.
    const large = soft(20, 20, 0, 2);
    const touched = disc(20, 20);
    // A light edit: two pixels a little brighter.
    for (const p of [300, 900]) touched.data.set([touched.data[p * 4] + 40, touched.data[p * 4] + 40, touched.data[p * 4] + 40], p * 4);
    expect(hammingDistance(base, perceptualHash(large))).toBeLessThanOrEqual(16);
    expect(hammingDistance(base, perceptualHash(touched))).toBeLessThanOrEqual(16);
    expect(hammingDistance(base, perceptualHash(disc(8, 30)))).toBeGreaterThan(40);
  });

  test('counts differing bits', () => {
    expect(hammingDistance(Uint32Array.of(0b1011, 0), Uint32Array.of(0b0001, 0x80000000))).toBe(3);
  });
});
