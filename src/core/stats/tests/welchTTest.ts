import { tQuantile, tSf } from './distributions';
import type { TTestResult } from './pairedTTest';

/** Plain-language summary for the UI. */
export const WELCH_EXPLANATION =
  'Asks whether two groups\' averages differ by more than chance would explain, without assuming both groups are equally spread out.';

/** Summary of one sample: mean, unbiased variance (n − 1 denominator) and size. */
export interface SampleSummary {
  mean: number;
  variance: number;
  n: number;
}

/** Mean, unbiased variance and size of `values`. */
export function summarize(values: ArrayLike<number>): SampleSummary {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (values[i] - mean) / (i + 1);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, variance: n > 1 ? ss / (n - 1) : NaN, n };
}

/**
 * Welch's unequal-variance t-test of mean(a) − mean(b) from summaries: se = √(va/na + vb/nb),
 * Welch–Satterthwaite df. Matches SciPy `ttest_ind(a, b, equal_var=False)`.
 */
export function welchFromSummaries(a: SampleSummary, b: SampleSummary, confidence = 0.95): TTestResult {
  if (a.n < 2 || b.n < 2) throw new RangeError(`Welch's t-test needs at least 2 values per group; got ${a.n} and ${b.n}.`);
  const qa = a.variance / a.n;
  const qb = b.variance / b.n;
  const standardError = Math.sqrt(qa + qb);
  const df = (qa + qb) ** 2 / (qa ** 2 / (a.n - 1) + qb ** 2 / (b.n - 1));
  const difference = a.mean - b.mean;
  const statistic = difference / standardError;
  const half = tQuantile(1 - (1 - confidence) / 2, df) * standardError;
  return { statistic, df, pValue: Math.min(1, 2 * tSf(Math.abs(statistic), df)), difference, standardError, ci: [difference - half, difference + half] };
}

/** Welch's t-test on two raw samples; see {@link welchFromSummaries}. */
