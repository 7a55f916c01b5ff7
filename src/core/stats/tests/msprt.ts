/** Plain-language summary for the UI. */
export const MSPRT_EXPLANATION =
  'A p-value you may check as often as you like while the test runs: peeking does not inflate false alarms, at the price of needing somewhat more data.';

/**
 * Mixture SPRT likelihood ratio (Johari, Pekelis & Walsh 2017, normal mixture θ ~ N(θ₀, τ²)) for an
 * estimate θ̂ with sampling variance s² (e.g. σ²_A/n_A + σ²_B/n_B for a difference of means):
 *
 *   Λ = √(s² / (s² + τ²)) · exp( τ² (θ̂ − θ₀)² / (2 s² (s² + τ²)) ).
 *
 * With s² = V/n this is the paper's √(V/(V + nτ²)) · exp(n²τ²(θ̂ − θ₀)² / (2V(V + nτ²))).
 */
export function msprtLikelihoodRatio(estimate: number, variance: number, tau2: number, nullValue = 0): number {
  if (!(variance > 0 && tau2 > 0)) return 1;
  const total = variance + tau2;
  return Math.sqrt(variance / total) * Math.exp((tau2 * (estimate - nullValue) ** 2) / (2 * variance * total));
}

