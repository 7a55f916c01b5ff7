/**
 * A/B testing: offline comparison of a champion and challengers on the same rows, the production
 * router (hash-based assignment, shadow mode, decision log, emitted router.mjs), and the analysis of
 * live outcomes. The statistics live in `src/core/stats/tests`.
 */
export { murmur3, unitPosition, unitHasher } from './unitHash';
export { layoutRanges, variantAt, movedShare, trafficKernel, type TrafficRange, type VariantWeight } from './trafficRanges';
export { planRouter, routerPlanner, type RouterConfig, type PlanRouterOptions } from './routerConfig';
export { createRouter, assignVariant, routerKernel, type Router, type RouterHooks, type Scorer } from './router';
export { decisionToNdjson, decisionToCsv, decisionFormats, DECISION_CSV_HEADER, type Decision } from './decisionLog';
export { decisionLogWriter, type DecisionLogWriter, type DecisionLogOptions, type LogFs } from './decisionLogWriter';
export { emitRouterModule } from './emitRouterModule';
export { compareModels, type CompareModelsOptions, type ComparisonReport, type ModelComparison, type MetricDifference, type Disagreement } from './compareModels';
export { normalizePredictions, type CompareTask, type ModelPredictions, type NormalizedPredictions } from './modelPredictions';
export { weightedAuc, weightedMean, rowCounts, scoreOrder } from './weightedMetrics';
export { comparisonVerdict } from './comparisonVerdict';
export { analyzeExperiment, type AnalyzeOptions, type ExperimentAnalysis, type VariantSummary, type LiftResult } from './analyzeExperiment';
export { collectUnits, type ExperimentRow, type ExperimentUnits } from './experimentUnits';
export { sequentialPValue } from './sequentialPValue';
export { experimentVerdict } from './experimentVerdict';
export { packAbBundle, variantName, type AbVariant } from './abPack';
export { abReadme } from './abReadme';
export { comparisonInput, type ComparisonInput } from './comparisonInput';
export { compareOnTable, type TableScorer, type TableComparison, type CompareOnTableOptions } from './compareOnTable';
export { heldOutRows, type HeldOutRows, type ModelTraining } from './heldOutRows';
export { experimentRows, logVariants } from './experimentRows';
export { tableFingerprint } from './tableFingerprint';
export { resolveWeights, describeWeights, type GivenWeight, type ResolvedWeights } from './variantWeights';
export { experimentOutcome, type ExperimentOutcome, type OutcomeMetric } from './experimentOutcome';
