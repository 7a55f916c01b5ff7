import type { NumericColumn } from '../table';
import { computeMoments, histogramSorted, lowerBound, madSorted, quantileSorted, upperBound } from '../stats';
import { assembleNumericStats, outlierFences } from './assembleNumericStats';
import { countLattice } from './latticeCounts';
import { distinctCounts, numericStatsFromCounts } from './latticeStats';
import { scanFinite, sortScanned } from './sortFinite';
import { QUANTILE_KEYS, type ColumnProfile, type NumericStats, type Quantiles } from './types';

export { sortFinite, type SortedFinite } from './sortFinite';

/**
 * Memory a profile may sort into: a buffer, or a function that makes one only when a column needs
 * sorting (lattice columns are counted instead), so the buffer need not exist at all.
 */
export type SortScratch = Float64Array | (() => Float64Array);

export function scratchOf(scratch?: SortScratch): Float64Array | undefined {
  return typeof scratch === 'function' ? scratch() : scratch;
}

/** Number of distinct values in an ascending array. */
export function distinctSorted(sorted: Float64Array): number {
  if (sorted.length === 0) return 0;
  let d = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) d++;
  return d;
}

export function quantilesOf(sorted: ArrayLike<number>): Quantiles {
  const q = {} as Quantiles;
  for (const key of QUANTILE_KEYS) q[key] = quantileSorted(sorted, Number(key));
  return q;
}

/** Numeric statistics of the finite values in `sorted` (ascending). */
export function numericStats(sorted: Float64Array, infinite: number): NumericStats {
  const n = sorted.length;
  const quantiles = quantilesOf(sorted);
  const { lowerFence, upperFence } = outlierFences(quantiles);
  const below = lowerBound(sorted, lowerFence);
  const above = n - upperBound(sorted, upperFence);
  const zeroStart = lowerBound(sorted, 0);
  return assembleNumericStats({
    moments: computeMoments(sorted),
    quantiles,
    min: n ? sorted[0] : NaN,
    max: n ? sorted[n - 1] : NaN,
    mad: madSorted(sorted),
    zeros: upperBound(sorted, 0) - zeroStart,
    negatives: zeroStart,
    infinite,
    low: { count: below, values: Array.from(sorted.subarray(0, Math.min(5, below))) },
    high: { count: above, values: Array.from(sorted.subarray(n - Math.min(5, above))).reverse() },
    histogram: histogramSorted(sorted),
  });
}

/** Profile of an integer or float column; tall integer-lattice columns are counted, not sorted. */
export function numericProfile(column: NumericColumn, scratch?: SortScratch): ColumnProfile {
  const scan = scanFinite(column.values);
  const { missing, infinite, distinctInfinite } = scan;
  const count = column.values.length - missing;
  let distinct: number;
  let numeric: NumericStats;
  if (scan.countable) {
    const lattice = countLattice(column.values, scan);
    distinct = distinctCounts(lattice) + distinctInfinite;
    numeric = numericStatsFromCounts(lattice, infinite);
  } else {
    const sorted = sortScanned(column.values, scan, scratchOf(scratch));
    distinct = distinctSorted(sorted) + distinctInfinite;
    numeric = numericStats(sorted, infinite);
  }
  return {
    name: column.name,
    type: column.type,
    count,
    missing,
    distinct,
    uniqueRatio: count ? distinct / count : 0,
    memoryBytes: column.values.byteLength,
    numeric,
  };
}
