import { expect, test } from 'vitest';
import { imageRgba, saliencyOverlay } from '../../../../../src/core/image/cnn/view';
import type { ImageSet } from '../../../../../src/core/image/imageSet';

const set = (channels: 1 | 3, pixels: number[]): ImageSet => ({ classNames: ['a', 'b'], names: ['a/0', 'b/1'], labels: Int32Array.of(0, 1), width: 2, height: 1, channels, pixels: Uint8Array.from(pixels) });

test('imageRgba repeats grey into red, green and blue, and picks the right image', () => {
  expect(Array.from(imageRgba(set(1, [10, 20, 30, 40]), 1))).toEqual([30, 30, 30, 255, 40, 40, 40, 255]);
  expect(Array.from(imageRgba(set(3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 1))).toEqual([7, 8, 9, 255, 10, 11, 12, 255]);
});

test('saliencyOverlay leaves unimportant pixels grey and turns the most important one orange', () => {
  const out = saliencyOverlay(Uint8ClampedArray.from([100, 100, 100, 255, 100, 100, 100, 255]), [0, 1], 1);
  expect(Array.from(out)).toEqual([60, 60, 60, 255, 230, 159, 0, 255]);
});
