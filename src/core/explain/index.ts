/**
 * Explain: "every number explains itself". The offline glossary (term, one-line meaning, paragraph,
 * formula), key maps from the studio's real types onto it, and generators of plain-language text:
 * a sentence for one value, the three fixes that open the Explore stage, and the verdict that opens
 * the evaluation page.
 */
export { GLOSSARY, glossaryEntry, isGlossaryKey, type GlossaryKey } from './glossary';
export type { GlossaryEntry } from './types';
export * from './keys';
export { explainValue, EXPLAIN_KEYS, type ExplainKey } from './explainValue';
export type { ExplainContext } from './values/context';
export { reportHeadline, type HeadlineOptions } from './reportHeadline';
export { HEADLINE_SKEW, type Fix } from './headlineFixes';
export { evaluationSummary, type SummaryInput } from './evaluationSummary';
export type { ClassificationSummaryInput, RegressionSummaryInput, RegressionFigures } from './summaryInput';
export { rowNoun, singular, type RowNoun } from './rowNoun';
export { num, pct } from '../format';
export { splitSpecWords } from './splitSpecWords';
export { importanceRows, permutationWords, scaleUnit, scaleWords, rowLabel, valueWords, rowWaterfall, percentOf, type ImportanceRow, type Waterfall, type WaterfallBar } from './modelExplanation';
export { METRIC_NAMES, metricName } from './metricNames';
export { baselineWords, comparisonSentence, type BaselineWords, type MetricPair } from './baselineWords';
export { rowsSentence, type RowCounts } from './rowsSentence';
export { taskName } from './taskName';
export { sliceLabel, sliceGapWords, sliceRankingWords, sliceJson, metricInSentence, type SliceJson, type SliceReportJson } from './sliceWords';
export { dependenceSvg, type DependenceChartOptions } from './dependenceSvg';
export { dependenceWords, dependenceShape, type DependenceShape } from './dependenceWords';
export { detectOverfitting, OVERFIT_RISE, type Overfitting, type OverfitOptions, type LossPoint } from './overfitting';
export { explanationSummary, explanationJson, type ExplanationSummary } from './explanationSummary';
export { leakageWarnings, leaksInModel, type LeakageWarning } from './leakage';
export { rowStepWords, FILTER_OP_WORDS } from './rowStepWords';
export { classificationCharts, type ChartGuide } from './classificationCharts';
