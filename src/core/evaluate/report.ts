/** One call per task that gathers every metric and chart series into plain JSON. */
import { calibrationBins, liftGains, type CalibrationBin, type GainsPoint } from './calibration';
import {
  accuracyFromConfusion,
  argmaxRows,
  balancedAccuracyFromConfusion,
  classCounts,
  confusionMatrix,
  mccFromConfusion,
  normalizeConfusion,
  type ClassCounts,
} from './confusion';
import { averagePrecision, prCurve, rocAuc, rocCurve, type PrCurve, type RocCurve } from './curves';
import { binarize, brierScore, logLoss, probaColumn } from './probabilistic';
import {
  predictedVsActual,
  regressionMetrics,
  residualHistogram,
  type Histogram,
  type RegressionMetrics,
} from './regression';

export interface ClassificationMetrics extends ClassCounts {
  accuracy: number;
  balancedAccuracy: number;
  mcc: number;
  logLoss: number;
  brier: number;
  /** Binary: AUC of class 1. Multiclass: macro one-vs-rest AUC over classes present. */
  rocAuc: number;
  /** Binary: AP of class 1. Multiclass: macro over classes present. */
  averagePrecision: number;
}

export interface ClassificationReport {
  task: 'binary' | 'multiclass';
  classes: string[];
  n: number;
  metrics: ClassificationMetrics;
  confusion: number[][];
  confusionNormalized: number[][];
  /** Binary: one curve for class 1. Multiclass: one per class (one-vs-rest). */
  roc: RocCurve[];
  pr: PrCurve[];
  /** Binary only (class 1); empty for multiclass. */
  calibration: CalibrationBin[];
  gains: GainsPoint[];
}

/** Curves longer than this are thinned (evenly, keeping ends) so a report stays small. */
const MAX_CURVE_POINTS = 500;

/** Evaluates class probabilities (row-major n × k) against integer labels 0..k-1. */
export function evaluateClassification(
  yTrue: ArrayLike<number>,
  proba: ArrayLike<number>,
  classes: string[],
): ClassificationReport {
  const k = classes.length;
  const pred = argmaxRows(proba, k);
  const cm = confusionMatrix(yTrue, pred, k);
  const binary = k === 2;
  const positives = binary ? [1] : classes.map((_, c) => c);
  const roc: RocCurve[] = [];
  const pr: PrCurve[] = [];
  const aucs: number[] = [];
  const aps: number[] = [];
  for (const c of positives) {
    const yb = binarize(yTrue, c);
    const score = probaColumn(proba, k, c);
    if (!yb.includes(1) || !yb.includes(0)) continue;
    aucs.push(rocAuc(yb, score));
    aps.push(averagePrecision(yb, score));
    roc.push(thin(rocCurve(yb, score)));
    pr.push(thin(prCurve(yb, score)));
  }
  const mean = (a: number[]) => (a.length === 0 ? NaN : a.reduce((s, v) => s + v, 0) / a.length);
  const yb1 = binarize(yTrue, 1);
  const score1 = binary ? probaColumn(proba, 2, 1) : new Float64Array(0);
  return {
    task: binary ? 'binary' : 'multiclass',
    classes,
    n: yTrue.length,
    metrics: {
      accuracy: accuracyFromConfusion(cm),
      balancedAccuracy: balancedAccuracyFromConfusion(cm),
      ...classCounts(cm),
      mcc: mccFromConfusion(cm),
      logLoss: logLoss(yTrue, proba, k),
      brier: brierScore(yTrue, proba, k),
      rocAuc: mean(aucs),
      averagePrecision: mean(aps),
    },
    confusion: cm,
    confusionNormalized: normalizeConfusion(cm, 'true'),
    roc,
    pr,
    calibration: binary ? calibrationBins(yb1, score1) : [],
    gains: binary ? liftGains(yb1, score1) : [],
  };
}

function thin<T extends { thresholds: number[] }>(curve: T): T {
  const len = curve.thresholds.length;
  if (len <= MAX_CURVE_POINTS) return curve;
  const keep = Array.from({ length: MAX_CURVE_POINTS }, (_, i) => Math.round((i * (len - 1)) / (MAX_CURVE_POINTS - 1)));
  const out = { ...curve } as Record<string, unknown>;
  for (const [key, value] of Object.entries(curve)) if (Array.isArray(value)) out[key] = keep.map((i) => value[i]);
  return out as T;
}

export interface RegressionReport {
  task: 'regression';
  n: number;
  metrics: RegressionMetrics;
  residuals: Histogram;
  scatter: { actual: number[]; predicted: number[] };
}

export function evaluateRegression(y: ArrayLike<number>, pred: ArrayLike<number>): RegressionReport {
  return {
    task: 'regression',
    n: y.length,
    metrics: regressionMetrics(y, pred),
    residuals: residualHistogram(y, pred),
    scatter: predictedVsActual(y, pred),
  };
}

export type EvaluationReport = ClassificationReport | RegressionReport;

/** The flat metric record of a report (what leaderboards and baseline checks read). */
export function reportMetrics(report: EvaluationReport): Record<string, number> {
  const out: Record<string, number> = {};
  // Metrics the data leave undefined are hidden everywhere the flat record goes (tables, card, CLI).
  const hidden = new Set(report.task === 'regression' ? (report.metrics.notDefined ?? []).map((m) => m.metric) : []);
  for (const [key, value] of Object.entries(report.metrics)) if (typeof value === 'number' && !hidden.has(key)) out[key] = value;
  return out;
}
