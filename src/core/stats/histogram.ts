import { quantileSorted } from './quantile';

/** Equal-width histogram: `edges` has one more entry than `counts`. */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/**
 * Bin count like NumPy `bins='auto'`: the narrower of the Sturges and Freedman–Diaconis
 * widths (FD ignored when the IQR is 0), capped at `maxBins` (default 50).
 */
export function autoBinCount(sorted: ArrayLike<number>, maxBins = 50): number {
  const n = sorted.length;
  if (n === 0) return 1;
  const range = sorted[n - 1] - sorted[0];
  if (!(range > 0)) return 1;
  return binCountFor(n, range, quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25), maxBins);
}

/** `autoBinCount` from its inputs: `n` values spanning `range` with interquartile range `iqr`. */
export function binCountFor(n: number, range: number, iqr: number, maxBins = 50): number {
  if (n === 0 || !(range > 0)) return 1;
  const sturges = range / (Math.log2(n) + 1);
  const fd = 2 * iqr * Math.pow(n, -1 / 3);
  const width = fd > 0 ? Math.min(fd, sturges) : sturges;
  return Math.max(1, Math.min(maxBins, Math.ceil(range / width)));
}

/**
 * Histogram of an ascending array of finite values, with NumPy's edge rules: a constant
 * array gets one bin [v-0.5, v+0.5]; the last bin is closed on the right.
 */
export function histogramSorted(sorted: ArrayLike<number>, bins?: number): Histogram {
  const n = sorted.length;
  if (n === 0) return { edges: [], counts: [] };
  const k = bins ?? autoBinCount(sorted);
  const edges = histogramEdges(sorted[0], sorted[n - 1], k);
  const counts = new Array<number>(k).fill(0);
  // On sorted input each bin is one contiguous run: walk the edges once.
  let j = 0;
  for (let b = 0; b < k; b++) {
    const upper = edges[b + 1];
    const start = j;
    if (b === k - 1) j = n;
    else while (j < n && sorted[j] < upper) j++;
    counts[b] = j - start;
  }
  return { edges, counts };
}

/** NumPy's `k` equal-width bin edges from the smallest to the largest value (one bin [v-0.5, v+0.5] when they are equal). */
export function histogramEdges(min: number, max: number, k: number): number[] {
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const edges = new Array<number>(k + 1);
  // NumPy's linspace: i·step + start, with the stop written exactly.
  const step = (last - first) / k;
  for (let i = 0; i <= k; i++) edges[i] = i * step + first;
  edges[k] = last;
  return edges;
}
