import { normalQuantile, normalSf } from './distributions';
import { midranks } from './ranks';

/** Plain-language summary for the UI. */
export const DELONG_EXPLANATION =
  'Compares the AUCs of two models scored on the same rows, allowing for the fact that both are judged on the same examples, and asks whether the gap could be chance.';

export interface DeLongResult {
  aucA: number;
  aucB: number;
  /** aucA − aucB. */
  difference: number;
  /** Standard error of the difference from the DeLong covariance. */
  standardError: number;
  z: number;
  /** Two-sided p-value (normal reference). */
  pValue: number;
  /** Normal-theory interval for the difference at `confidence`. */
  ci: [number, number];
}

function split(yTrue: ArrayLike<number>, scores: ArrayLike<number>, positive: boolean[]) {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < scores.length; i++) (positive[i] ? pos : neg).push(scores[i]);
  return { pos, neg };
}

/** Placement values (Sun & Xu 2014): V10 per positive, V01 per negative, and the AUC. */
function placements(pos: number[], neg: number[]) {
  const m = pos.length;
  const n = neg.length;
  const tx = midranks(pos).ranks;
  const ty = midranks(neg).ranks;
  const tz = midranks(pos.concat(neg)).ranks;
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < m; i++) {
    v10[i] = (tz[i] - tx[i]) / n;
    sum += tz[i];
  }
  for (let j = 0; j < n; j++) v01[j] = 1 - (tz[m + j] - ty[j]) / m;
  return { auc: (sum - (m * (m + 1)) / 2) / (m * n), v10, v01 };
}

function covariance(a: Float64Array, b: Float64Array, meanA: number, meanB: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - meanA) * (b[i] - meanB);
  return s / (a.length - 1);
}


/**
 * DeLong's test for two correlated ROC AUCs on the same rows, in the fast O(n log n) form of
 * Sun & Xu (2014): structural components from mid-ranks, covariance S = S10/m + S01/n,
 * z = (AUC_A − AUC_B) / √(S_AA + S_BB − 2 S_AB). `yTrue` holds 1 for positives, 0 for negatives.
 */
export function delongTest(yTrue: ArrayLike<number>, scoresA: ArrayLike<number>, scoresB: ArrayLike<number>, confidence = 0.95): DeLongResult {
  if (scoresA.length !== yTrue.length || scoresB.length !== yTrue.length) {
    throw new RangeError(`DeLong needs one score per row: yTrue has ${yTrue.length}, scores have ${scoresA.length} and ${scoresB.length}.`);
  }
  const positive = Array.from(yTrue, (y) => y === 1);
  const a = split(yTrue, scoresA, positive);
  const b = split(yTrue, scoresB, positive);
  const m = a.pos.length;
  const n = a.neg.length;
  if (m < 2 || n < 2) {
    throw new RangeError(`DeLong needs at least 2 positives and 2 negatives; got ${m} and ${n}. Evaluate on more rows.`);
  }
  const pa = placements(a.pos, a.neg);
  const pb = placements(b.pos, b.neg);
  const s10 = (x: Float64Array, y: Float64Array, mx: number, my: number) => covariance(x, y, mx, my) / m;
  const s01 = (x: Float64Array, y: Float64Array, mx: number, my: number) => covariance(x, y, mx, my) / n;
  const varA = s10(pa.v10, pa.v10, pa.auc, pa.auc) + s01(pa.v01, pa.v01, pa.auc, pa.auc);
  const varB = s10(pb.v10, pb.v10, pb.auc, pb.auc) + s01(pb.v01, pb.v01, pb.auc, pb.auc);
  const cov = s10(pa.v10, pb.v10, pa.auc, pb.auc) + s01(pa.v01, pb.v01, pa.auc, pb.auc);
  const difference = pa.auc - pb.auc;
  const standardError = Math.sqrt(Math.max(0, varA + varB - 2 * cov));
  const z = standardError > 0 ? difference / standardError : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  const half = normalQuantile(1 - (1 - confidence) / 2) * standardError;
  return { aucA: pa.auc, aucB: pb.auc, difference, standardError, z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))), ci: [difference - half, difference + half] };
}
