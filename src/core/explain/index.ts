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
export { num, pct, pValueText } from './format';
export { importanceRows, permutationWords, scaleUnit, scaleWords, rowLabel, valueWords, rowWaterfall, percentOf, type ImportanceRow, type Waterfall, type WaterfallBar } from './modelExplanation';
export { METRIC_NAMES, metricName, comparisonSentence } from './metricNames';
