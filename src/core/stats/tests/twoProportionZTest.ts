import { normalQuantile, normalSf } from './distributions';

/** Plain-language summary for the UI. */
export const TWO_PROPORTION_EXPLANATION =
  'Asks whether two groups\' success rates differ by more than you would expect if both really had the same rate.';

export interface TwoProportionResult {
  rateA: number;
  rateB: number;
  /** rateA − rateB. */
  difference: number;
  /** z with the pooled standard error √(p̂(1−p̂)(1/na + 1/nb)). */
  z: number;
  pValue: number;
  /** Unpooled (Wald) standard error of the difference, used for the interval. */
  standardError: number;
  /** Wald interval for the difference at `confidence`. */
  ci: [number, number];
}

/**
 * Pooled two-proportion z-test of successesA/nA − successesB/nB, two-sided. Matches statsmodels
 * `proportions_ztest([xA, xB], [nA, nB])`. The interval is the unpooled Wald interval, so in
 * borderline cases it can touch 0 while p < α (the test and interval use different standard errors).
 */
export function twoProportionZTest(successesA: number, nA: number, successesB: number, nB: number, confidence = 0.95): TwoProportionResult {
  if (!(nA > 0 && nB > 0)) throw new RangeError(`Two-proportion test needs both groups non-empty; got nA = ${nA}, nB = ${nB}.`);
  const rateA = successesA / nA;
  const rateB = successesB / nB;
  const pooled = (successesA + successesB) / (nA + nB);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const difference = rateA - rateB;
  const z = sePooled > 0 ? difference / sePooled : 0;
  const standardError = Math.sqrt((rateA * (1 - rateA)) / nA + (rateB * (1 - rateB)) / nB);
  const half = normalQuantile(1 - (1 - confidence) / 2) * standardError;
  return { rateA, rateB, difference, z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))), standardError, ci: [difference - half, difference + half] };
}

/** Wilson score interval for a single proportion. */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): [number, number] {
  if (n === 0) return [NaN, NaN];
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
