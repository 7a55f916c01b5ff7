/**
 * ROC and precision–recall curves for a binary label (1 = positive) and a score where higher
 * means more likely positive. Points follow sklearn's `roc_curve(drop_intermediate=False)` and
 * `precision_recall_curve`: one point per distinct score, ties moving together.
 */

export interface RocCurve {
  /** Starts at (0, 0); one point per distinct score, descending. */
  fpr: number[];
  tpr: number[];
  /** Score threshold of each point (`Infinity` for the first). */
  thresholds: number[];
}

export interface PrCurve {
  /** Ordered by descending threshold: starts at (recall 0, precision 1), one point per distinct score. */
  precision: number[];
  recall: number[];
  thresholds: number[];
}

/** Cumulative true and false positives at each distinct score, scores descending. */
function cumulativeCounts(yBin: ArrayLike<number>, score: ArrayLike<number>) {
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  const tps: number[] = [];
  const fps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < order.length; r++) {
    const i = order[r];
    if (yBin[i] === 1) tp++;
    else fp++;
    const next = order[r + 1];
    if (next === undefined || score[next] !== score[i]) {
      tps.push(tp);
      fps.push(fp);
      thresholds.push(score[i]);
    }
  }
  return { tps, fps, thresholds };
}

export function rocCurve(yBin: ArrayLike<number>, score: ArrayLike<number>): RocCurve {
  const { tps, fps, thresholds } = cumulativeCounts(yBin, score);
  const P = tps[tps.length - 1] ?? 0;
  const N = fps[fps.length - 1] ?? 0;
  return {
    fpr: [0, ...fps.map((v) => (N === 0 ? NaN : v / N))],
    tpr: [0, ...tps.map((v) => (P === 0 ? NaN : v / P))],
    thresholds: [Infinity, ...thresholds],
  };
}

/** Area under the ROC curve (trapezoids); NaN when only one class is present. */
export function rocAuc(yBin: ArrayLike<number>, score: ArrayLike<number>): number {
  const { fpr, tpr } = rocCurve(yBin, score);
  let area = 0;
  for (let i = 1; i < fpr.length; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
  return area;
}

export function prCurve(yBin: ArrayLike<number>, score: ArrayLike<number>): PrCurve {
  const { tps, fps, thresholds } = cumulativeCounts(yBin, score);
  const P = tps[tps.length - 1] ?? 0;
  const precision = [1];
  const recall = [0];
  const kept = [Infinity];
  for (let i = 0; i < tps.length; i++) {
    precision.push(tps[i] / (tps[i] + fps[i]));
    recall.push(P === 0 ? NaN : tps[i] / P);
    kept.push(thresholds[i]);
  }
  return { precision, recall, thresholds: kept };
}

/** Average precision: Σ (R_n − R_{n−1}) · P_n, the step-wise area that sklearn reports. */
export function averagePrecision(yBin: ArrayLike<number>, score: ArrayLike<number>): number {
  const { precision, recall } = prCurve(yBin, score);
  let ap = 0;
  for (let i = 1; i < recall.length; i++) ap += (recall[i] - recall[i - 1]) * precision[i];
  return ap;
}
