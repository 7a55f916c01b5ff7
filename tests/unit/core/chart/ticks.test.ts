import { describe, expect, test } from 'vitest';
import { axisTicks, extentOf, fitAxisX, isIntegerValued, niceTicks, padExtent } from '../../../../src/core/chart';

describe('niceTicks', () => {
  test.each([
    // lo, hi, count, integer, expected ticks
    [1, 45, 4, false, [0, 10, 20, 30, 40, 50]],
    [0.5, 44.5, 4, false, [0, 10, 20, 30, 40, 50]],
    [-3.2, 7.9, 5, false, [-4, -2, 0, 2, 4, 6, 8]],
    [0.412, 0.438, 4, false, [0.41, 0.42, 0.43, 0.44]],
    [0, 1, 4, false, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [1, 3, 5, true, [1, 2, 3]],
    [1, 4, 8, true, [1, 2, 3, 4]],
    [1, 1461, 4, true, [0, 500, 1000, 1500]],
  ])('niceTicks(%d, %d, %d, integer %s) gives round ticks covering the range', (lo, hi, count, integer, ticks) => {
    const t = niceTicks(lo, hi, count, { integer });
    expect(t.ticks).toEqual(ticks);
    expect(t.domain).toEqual([ticks[0], ticks[ticks.length - 1]]);
  });

  test('epochs 1..45 never get fractional ticks (the issue saw 11.75 / 22.5 / 33.25)', () => {
    for (let hi = 2; hi <= 60; hi++) expect(niceTicks(1, hi, 4, { integer: true }).ticks.every(Number.isInteger)).toBe(true);
  });

  test('a flat domain is widened around its value; non-finite input falls back to [0, 1]', () => {
    expect(niceTicks(5, 5, 4).domain[0]).toBeLessThan(5);
    expect(niceTicks(5, 5, 4).domain[1]).toBeGreaterThan(5);
    expect(niceTicks(NaN, 3).ticks).toEqual([0, 1]);
  });

  test('tick labels follow the step: 0.2 steps print one decimal, thousands get separators, years stay plain', () => {
    expect(axisTicks(0, 1, 5).labels).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
    expect(axisTicks(0, 20_000, 4).labels).toEqual(['0', '5,000', '10,000', '15,000', '20,000']);
    expect(axisTicks(-0.3, 0.3, 6).labels[0]).toBe('−0.3');
    expect(axisTicks(2008, 2021, 4, { year: true }).labels).toEqual(['2005', '2010', '2015', '2020', '2025']);
  });
});

describe('extents', () => {
  test('extentOf skips non-finite values and handles 200k points without spreading', () => {
    const big = new Float64Array(200_000).map((_, i) => i);
    expect(extentOf([[3, NaN, -1, Infinity], big])).toEqual([-1, 199_999]);
    expect(extentOf([[NaN]])).toEqual([0, 1]);
  });
  test('padExtent widens by a fraction of the span, or around a flat value', () => {
    expect(padExtent([-5, 10], 0.1)).toEqual([-6.5, 11.5]);
    expect(padExtent([4, 4], 0.25)).toEqual([3, 5]);
  });
  test('padding keeps non-negative data at a 0 floor (no −200,000,000 axis for grosses)', () => {
    expect(padExtent([0, 10], 0.1)).toEqual([0, 11]);
    expect(padExtent([2, 10], 0.5)).toEqual([0, 14]);
    expect(padExtent([-10, 0], 0.1)).toEqual([-11, 0]);
  });
  test('isIntegerValued tells epochs from fractions', () => {
    expect(isIntegerValued([1, 2, NaN, 3])).toBe(true);
    expect(isIntegerValued([0.5, 1])).toBe(false);
  });
});

describe('fitAxisX', () => {
  test('long labels get a coarser round step instead of overlapping or uneven ticks', () => {
    const { ticks } = fitAxisX(0, 760_000_000, [52, 306], 320);
    const steps = ticks.slice(1).map((t, i) => t.value - ticks[i].value);
    expect(new Set(steps).size).toBe(1);
    expect([1, 2, 5]).toContain(steps[0] / 10 ** Math.floor(Math.log10(steps[0])));
    expect(ticks.at(-1)!.at).toBeLessThanOrEqual(306);
  });
  test('the last label near the chart edge is anchored inside it', () => {
    const { ticks } = fitAxisX(0, 1, [56, 504], 520, { domain: [0, 1] });
    expect(ticks.at(-1)).toMatchObject({ value: 1, anchor: 'middle' });
    const tight = fitAxisX(0, 1_000_000, [56, 316], 320, { domain: [0, 1_000_000] });
    expect(tight.ticks.at(-1)!.anchor).toBe('end');
  });
});
