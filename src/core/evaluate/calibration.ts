import type { RocCurve } from './curves';
/** Reliability bins, lift / cumulative gains, and binary metrics at a chosen threshold. */

export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability in the bin (NaN when empty). */
  meanPredicted: number;
  /** Observed fraction of positives in the bin (NaN when empty). */
  fractionPositive: number;
}

/**
 * Equal-width bins over [0, 1], assigned like sklearn's `calibration_curve(strategy='uniform')`
 * (a score equal to an inner edge falls in the lower bin). Empty bins are kept, with NaN means.
 */
export function calibrationBins(yBin: ArrayLike<number>, score: ArrayLike<number>, nBins = 10): CalibrationBin[] {
  const edges = Array.from({ length: nBins + 1 }, (_, i) => (i === nBins ? 1 : i * (1 / nBins)));
  const count = new Array<number>(nBins).fill(0);
  const sumP = new Array<number>(nBins).fill(0);
  const sumY = new Array<number>(nBins).fill(0);
  for (let i = 0; i < score.length; i++) {
    let b = 0;
    while (b < nBins - 1 && edges[b + 1] < score[i]) b++;
    count[b]++;
    sumP[b] += score[i];
    sumY[b] += yBin[i] === 1 ? 1 : 0;
  }
  return count.map((c, b) => ({
    lower: edges[b],
    upper: edges[b + 1],
    count: c,
    meanPredicted: c === 0 ? NaN : sumP[b] / c,
    fractionPositive: c === 0 ? NaN : sumY[b] / c,
  }));
}

export interface GainsPoint {
  /** Fraction of rows taken, highest scores first (0..1). */
  fraction: number;
  /** Fraction of all positives found among them (cumulative gain). */
  gain: number;
  /** Positive rate among them divided by the overall positive rate. */
  lift: number;
}

/** Cumulative gains and lift at `nBins` equal slices of the score-sorted rows (ties by row order). */
export function liftGains(yBin: ArrayLike<number>, score: ArrayLike<number>, nBins = 10): GainsPoint[] {
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a] || a - b);
  let positives = 0;
  for (let i = 0; i < n; i++) if (yBin[i] === 1) positives++;
  const baseRate = n === 0 ? 0 : positives / n;
  const points: GainsPoint[] = [];
  let found = 0;
  let taken = 0;
  for (let b = 1; b <= nBins; b++) {
    const upto = Math.round((n * b) / nBins);
    for (; taken < upto; taken++) if (yBin[order[taken]] === 1) found++;
    points.push({
      fraction: n === 0 ? 0 : taken / n,
      gain: positives === 0 ? 0 : found / positives,
      lift: taken === 0 || baseRate === 0 ? 0 : found / taken / baseRate,
    });
  }
  return points;
}

export interface ThresholdMetrics {
  threshold: number;
  accuracy: number;
  precision: number;
  recall: number;
  specificity: number;
  f1: number;
  /** [[tn, fp], [fn, tp]] as sklearn orders labels [0, 1]. */
  confusion: [[number, number], [number, number]];
}

/**
 * Binary metrics when rows scoring ≥ `threshold` are predicted positive, read off the ROC curve
 * (which keeps every distinct score, so the counts are exact): at the last point whose threshold is
 * ≥ t, TP = TPR·P and FP = FPR·N. The evaluation keeps the curve, not the scores, so the threshold
 * slider can move without the test rows.
 */
export function metricsAtThreshold(curve: RocCurve, positives: number, negatives: number, threshold: number): ThresholdMetrics {
  let i = 0;
  while (i + 1 < curve.thresholds.length && curve.thresholds[i + 1] >= threshold) i++;
  const tp = Math.round(curve.tpr[i] * positives) || 0;
  const fp = Math.round(curve.fpr[i] * negatives) || 0;
  const fn = positives - tp;
  const tn = negatives - fp;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = positives === 0 ? 0 : tp / positives;
  const n = positives + negatives;
  return {
    threshold,
    accuracy: n === 0 ? 0 : (tp + tn) / n,
    precision,
    recall,
    specificity: negatives === 0 ? 0 : tn / negatives,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    confusion: [
      [tn, fp],
      [fn, tp],
    ],
  };
}
