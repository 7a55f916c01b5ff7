/**
 * Exploration report: per-column statistics, overview, alerts, correlations, missing-value
 * structure, target analysis and PCA, as JSON (`reportToJson`, see SCHEMA.md) or one
 * self-contained HTML page (`renderReportHtml`).
 */
export { profileTable, profileColumns, profileCross, profileSections, CROSS_SECTIONS, type CrossSectionKind, type ProfileHooks } from './profileTable';
export { assembleReport, summarizeTable, type ReportParts } from './assembleReport';
export { createProfileAccumulator, type ProfileAccumulator, type StreamSchema } from './accumulator';
export { profileColumn } from './profileColumn';
export { reportToJson } from './json';
export { renderReportHtml } from './html';
export { DEFAULT_THRESHOLDS, resolveThresholds, type AlertThresholds } from './thresholds';
export { computeAlerts, type TableSummary } from './alerts';
export { computeCorrelations, CORRELATION_SAMPLE_ROWS } from './correlations';
export { findDuplicates } from './duplicates';
export { missingSummary } from './missingMatrix';
export { analyseTarget } from './target';
export { computePca } from './pca';
export { clusterOrder } from './cluster';
export { histogramSvg, barsSvg, heatmapSvg, boxSvg, scatterSvg, type ChartOptions } from './svg';
export { QUANTILE_KEYS } from './types';
export { groupedBoxStats } from './boxStats';
export type * from './types';
export { packChunk, unpackDictionary, PACK_ENTRIES, type PackedDictionary } from './packedDictionary';
export { profileService } from './profileService';
export { streamService } from './streamService';
