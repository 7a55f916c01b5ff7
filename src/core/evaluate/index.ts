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
export { permutationImportance, partialDependence, featureGrid } from './importance';
export type { PredictFn, PermutationOptions, Importance, PartialDependenceOptions, PartialDependence, GridPoint } from './importance';
export { compareToBaseline, higherIsBetter, primaryMetric } from './compare';
export type { BaselineComparison } from './compare';
export { baselineMargin, SAME_MARGIN, BARELY_MARGIN, type BaselineGrade, type BaselineMargin } from './baselineMargin';
export { evaluateClassification, evaluateRegression, reportMetrics } from './report';
export type { ClassificationMetrics, ClassificationReport, RegressionReport, EvaluationReport } from './report';
export { sliceMetrics } from './sliceMetrics';
export type { Slice, SliceReport, SliceOptions } from './sliceMetrics';
export type { SliceKey } from './sliceGroups';
export { sliceGroups, sliceable } from './sliceGroups';
export { scoreSlice } from './sliceScore';
export type { SliceTarget } from './sliceScore';
