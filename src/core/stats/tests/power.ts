import { normalCdf, normalQuantile } from './distributions';

/** Plain-language summary for the UI. */
export const POWER_EXPLANATION =
  'How many users each variant needs so that, if the true change is at least the size you care about, the test will notice it most of the time.';

/** Inputs for a two-proportion sample-size calculation. */
export interface ProportionPowerOptions {
  /** Conversion rate of the control, in (0, 1). */
  baselineRate: number;
  /** Smallest absolute change worth detecting (0.01 = one percentage point). */
  minimumDetectableEffect: number;
  /** Two-sided significance level. Default 0.05. */
  alpha?: number;
  /** Probability of detecting an effect of exactly the MDE. Default 0.8. */
  power?: number;
}

export interface SampleSizeResult {
  /**
   * Users per variant from the classic pooled-variance formula (rounded up) — the figure the UI shows:
   * n = (z_{1−α/2}·√(2p̄q̄) + z_{power}·√(p₁q₁ + p₂q₂))² / (p₂ − p₁)², p̄ = (p₁ + p₂)/2.
   */
  perVariant: number;
  /** The unrounded classic value. */
  classic: number;
  /**
   * Users per variant from Cohen's h = 2·asin√p₂ − 2·asin√p₁, solving the two-sided normal power
   * equation exactly as statsmodels `NormalIndPower().solve_power(h, alpha, power, ratio=1)` does (unrounded).
   */
  cohensH: number;
  /** Cohen's h effect size. */
  h: number;
}

function check(options: ProportionPowerOptions) {
  const { baselineRate: p1, minimumDetectableEffect: mde, alpha = 0.05, power = 0.8 } = options;
  const p2 = p1 + mde;
  if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1 && mde !== 0)) {
    throw new RangeError(`Baseline ${p1} plus effect ${mde} must stay inside (0, 1) and the effect must be non-zero.`);
  }
  if (!(alpha > 0 && alpha < 1 && power > 0 && power < 1)) throw new RangeError(`alpha (${alpha}) and power (${power}) must lie in (0, 1).`);
  return { p1, p2, alpha, power };
}

/** Two-sided power of the normal test with standardized effect `h` and `n` per group (both tails). */
function cohenPower(h: number, n: number, crit: number): number {
  const shift = Math.abs(h) * Math.sqrt(n / 2);
  return normalCdf(shift - crit) + normalCdf(-shift - crit);
}

/** Sample size per variant to detect `minimumDetectableEffect` over `baselineRate`; see {@link SampleSizeResult}. */
export function sampleSizeTwoProportions(options: ProportionPowerOptions): SampleSizeResult {
  const { p1, p2, alpha, power } = check(options);
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const pBar = (p1 + p2) / 2;
  const classic = (za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2;
  const h = 2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1));
  // The one-tail closed form is a lower bound; bisect upward so the far tail counts too.
  let lo = 0;
  let hi = 2 * ((za + zb) / h) ** 2 * 1.01 + 1;
  while (cohenPower(h, hi, za) < power) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-10 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (cohenPower(h, mid, za) < power) lo = mid;
    else hi = mid;
  }
  return { perVariant: Math.ceil(classic - 1e-9), classic, cohensH: (lo + hi) / 2, h };
}

/** Plain-language summary for the UI. */
export const ROWS_TO_DETECT_EXPLANATION =
  'If the difference you saw is the real one, this is roughly how many evaluation rows you would need for the test to confirm it most of the time.';

export interface RowsToDetect {
  /** Rows needed in total, rounded up (Infinity when the observed z is 0). */
  required: number;
  /** Rows needed beyond the current `n` (0 when already enough). */
  extra: number;
}

/**
 * Rows needed to detect the observed effect: a standard error shrinks as 1/√n, so the z statistic
 * grows as √n; solve |z|·√(N/n) = z_{1−α/2} + z_{power} for N. `z` is the observed test statistic on `n` rows.
 */
export function rowsToDetect(z: number, n: number, alpha = 0.05, power = 0.8): RowsToDetect {
  if (z === 0 || Number.isNaN(z)) return { required: Infinity, extra: Infinity };
  if (!Number.isFinite(z)) return { required: n, extra: 0 };
  const target = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const required = Math.ceil(n * (target / Math.abs(z)) ** 2 - 1e-9);
  return { required, extra: Math.max(0, required - n) };
}
