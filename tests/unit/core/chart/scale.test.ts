/** The charts' own linear and band scales (scale.ts), on values d3-scale gives for the same calls. */
import { describe, expect, test } from 'vitest';
import { bandScale, linearScale } from '../../../../src/core/chart';

describe('linearScale', () => {
  test('maps and inverts, ascending or descending, and extrapolates past the domain', () => {
    const s = linearScale([0, 10], [0, 100]);
    expect([s(0), s(5), s(10), s(12)]).toEqual([0, 50, 100, 120]);
    expect(s.invert(25)).toBe(2.5);
    const y = linearScale([0, 1], [300, 20]);
    expect([y(0), y(0.5), y(1)]).toEqual([300, 160, 20]);
    expect(y.invert(160)).toBe(0.5);
    const down = linearScale([10, 0], [0, 100]);
    expect([down(10), down(0), down(2.5)]).toEqual([0, 100, 75]);
    // d3's order of operations: 0.1 normalised over [0, 0.3] then interpolated, not a single multiply.
    expect(linearScale([0, 0.3], [0, 300])(0.1)).toBe(100.00000000000001);
  });

  test('a flat domain maps everything to the middle of the range', () => {
    const s = linearScale([4, 4], [0, 200]);
    expect([s(4), s(-1)]).toEqual([100, 100]);
    expect(s.invert(7)).toBe(4);
    expect(s.domain()).toEqual([4, 4]);
  });
});

describe('bandScale', () => {
  test('centred bands with padding inside and out; unknown categories have none', () => {
    const b = bandScale(['a', 'b', 'c'], [0, 300]);
    // 3 bands, 0.2 of a step empty between them and at each end: 300 / 3.2 per step (to rounding).
    expect(b.step()).toBeCloseTo(93.75, 10);
    expect(b.bandwidth()).toBeCloseTo(75, 10);
    const near = (values: (number | undefined)[], expected: number[]) => values.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
    near(['a', 'b', 'c'].map((c) => b(c)), [18.75, 112.5, 206.25]);
    expect(b('z')).toBeUndefined();
    near(['a', 'b', 'c'].map((c) => bandScale(['a', 'b', 'c'], [300, 0])(c)), [206.25, 112.5, 18.75]);
  });
});
