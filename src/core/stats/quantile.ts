/**
 * Quantile of an ascending array with NumPy's default "linear" method:
 * position p·(n-1), interpolated between its neighbours. NaN for an empty array.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = p * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const frac = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  // NumPy's lerp form, exact at the ends and for equal neighbours.
  return frac === 0 || a === b ? a : a + (b - a) * frac;
}

/**
 * Median absolute deviation around the median, unscaled (scipy `median_abs_deviation`
 * with scale=1). O(n): the deviations |x - m| grow outward from the median on both
 * sides, so a two-pointer walk visits them in ascending order.
 */
export function madSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const m = quantileSorted(sorted, 0.5);
  // Left pointer: last index with value <= m; right pointer: the one after.
  let lo = upperBound(sorted, m) - 1;
  let hi = lo + 1;
  const kLow = Math.floor((n - 1) / 2);
  const kHigh = Math.ceil((n - 1) / 2);
  let k = 0;
  let prev = NaN;
  while (k <= kHigh) {
    const dl = lo >= 0 ? m - sorted[lo] : Infinity;
    const dr = hi < n ? sorted[hi] - m : Infinity;
    let d: number;
    if (dl <= dr) {
      d = dl;
      lo--;
    } else {
      d = dr;
      hi++;
    }
    if (k === kLow && kLow === kHigh) return d;
    if (k === kLow) prev = d;
    else if (k === kHigh) return (prev + d) / 2;
    k++;
  }
  return prev;
}

/** First index whose value is > x in an ascending array. */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is >= x in an ascending array. */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
