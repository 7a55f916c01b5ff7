/**
 * Metrics over a bootstrap resample given as per-row multiplicities (`counts[i]` = how often row i
 * was drawn), so each resample costs O(n) instead of a gather and a sort.
 */

/** Rows in ascending score order; computed once per model and reused by every resample. */
export function scoreOrder(scores: ArrayLike<number>): Int32Array {
  const order = new Int32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((i, j) => scores[i] - scores[j]);
}

/** Multiplicity of each row in a resample. */
export function rowCounts(indices: Int32Array, n: number, out: Float64Array = new Float64Array(n)): Float64Array {
  out.fill(0);
  for (let i = 0; i < indices.length; i++) out[indices[i]]++;
  return out;
}

/** Weighted mean of `values`. */
export function weightedMean(values: ArrayLike<number>, counts: Float64Array): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    s += counts[i] * values[i];
    w += counts[i];
  }
  return s / w;
}

/**
 * Weighted ROC AUC (Mann–Whitney with ties counted ½): sweeps `order` once, tie group by tie group.
 * `positive[i]` is 1 for the positive class. NaN when a class is absent from the resample.
 */
export function weightedAuc(order: Int32Array, scores: ArrayLike<number>, positive: ArrayLike<number>, counts: Float64Array): number {
  let negativesBelow = 0;
  let wins = 0;
  let totalPositive = 0;
  let i = 0;
  while (i < order.length) {
    let pos = 0;
    let neg = 0;
    let j = i;
    const s = scores[order[i]];
    for (; j < order.length && scores[order[j]] === s; j++) {
      const c = counts[order[j]];
      if (positive[order[j]]) pos += c;
      else neg += c;
    }
    wins += pos * (negativesBelow + neg / 2);
    negativesBelow += neg;
    totalPositive += pos;
    i = j;
  }
  return totalPositive === 0 || negativesBelow === 0 ? NaN : wins / (totalPositive * negativesBelow);
}
