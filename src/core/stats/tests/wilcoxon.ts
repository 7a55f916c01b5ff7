import { normalSf } from './distributions';
import { midranks } from './ranks';

/** Plain-language summary for the UI. */
export const WILCOXON_EXPLANATION =
  'Ranks the per-row differences by size and asks whether the positive ones outweigh the negative ones more than chance would, without assuming a bell curve.';

export interface WilcoxonResult {
  /** min(R+, R−), the SciPy two-sided statistic. */
  statistic: number;
  /** Normal-approximation z (no continuity correction). */
  z: number;
  pValue: number;
  /** Non-zero differences ranked. */
  n: number;
  /** Zero differences dropped (`zero_method='wilcox'`). */
  zeros: number;
}

/**
 * Wilcoxon signed-rank test on d = a − b with the normal approximation, matching SciPy 1.10
 * `wilcoxon(a, b, zero_method='wilcox', correction=False, method='approx')`: zeros dropped, mid-ranks
 * of |d|, T = min(R+, R−), var = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie groups, two-sided.
 */
export function wilcoxonTest(a: ArrayLike<number>, b: ArrayLike<number>): WilcoxonResult {
  if (a.length !== b.length) throw new RangeError(`Wilcoxon needs paired samples of equal length; got ${a.length} and ${b.length}.`);
  const d: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d.push(a[i] - b[i]);
  const n = d.length;
  const zeros = a.length - n;
  if (n === 0) return { statistic: 0, z: 0, pValue: 1, n, zeros };
  const { ranks, tieSizes } = midranks(d.map(Math.abs));
  let plus = 0;
  let minus = 0;
  for (let i = 0; i < n; i++) (d[i] > 0 ? (plus += ranks[i]) : (minus += ranks[i]));
  const statistic = Math.min(plus, minus);
  let variance = n * (n + 1) * (2 * n + 1);
  for (const t of tieSizes) variance -= 0.5 * t * (t * t - 1);
  const se = Math.sqrt(variance / 24);
  const z = (statistic - (n * (n + 1)) / 4) / se;
  return { statistic, z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))), n, zeros };
}
