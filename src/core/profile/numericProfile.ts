import type { NumericColumn } from '../table/types';
import {
  computeMoments,
  histogramSorted,
  kurtosis,
  lowerBound,
  madSorted,
  quantileSorted,
  skewness,
  upperBound,
  variance,
} from '../stats';
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
  const m = computeMoments(sorted);
  const v = variance(m);
  const std = Math.sqrt(v);
  const quantiles = quantilesOf(sorted);
  const iqr = quantiles['0.75'] - quantiles['0.25'];
  const lowerFence = quantiles['0.25'] - 1.5 * iqr;
  const upperFence = quantiles['0.75'] + 1.5 * iqr;
  const below = lowerBound(sorted, lowerFence);
  const above = n - upperBound(sorted, upperFence);
  const low: number[] = [];
  for (let i = 0; i < Math.min(5, below); i++) low.push(sorted[i]);
  const high: number[] = [];
  for (let i = 0; i < Math.min(5, above); i++) high.push(sorted[n - 1 - i]);
  const zeroStart = lowerBound(sorted, 0);
  const zeros = upperBound(sorted, 0) - zeroStart;
  const min = n ? sorted[0] : NaN;
  const max = n ? sorted[n - 1] : NaN;
  return {
    min,
    max,
    range: max - min,
    mean: m.mean,
    std,
    variance: v,
    sum: m.sum,
    skewness: skewness(m),
    kurtosis: kurtosis(m),
    cv: std / m.mean,
    mad: madSorted(sorted),
    quantiles,
    iqr,
    zeros,
    negatives: zeroStart,
    infinite,
    outliers: { count: below + above, low, high, lowerFence, upperFence },
    histogram: histogramSorted(sorted),
  };
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
