/**
 * Metrics on predicted probabilities (row-major n × k, classes 0..k-1).
 */

/**
 * Cross-entropy like sklearn 1.2 `log_loss`: probabilities are clipped to [eps, 1 - eps] and
 * each row renormalised before the log.
 */
export function logLoss(yTrue: ArrayLike<number>, proba: ArrayLike<number>, k: number, eps = 1e-15): number {
  const n = yTrue.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let c = 0; c < k; c++) rowSum += clip(proba[i * k + c], eps);
    sum -= Math.log(clip(proba[i * k + yTrue[i]], eps) / rowSum);
  }
  return n === 0 ? NaN : sum / n;
}

function clip(p: number, eps: number): number {
  return Math.min(1 - eps, Math.max(eps, p));
}

/**
 * Brier score. Binary (k = 2): mean of (p(class 1) − y)², as sklearn's `brier_score_loss`.
 * Multiclass: Brier's original definition, mean over rows of Σ_c (p_c − [y = c])².
 */
export function brierScore(yTrue: ArrayLike<number>, proba: ArrayLike<number>, k: number): number {
  const n = yTrue.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (k === 2) {
      const d = proba[i * 2 + 1] - (yTrue[i] === 1 ? 1 : 0);
      sum += d * d;
    } else {
      for (let c = 0; c < k; c++) {
        const d = proba[i * k + c] - (yTrue[i] === c ? 1 : 0);
        sum += d * d;
      }
    }
  }
  return n === 0 ? NaN : sum / n;
}

/** Column `c` of a row-major n × k matrix. */
export function probaColumn(proba: ArrayLike<number>, k: number, c: number): Float64Array {
  const n = Math.floor(proba.length / k);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = proba[i * k + c];
  return out;
}

/** 1 where `yTrue` equals `positive`, else 0. */
export function binarize(yTrue: ArrayLike<number>, positive: number): Uint8Array {
  const out = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) out[i] = yTrue[i] === positive ? 1 : 0;
  return out;
}
