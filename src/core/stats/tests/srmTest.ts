import { chiSquareSf } from './distributions';

/** Plain-language summary for the UI. */
export const SRM_EXPLANATION =
  'Checks that each variant received the share of traffic it was configured to get; a big mismatch usually means a bug in assignment or logging, not a real effect.';

export interface SrmResult {
  observed: number[];
  expected: number[];
  /** Pearson chi-square Σ (o − e)² / e. */
  statistic: number;
  df: number;
  pValue: number;
  /** True when pValue < `threshold` (default 0.001). */
  flag: boolean;
}

/**
 * Chi-square goodness-of-fit test of observed counts against configured weights (any positive
 * scale; normalised to the total). Matches SciPy `chisquare(observed, expected)`.
 */
export function srmTest(observed: readonly number[], weights: readonly number[], threshold = 0.001): SrmResult {
  if (observed.length !== weights.length || observed.length < 2) {
    throw new RangeError(`SRM check needs one weight per variant (at least 2); got ${observed.length} counts and ${weights.length} weights.`);
  }
  const bad = weights.find((w) => !(w > 0));
  if (bad !== undefined) throw new RangeError(`SRM weights must be positive; got ${bad}. Drop variants with weight 0.`);
  const total = observed.reduce((s, o) => s + o, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const expected = weights.map((w) => (w / weightSum) * total);
  const statistic = observed.reduce((s, o, i) => s + (o - expected[i]) ** 2 / expected[i], 0);
  const df = observed.length - 1;
  const pValue = total === 0 ? 1 : chiSquareSf(statistic, df);
  return { observed: [...observed], expected, statistic, df, pValue, flag: pValue < threshold };
}
