import { binomialCdf, chiSquareSf } from './distributions';

/** Plain-language summary for the UI. */
export const MCNEMAR_EXPLANATION =
  'Looks only at the rows where exactly one of the two models is right, and asks whether one model wins those rows more often than a coin flip would.';

/** Options for {@link mcnemarTest}. */
export interface McNemarOptions {
  /**
   * Use the exact binomial test. Default: exact when the disagreements `b + c` are fewer than 25,
   * the chi-square approximation (with continuity correction) otherwise.
   */
  exact?: boolean;
}

export interface McNemarResult {
  /** Rows where only the first model is right. */
  b: number;
  /** Rows where only the second model is right. */
  c: number;
  /** Exact: min(b, c). Chi-square: (|b − c| − 1)² / (b + c). */
  statistic: number;
  pValue: number;
  exact: boolean;
}

/**
 * McNemar's test of equal error rates from the two off-diagonal counts of the paired 2×2 table.
 * Matches statsmodels `mcnemar(table, exact, correction=True)`: exact p = min(1, 2·BinomCDF(min(b,c); b+c, ½));
 * otherwise the continuity-corrected statistic on 1 degree of freedom. b + c = 0 gives p = 1.
 */
export function mcnemarTest(b: number, c: number, options: McNemarOptions = {}): McNemarResult {
  if (!(Number.isInteger(b) && Number.isInteger(c) && b >= 0 && c >= 0)) {
    throw new RangeError(`McNemar counts must be non-negative integers; got b = ${b}, c = ${c}.`);
  }
  const n = b + c;
  const exact = options.exact ?? n < 25;
  if (n === 0) return { b, c, statistic: 0, pValue: 1, exact };
  if (exact) {
    const statistic = Math.min(b, c);
    return { b, c, statistic, pValue: Math.min(1, 2 * binomialCdf(statistic, n, 0.5)), exact };
  }
  const statistic = (Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, statistic, pValue: chiSquareSf(statistic, 1), exact };
}

/** Counts `b` (only `correctA`) and `c` (only `correctB`) from per-row correctness flags (1/0). */
export function disagreementCounts(correctA: ArrayLike<number>, correctB: ArrayLike<number>): { b: number; c: number } {
  let b = 0;
  let c = 0;
  for (let i = 0; i < correctA.length; i++) {
    if (correctA[i] && !correctB[i]) b++;
    else if (!correctA[i] && correctB[i]) c++;
  }
  return { b, c };
}
