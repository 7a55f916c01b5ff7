import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { madSorted, quantileSorted } from '../../../../src/core/stats';

/** The MAD by definition: median of |x - median|, sorting the deviations. */
function naiveMad(sorted: Float64Array): number {
  const m = quantileSorted(sorted, 0.5);
  const d = sorted.map((v) => Math.abs(v - m)).sort();
  return quantileSorted(d, 0.5);
}

describe('quantileSorted / madSorted', () => {
  test('NumPy linear interpolation', () => {
    const s = Float64Array.of(1, 2, 3, 4);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.25)).toBe(1.75);
    expect(quantileSorted(s, 1)).toBe(4);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });

  test('the O(n) two-pointer MAD equals the sorting definition', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 60 }), (xs) => {
        const s = Float64Array.from(xs).sort();
        expect(madSorted(s)).toBe(naiveMad(s));
      }),
      { numRuns: 300 },
    );
  });
});
