import { describe, expect, test } from 'vitest';
import { computeMoments, kurtosis, mergeMoments, skewness, variance } from '../../../../src/core/stats';

describe('computeMoments', () => {
  test('values near 1e9 with spread 1 keep their variance', () => {
    const n = 1_000_000;
    const x = Float64Array.from({ length: n }, (_, i) => 1e9 + (i % 2));
    const m = computeMoments(x);
    // Alternating 0/1 offsets: Σ(x-mean)² = n/4 exactly.
    expect(variance(m)).toBeCloseTo(n / 4 / (n - 1), 12);
    expect(m.mean).toBe(1e9 + 0.5);
    expect(skewness(m)).toBeCloseTo(0, 9);
  });

  test('1e9 + k for k < 1001 gives n(n+1)/12', () => {
    const x = Float64Array.from({ length: 1001 }, (_, k) => 1e9 + k);
    expect(variance(computeMoments(x))).toBeCloseTo((1001 * 1002) / 12, 8);
  });

  test('skips NaN and infinities', () => {
    const m = computeMoments([1, 2, NaN, Infinity, 3, -Infinity]);
    expect([m.n, m.mean, m.sum, variance(m)]).toEqual([3, 2, 6, 1]);
  });

  test('mergeMoments equals computing at once', () => {
    const x = Float64Array.from({ length: 999 }, (_, i) => Math.sin(i) * 10 + i / 100);
    const whole = computeMoments(x);
    const merged = mergeMoments(computeMoments(x.subarray(0, 300)), computeMoments(x.subarray(300)));
    for (const k of ['n', 'mean', 'm2', 'm3', 'm4'] as const) expect(merged[k]).toBeCloseTo(whole[k], 6);
    expect(kurtosis(merged)).toBeCloseTo(kurtosis(whole), 10);
  });

  test('constant and tiny samples follow pandas (0 for constant, NaN below 3/4 values)', () => {
    expect(skewness(computeMoments([5, 5, 5, 5]))).toBe(0);
    expect(kurtosis(computeMoments([5, 5, 5, 5]))).toBe(0);
    expect(skewness(computeMoments([1, 2]))).toBeNaN();
    expect(kurtosis(computeMoments([1, 2, 3]))).toBeNaN();
  });
});
