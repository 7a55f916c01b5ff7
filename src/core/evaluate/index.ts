/**
 * Evaluate: pure metric functions over typed arrays, checked against scikit-learn 1.2.1.
 * Labels are class codes 0..k-1; probabilities are row-major n × k.
 */
export { argmaxRows, confusionMatrix, normalizeConfusion, classCounts, accuracyFromConfusion, balancedAccuracyFromConfusion, mccFromConfusion } from './confusion';
export type { ClassCounts } from './confusion';
export { logLoss, brierScore, probaColumn, binarize } from './probabilistic';
export { rocCurve, rocAuc, prCurve, averagePrecision } from './curves';
export type { RocCurve, PrCurve } from './curves';
export { calibrationBins, liftGains, metricsAtThreshold } from './calibration';
export type { CalibrationBin, GainsPoint, ThresholdMetrics } from './calibration';
export { regressionMetrics, residualHistogram, predictedVsActual, median, ranks, pearson } from './regression';
export type { RegressionMetrics, Histogram } from './regression';
export { permutationImportance, partialDependence } from './importance';
export type { PredictFn, PermutationOptions, Importance, PartialDependenceOptions, PartialDependence } from './importance';
export { compareToBaseline, higherIsBetter, primaryMetric } from './compare';
export type { BaselineComparison } from './compare';
export { evaluateClassification, evaluateRegression, reportMetrics } from './report';
export type { ClassificationMetrics, ClassificationReport, RegressionReport, EvaluationReport } from './report';
