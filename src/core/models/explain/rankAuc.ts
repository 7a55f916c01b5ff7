/**
 * ROC AUC as the Mann–Whitney statistic: the share of (positive, negative) pairs the score orders
 * correctly, ties counting half, which is exactly the trapezoid area under the ROC curve that
 * `rocAuc` computes. Permutation importance scores 26 shuffled copies of the test rows; sorting
 * the two classes' scores as typed arrays (a native numeric sort) instead of an index array with a
 * comparator made each AUC ~10× cheaper on 40,000 rows.
 */
import { rocAuc } from '../../evaluate';

/** AUC of `score` (higher: more likely positive) for labels where 1 is positive; NaN with one class only. */
export function rankAuc(yBin: ArrayLike<number>, score: ArrayLike<number>): number {
  const n = yBin.length;
  let P = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(score[i])) return rocAuc(yBin, score);
    if (yBin[i] === 1) P++;
  }
  const pos = new Float64Array(P);
  const neg = new Float64Array(n - P);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (yBin[i] === 1) pos[p++] = score[i];
    else neg[q++] = score[i];
  }
  pos.sort();
  neg.sort();
  // Pairs ordered right, doubled so that ties add 1 (integers stay exact in doubles).
  let twice = 0;
  let below = 0;
  for (let p = 0; p < P; ) {
    const s = pos[p];
    let run = 0;
    while (p < P && pos[p] === s) {
      p++;
      run++;
    }
    while (below < neg.length && neg[below] < s) below++;
    let equal = 0;
    while (below + equal < neg.length && neg[below + equal] === s) equal++;
    twice += run * (2 * below + equal);
  }
  return twice / (2 * P * neg.length);
}
