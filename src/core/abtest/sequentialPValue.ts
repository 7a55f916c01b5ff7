import { msprtLikelihoodRatio } from '../stats/tests';

/** Running mean and sum of squared deviations (Welford) of one arm. */
interface Arm {
  n: number;
  mean: number;
  m2: number;
}

const variance = (a: Arm) => a.m2 / (a.n - 1);

/**
 * Always-valid mSPRT p-value for mean(treatment) − mean(control), looking after every unit in arrival
 * order once both arms have `minPerArm` units: s² = σ̂²_T/n_T + σ̂²_C/n_C (plug-in variances),
 * p = min over looks of 1/Λ (see `msprtLikelihoodRatio`).
 */
export function sequentialPValue(arrival: readonly { variant: string; outcome: number }[], control: string, treatment: string, tau2: number, minPerArm = 30): number {
  const c: Arm = { n: 0, mean: 0, m2: 0 };
  const t: Arm = { n: 0, mean: 0, m2: 0 };
  let p = 1;
  for (const { variant, outcome } of arrival) {
    const arm = variant === control ? c : variant === treatment ? t : undefined;
    if (!arm) continue;
    arm.n++;
    const delta = outcome - arm.mean;
    arm.mean += delta / arm.n;
    arm.m2 += delta * (outcome - arm.mean);
    if (c.n < minPerArm || t.n < minPerArm) continue;
    const s2 = variance(t) / t.n + variance(c) / c.n;
    p = Math.min(p, 1 / msprtLikelihoodRatio(t.mean - c.mean, s2, tau2));
  }
  return p;
}
