import { describe, expect, test } from 'vitest';
import { gridWindow, thumbnailPixels, type ImageSet } from '../../../../src/core/image';

const set = (channels: 1 | 3, pixels: number[]): ImageSet => ({ classNames: ['a'], names: ['x', 'y'], labels: Int32Array.of(0, 0), width: 1, height: 1, channels, pixels: Uint8Array.from(pixels) });

describe('thumbnailPixels', () => {
  test('repeats grey into RGB and makes every pixel opaque', () => {
    expect([...thumbnailPixels(set(1, [10, 200]), 1)]).toEqual([200, 200, 200, 255]);
  });
  test('takes the RGB of the chosen image', () => {
    expect([...thumbnailPixels(set(3, [1, 2, 3, 4, 5, 6]), 1)]).toEqual([4, 5, 6, 255]);
  });
});

describe('gridWindow', () => {
  test.each([
    // count, columns, row height, scroll, view → first, last, rows
    [100, 10, 50, 0, 120, 0, 40, 10],
    [100, 10, 50, 200, 120, 30, 80, 10],
    [100, 10, 50, 500, 120, 90, 100, 10],
    [7, 3, 50, 0, 1000, 0, 7, 3],
    [0, 4, 50, 0, 300, 0, 0, 0],
  ])('%i images in %i columns, rows of %i px, scrolled to %i px', (count, columns, rowHeight, scrollTop, view, first, last, rows) => {
    expect(gridWindow(count, columns, rowHeight, scrollTop, view)).toEqual({ first, last, rows });
  });
});
