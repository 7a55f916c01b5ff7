/**
 * Central moments of a sample, computed in two passes (mean, then centred sums) so a
 * column of values near 1e9 with spread 1 keeps its variance.
 */
export interface Moments {
  /** Finite values used. */
  n: number;
  mean: number;
  /** Sum of the finite values. */
  sum: number;
  /** Sums of centred powers: Σ(x-mean)², Σ(x-mean)³, Σ(x-mean)⁴. */
  m2: number;
  m3: number;
  m4: number;
}

/** Moments over the finite values of `values` (NaN and ±Infinity are skipped). */
export function computeMoments(values: ArrayLike<number>): Moments {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) {
      sum += v;
      n++;
    }
  }
  if (n === 0) return { n: 0, mean: NaN, sum: 0, m2: NaN, m3: NaN, m4: NaN };
  let mean = sum / n;
  // The correction pass removes the rounding error of the first mean (Björck's refinement).
  let corr = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) corr += v - mean;
  }
  mean += corr / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) {
      const d = v - mean;
      const d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
  }
  return { n, mean, sum, m2, m3, m4 };
}

/** Merges two moment sets (Chan et al. / Pébay), for streaming batches. */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  const d2 = delta * delta;
  const mean = a.mean + (delta * b.n) / n;
  const m2 = a.m2 + b.m2 + (d2 * a.n * b.n) / n;
  const m3 =
    a.m3 +
    b.m3 +
    (d2 * delta * a.n * b.n * (a.n - b.n)) / (n * n) +
    (3 * delta * (a.n * b.m2 - b.n * a.m2)) / n;
  const m4 =
    a.m4 +
    b.m4 +
    (d2 * d2 * a.n * b.n * (a.n * a.n - a.n * b.n + b.n * b.n)) / (n * n * n) +
    (6 * d2 * (a.n * a.n * b.m2 + b.n * b.n * a.m2)) / (n * n) +
    (4 * delta * (a.n * b.m3 - b.n * a.m3)) / n;
  return { n, mean, sum: a.sum + b.sum, m2, m3, m4 };
}

/** Sample variance (n-1 denominator), like pandas `Series.var()`. */
export function variance(m: Moments): number {
  return m.n < 2 ? NaN : m.m2 / (m.n - 1);
}

/**
 * Bias-corrected sample skewness G1 = √(n(n-1))/(n-2) · g1, as pandas `Series.skew()`.
 * NaN below 3 values; 0 for a constant column (as pandas).
 */
export function skewness(m: Moments): number {
  const n = m.n;
  if (n < 3) return NaN;
  const v2 = m.m2 / n;
  if (v2 <= 1e-14 * Math.max(1, m.mean * m.mean)) return 0;
  const g1 = m.m3 / n / Math.pow(v2, 1.5);
  return (Math.sqrt(n * (n - 1)) / (n - 2)) * g1;
}

/**
 * Bias-corrected excess kurtosis G2, as pandas `Series.kurt()` (Fisher, normal = 0).
 * NaN below 4 values; 0 for a constant column (as pandas).
 */
export function kurtosis(m: Moments): number {
  const n = m.n;
  if (n < 4) return NaN;
  const v2 = m.m2 / n;
  if (v2 <= 1e-14 * Math.max(1, m.mean * m.mean)) return 0;
  const g2 = m.m4 / n / (v2 * v2);
  return ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * g2 - 3 * (n - 1));
}
