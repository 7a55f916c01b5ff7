import { binCountFor, histogramEdges, type Histogram } from '../stats';
import { assembleNumericStats, outlierFences } from './assembleNumericStats';
import { madFromCounts, momentsFromCounts, quantilesFromCounts, type LatticeCounts } from './latticeCounts';
import { QUANTILE_KEYS, type NumericStats, type Quantiles } from './types';

/** Slots that hold at least one value. */
export function distinctCounts(lattice: LatticeCounts): number {
  let d = 0;
  for (let s = 0; s < lattice.counts.length; s++) if (lattice.counts[s] !== 0) d++;
  return d;
}

/** First and last occupied slot's value (NaN when there is no value). */
function extremes(lattice: LatticeCounts): [number, number] {
  const { min, step, counts } = lattice;
  let first = 0;
  while (first < counts.length && counts[first] === 0) first++;
  if (first === counts.length) return [NaN, NaN];
  let last = counts.length - 1;
  while (counts[last] === 0) last--;
  return [min + first * step, min + last * step];
}

/** `histogramSorted` with automatic bins, from the counts: same bins, edges and counts. */
export function histogramFromCounts(lattice: LatticeCounts, q25: number, q75: number): Histogram {
  const { min, step, counts, n } = lattice;
  if (n === 0) return { edges: [], counts: [] };
  const [first, last] = extremes(lattice);
  const k = binCountFor(n, last - first, q75 - q25);
  const edges = histogramEdges(first, last, k);
  const bins = new Array<number>(k).fill(0);
  // A value falls in the first bin whose upper edge is above it; the last bin takes the rest.
  let b = 0;
  for (let s = 0; s < counts.length; s++) {
    const c = counts[s];
    if (c === 0) continue;
    const v = min + s * step;
    while (b < k - 1 && !(v < edges[b + 1])) b++;
    bins[b] += c;
  }
  return { edges, counts: bins };
}

/** Values below `below` (ascending, at most `limit`, each as often as it occurs) and how many there are. */
function lowTail(lattice: LatticeCounts, below: number, limit: number): { count: number; values: number[] } {
  const { min, step, counts } = lattice;
  const values: number[] = [];
  let count = 0;
  for (let s = 0; s < counts.length; s++) {
    const v = min + s * step;
    if (!(v < below)) break;
    count += counts[s];
    for (let c = counts[s]; c > 0 && values.length < limit; c--) values.push(v);
  }
  return { count, values };
}

/** Values above `above` (descending, at most `limit`, each as often as it occurs) and how many there are. */
function highTail(lattice: LatticeCounts, above: number, limit: number): { count: number; values: number[] } {
  const { min, step, counts } = lattice;
  const values: number[] = [];
  let count = 0;
  for (let s = counts.length - 1; s >= 0; s--) {
    const v = min + s * step;
    if (!(v > above)) break;
    count += counts[s];
    for (let c = counts[s]; c > 0 && values.length < limit; c--) values.push(v);
  }
  return { count, values };
}

/** Rows equal to 0 and rows below 0. */
function signCounts(lattice: LatticeCounts): { zeros: number; negatives: number } {
  const { min, step, counts } = lattice;
  let zeros = 0;
  let negatives = 0;
  for (let s = 0; s < counts.length; s++) {
    const v = min + s * step;
    if (v < 0) negatives += counts[s];
    else if (v === 0) zeros += counts[s];
    else break;
  }
  return { zeros, negatives };
}

/**
 * `numericStats` of a lattice column from its counts, without an n-row sorted copy: the same figures,
 * bit for bit (every sum adds the same terms in the same order, every quantile reads the same ranks).
 */
export function numericStatsFromCounts(lattice: LatticeCounts, infinite: number): NumericStats {
  const qs = quantilesFromCounts(lattice, QUANTILE_KEYS.map(Number));
  const quantiles = {} as Quantiles;
  QUANTILE_KEYS.forEach((key, i) => (quantiles[key] = qs[i]));
  const { lowerFence, upperFence } = outlierFences(quantiles);
  const [min, max] = extremes(lattice);
  return assembleNumericStats({
    moments: momentsFromCounts(lattice),
    quantiles,
    min,
    max,
    mad: madFromCounts(lattice, quantiles['0.5']),
    ...signCounts(lattice),
    infinite,
    low: lowTail(lattice, lowerFence, 5),
    high: highTail(lattice, upperFence, 5),
    histogram: histogramFromCounts(lattice, quantiles['0.25'], quantiles['0.75']),
  });
}
