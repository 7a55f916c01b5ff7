/**
 * Seeded grey shape images generated in memory (no files): circles, squares, triangles and crosses
 * of random size, position and brightness on a noisy background. Shared by the CNN tests and the
 * `images` bench, which writes the same pixels for scikit-learn.
 */
import { createRng } from '../../../../../src/core/stats';
import type { ImageSet } from '../../../../../src/core/image/imageSet';

export const SHAPES = ['circle', 'square', 'triangle', 'cross'] as const;

function inside(shape: number, x: number, y: number, cx: number, cy: number, r: number): boolean {
  const dx = x - cx;
  const dy = y - cy;
  if (shape === 0) return dx * dx + dy * dy <= r * r;
  if (shape === 1) return Math.abs(dx) <= r * 0.85 && Math.abs(dy) <= r * 0.85;
  if (shape === 2) return dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= ((dy + r) / (1.8 * r)) * r;
  return (Math.abs(dx) <= r * 0.3 && Math.abs(dy) <= r) || (Math.abs(dy) <= r * 0.3 && Math.abs(dx) <= r);
}

/** `n` images of `size` × `size`, classes in turn (so every class has ⌊n/4⌋ or one more). */
export function shapeImages(n: number, size = 28, seed = 1, classes: number = SHAPES.length): ImageSet {
  const rng = createRng(seed);
  const pixels = new Uint8Array(n * size * size);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const shape = i % classes;
    labels[i] = shape;
    const r = size * (0.18 + rng.next() * 0.14);
    const cx = r + rng.next() * (size - 2 * r);
    const cy = r + rng.next() * (size - 2 * r);
    const ink = 150 + rng.int(106);
    const paper = rng.int(60);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const v = (inside(shape, x + 0.5, y + 0.5, cx, cy, r) ? ink : paper) + rng.int(31) - 15;
        pixels[i * size * size + y * size + x] = Math.max(0, Math.min(255, v));
      }
    }
  }
  return { classNames: SHAPES.slice(0, classes).map(String), names: Array.from({ length: n }, (_, i) => `${SHAPES[i % classes]}/${i}.png`), labels, width: size, height: size, channels: 1, pixels };
}
