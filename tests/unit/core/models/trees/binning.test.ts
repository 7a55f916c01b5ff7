/**
 * Whole-number columns are tallied instead of sorted (binning.ts); these check that both ways place
 * the same edges. Shifting a whole column by −70,000 keeps every edge exact in float32 (midpoints
 * of integers below 2^22) and takes it off the tally, so the shifted column goes through the sort.
 */
import { describe, expect, test } from 'vitest';
import { fitBins } from '../../../../../src/core/models/trees/binning';
import { createRng } from '../../../../../src/core/stats';

const SHIFT = 70_000;

function edgesBothWays(column: number[], maxBins: number): { tallied: number[]; sorted: number[] } {
  const rows = Int32Array.from(column, (_, i) => i);
  const X = Float32Array.from(column);
  const shifted = Float32Array.from(column, (v) => v - SHIFT);
  const [tallied] = fitBins(X, 1, rows, new Set(), { maxBins });
  const [sorted] = fitBins(shifted, 1, rows, new Set(), { maxBins });
  return { tallied: [...tallied.upper], sorted: [...sorted.upper].map((u) => (Number.isFinite(u) ? u + SHIFT : u)) };
}

describe('numeric bin edges of whole-number columns', () => {
  test('few distinct values (hours, with missing ones): one bin per value, the same both ways', () => {
    const rng = createRng(3);
    const column = Array.from({ length: 5_000 }, () => (rng.next() < 0.05 ? NaN : Math.floor(rng.next() * 24)));
    const { tallied, sorted } = edgesBothWays(column, 255);
    expect(tallied).toEqual(sorted);
    expect(tallied).toHaveLength(24);
    expect(tallied.slice(0, 3)).toEqual([0.5, 1.5, 2.5]);
  });

  test('many distinct values with heavy ones (miles): quantile edges, the same both ways', () => {
    const rng = createRng(4);
    const column = Array.from({ length: 20_000 }, () => (rng.next() < 0.2 ? 337 : rng.next() < 0.1 ? 0 : Math.floor(rng.next() ** 3 * 60_000)));
    for (const maxBins of [255, 32, 2]) {
      const { tallied, sorted } = edgesBothWays(column, maxBins);
      expect(tallied).toEqual(sorted);
      expect(tallied.length).toBeLessThanOrEqual(maxBins);
      expect(tallied.length).toBeGreaterThan(1);
    }
  });

  test('−0 bins as 0', () => {
    const column = [-0, 0, 1, 2, -0, 3];
    const rows = Int32Array.from(column, (_, i) => i);
    const [bins] = fitBins(Float32Array.from(column), 1, rows, new Set(), { maxBins: 255 });
    expect([...bins.upper]).toEqual([0.5, 1.5, 2.5, Infinity]);
  });
});
