import { lowerBound, quantileSorted, sortFloat64, upperBound } from '../stats';
import type { BoxStats } from './types';

/** Box-plot figures of one group's finite values (ascending). */
export function boxStats(group: string, sorted: Float64Array): BoxStats {
  const n = sorted.length;
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const lo = lowerBound(sorted, q1 - 1.5 * iqr);
  const hi = upperBound(sorted, q3 + 1.5 * iqr) - 1;
  return {
    group,
    count: n,
    min: n ? sorted[0] : NaN,
    q1,
    median: quantileSorted(sorted, 0.5),
    q3,
    max: n ? sorted[n - 1] : NaN,
    whiskerLow: n ? sorted[Math.min(lo, n - 1)] : NaN,
    whiskerHigh: n ? sorted[Math.max(hi, 0)] : NaN,
  };
}

/** Box stats of `values` split by `codes` (rows with a missing side dropped), one per used level. */
export function groupedBoxStats(codes: Int32Array, labels: string[], values: ArrayLike<number>): BoxStats[] {
  const counts = new Int32Array(labels.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0 && values[i] - values[i] === 0) counts[codes[i]]++;
  const groups = Array.from(counts, (c) => new Float64Array(c));
  const fill = new Int32Array(labels.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && values[i] - values[i] === 0) groups[c][fill[c]++] = values[i];
  }
  const out: BoxStats[] = [];
  groups.forEach((g, c) => {
    if (g.length === 0) return;
    sortFloat64(g);
    out.push(boxStats(labels[c], g));
  });
  return out;
}
