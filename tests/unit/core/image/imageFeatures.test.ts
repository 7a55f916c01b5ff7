import { describe, expect, test } from 'vitest';
import { imageFeatures, type ImageSet } from '../../../../src/core/image';
import type { NumericColumn, StringColumn } from '../../../../src/core/table';

// One 8 × 8 grey image: left half black, right half white.
const pixels = new Uint8Array(64).map((_, p) => (p % 8 < 4 ? 0 : 255));
const set: ImageSet = { classNames: ['edge'], names: ['edge.png'], labels: Int32Array.of(0), width: 8, height: 8, channels: 1, pixels };
const table = imageFeatures(set);
const value = (name: string) => (table.columns.find((c) => c.name === name) as NumericColumn).values[0];

describe('imageFeatures', () => {
  test('has the file, the label and 16 grey bins + 144 edge bins + 64 thumbnail cells + brightness and contrast', () => {
    expect(table.rowCount).toBe(1);
    expect(table.columns).toHaveLength(2 + 16 + 144 + 64 + 2);
    expect((table.columns[0] as StringColumn).dictionary).toEqual(['edge.png']);
    expect((table.columns[1] as StringColumn).dictionary).toEqual(['edge']);
  });

  test('splits the grey histogram between the darkest and the brightest bin', () => {
    expect(value('grey bin 1')).toBe(0.5);
    expect(value('grey bin 16')).toBe(0.5);
    expect(value('grey bin 8')).toBe(0);
  });

  test('puts all edge energy at 0° in the cells either side of the edge, normalised', () => {
    // Gradients at x = 3 and x = 4 fall in cell columns 2 and 3 of every cell row: 8 equal cells.
    for (const r of [1, 2, 3, 4]) {
      for (const c of [2, 3]) expect(value(`edges r${r} c${c} 0°`)).toBeCloseTo(1 / Math.sqrt(8), 4);
      expect(value(`edges r${r} c1 0°`)).toBe(0);
      expect(value(`edges r${r} c2 80°`)).toBe(0);
    }
  });

  test('keeps the thumbnail, brightness and contrast', () => {
    expect(value('thumb r1 c1')).toBe(0);
    expect(value('thumb r8 c8')).toBe(1);
    expect(value('brightness')).toBe(0.5);
    expect(value('contrast')).toBe(0.5);
  });
});
