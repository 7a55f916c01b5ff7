import { tQuantile, tSf } from './distributions';

/** Plain-language summary for the UI. */
export const PAIRED_T_EXPLANATION =
  'Takes the per-row difference between the two models\' errors and asks whether its average is far enough from zero, given how much it varies, to rule out chance.';

export interface TTestResult {
  /** t statistic. */
  statistic: number;
  /** Degrees of freedom (fractional for Welch). */
  df: number;
  /** Two-sided p-value. */
  pValue: number;
  /** The estimated difference of means (first − second). */
  difference: number;
  standardError: number;
  /** t interval for the difference at `confidence`. */
  ci: [number, number];
}

/**
 * Paired t-test on d = a − b (same rows): t = mean(d) / (sd(d)/√n), df = n − 1, two-sided.
 * Matches SciPy `ttest_rel(a, b)`.
 */
export function pairedTTest(a: ArrayLike<number>, b: ArrayLike<number>, confidence = 0.95): TTestResult {
  const n = a.length;
  if (b.length !== n || n < 2) throw new RangeError(`Paired t-test needs two equal-length samples of at least 2 rows; got ${n} and ${b.length}.`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (a[i] - b[i] - mean) / (i + 1);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (a[i] - b[i] - mean) ** 2;
  const standardError = Math.sqrt(ss / (n - 1) / n);
  const df = n - 1;
  const statistic = mean / standardError;
  const half = tQuantile(1 - (1 - confidence) / 2, df) * standardError;
  return { statistic, df, pValue: Math.min(1, 2 * tSf(Math.abs(statistic), df)), difference: mean, standardError, ci: [mean - half, mean + half] };
}
