import type { TextSummary } from '../text';
import type { ColumnType } from '../table';
import type { AlertThresholds } from './thresholds';

export type { AlertThresholds };

/**
 * The exploration report. Stable core documented in SCHEMA.md. In the JSON form every
 * NaN / ±Infinity number becomes `null`.
 */
export interface Report {
  schemaVersion: 1;
  dataset: DatasetOverview;
  columns: ColumnProfile[];
  alerts: Alert[];
  correlations: Correlations;
  missing: MissingSummary;
  target?: TargetAnalysis;
  pca?: PcaResult;
  meta: ReportMeta;
}

export interface DatasetOverview {
  name: string;
  rows: number;
  columns: number;
  missingCells: number;
  /** missingCells / (rows·columns), 0..1. */
  missingCellsRatio: number;
  duplicateRows: number;
  duplicateRowsRatio: number;
  /** Up to 5 duplicated rows: the index of the repeat, the index it repeats, and its values. */
  duplicateExamples: { row: number; firstRow: number; values: (string | number | null)[] }[];
  /** Bytes of the typed storage of every column. */
  memoryBytes: number;
  columnsByType: Partial<Record<ColumnType, number>>;
  /** Hash of the source bytes, from the caller; '' when none was given. */
  fingerprint: string;
  /** True when some figures came from sketches (streaming); see `approximate` fields. */
  approximate?: boolean;
}

export interface ReportMeta {
  generatedAt: string;
  timingsMs: { parse: number; profile: number };
  /** Options that shaped the report, so it can be reproduced. */
  thresholds: AlertThresholds;
  seed: number;
}

/** Statistics for one column; the typed block matching `type` is present. */
export interface ColumnProfile {
  name: string;
  type: ColumnType;
  /** Non-missing cells. */
  count: number;
  missing: number;
  distinct: number;
  /** distinct / count, 0..1 (0 for an empty column). */
  uniqueRatio: number;
  /** Bytes of the typed storage (values, or codes + dictionary as UTF-16). */
  memoryBytes: number;
  /** Set when `distinct` or quantiles are sketch estimates (streaming). */
  approximate?: boolean;
  numeric?: NumericStats;
  categorical?: CategoricalStats;
  boolean?: BooleanStats;
  datetime?: DatetimeStats;
  text?: TextStats;
}

export interface NumericStats {
  min: number;
  max: number;
  range: number;
  mean: number;
  /** Sample standard deviation (n-1). */
  std: number;
  variance: number;
  sum: number;
  /** Bias-corrected G1, like pandas `Series.skew()`. */
  skewness: number;
  /** Bias-corrected excess kurtosis G2, like pandas `Series.kurt()`. */
  kurtosis: number;
  /** std / mean. */
  cv: number;
  /** Median absolute deviation around the median, unscaled. */
  mad: number;
  quantiles: Quantiles;
  iqr: number;
  zeros: number;
  negatives: number;
  /** ±Infinity cells: counted here, excluded from every other figure. */
  infinite: number;
  outliers: { count: number; low: number[]; high: number[]; lowerFence: number; upperFence: number };
  histogram: { edges: number[]; counts: number[] };
}

export type QuantileKey = '0.01' | '0.05' | '0.25' | '0.5' | '0.75' | '0.95' | '0.99';
export type Quantiles = Record<QuantileKey, number>;
export const QUANTILE_KEYS: readonly QuantileKey[] = ['0.01', '0.05', '0.25', '0.5', '0.75', '0.95', '0.99'];

export interface CategoricalStats {
  /** Most frequent values, at most 10, by count then value. */
  top: { value: string; count: number }[];
  /** Non-missing cells outside `top`. */
  other: number;
  /** 1 - H/log2(k) over the level counts; 0 = balanced, 1 = one level dominates. */
  imbalance: number;
  /** Shortest and longest value length (UTF-16 units). */
  minLength: number;
  maxLength: number;
}

export interface BooleanStats {
  true: number;
  false: number;
  /** The file's words for false and true where they are not false/true ("No", "Yes"). */
  words?: [string, string];
}

export interface DatetimeStats {
  /** UTC epoch milliseconds. */
  min: number;
  max: number;
  rangeMs: number;
  /** Most common positive gap between consecutive distinct times. */
  frequency: { label: string; ms: number } | null;
  byYear: { year: number; count: number }[];
  /** Index 0 = January. */
  byMonth: number[];
  /** Index 0 = Monday. */
  byWeekday: number[];
  /** Index 0 = 00:00 UTC; absent when every time is midnight. */
  byHour?: number[];
}

export interface TextStats {
  length: { min: number; mean: number; max: number; quantiles: Quantiles };
  lengthHistogram: { edges: number[]; counts: number[] };
  /** Most frequent lowercased words, at most 10. */
  topTokens: { token: string; count: number }[];
  /** Words, vocabulary, n-grams, languages, character classes, repeats and personal-data patterns. */
  summary?: TextSummary;
}

export type AlertType =
  | 'constant'
  | 'zeros'
  | 'missing'
  | 'infinite'
  | 'duplicates'
  | 'high_cardinality'
  | 'unique'
  | 'skewed'
  | 'imbalance'
  | 'uniform'
  | 'high_correlation'
  | 'constant_length'
  | 'date_as_text'
  | 'mixed_types'
  | 'target_leakage'
  | 'personal_data'
  | 'near_duplicates';

export type Severity = 'high' | 'medium' | 'low';

export interface Alert {
  type: AlertType;
  column?: string;
  /** The measured figure the threshold was compared with. */
  value: number;
  threshold: number;
  severity: Severity;
  message: string;
}

/** A square matrix over `columns`; `null`-free in memory (NaN = not defined). */
export interface CorrelationMatrix {
  columns: string[];
  matrix: number[][];
  /** Column indices in clustered order (average linkage on 1-|r|). */
  order: number[];
}

export interface Correlations {
  pearson?: CorrelationMatrix;
  spearman?: CorrelationMatrix;
  /** Bias-uncorrected Cramér's V over categorical/boolean pairs. */
  cramers_v?: CorrelationMatrix;
  /** Correlation ratio η for numeric–categorical pairs; same-kind pairs are NaN. */
  eta?: CorrelationMatrix;
  /** Rows used; less than the table when it was sampled. */
  sampledRows: number;
  sampled: boolean;
  /** Set when a wide table was correlated over only its most complete columns of each kind. */
  limitedTo?: { columns: number; numeric: number; categorical: number };
}

export interface MissingSummary {
  /** Columns with at least one missing cell, in table order. */
  columns: string[];
  counts: number[];
  /** cooccurrence[i][j] = rows where columns i and j are both missing. */
  cooccurrence: number[][];
}

export type AssociationMeasure = 'pearson' | 'eta' | 'cramers_v';

export interface TargetAnalysis {
  name: string;
  task: 'regression' | 'classification';
  /** Every other usable column, strongest first. */
  associations: { column: string; measure: AssociationMeasure; value: number }[];
  /** Class counts for a classification target. */
  classBalance?: { value: string; count: number }[];
  pairs: TargetPair[];
}

export interface BoxStats {
  group: string;
  count: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** Whiskers at the last values inside 1.5·IQR. */
  whiskerLow: number;
  whiskerHigh: number;
}

export type TargetPair =
  | { column: string; kind: 'box'; numeric: string; groups: BoxStats[] }
  | { column: string; kind: 'stacked'; rows: string[]; cols: string[]; counts: number[][] }
  | {
      column: string;
      kind: 'scatter';
      x: number[];
      y: number[];
      trend: { slope: number; intercept: number } | null;
    };

export interface PcaResult {
  columns: string[];
  explainedVarianceRatio: [number, number];
  /** Projected points (x = PC1, y = PC2), ≤ 5,000, with the target per point when given. */
  points: { x: number; y: number; target?: string | number | null }[];
  rowsUsed: number;
}

/** A finished part of the report, announced while the rest is still running. */
export type ReportSection =
  | { kind: 'column'; column: ColumnProfile }
  | { kind: 'duplicates'; duplicateRows: number }
  | { kind: 'correlations'; correlations: Correlations }
  | { kind: 'missing'; missing: MissingSummary }
  | { kind: 'target'; target: TargetAnalysis }
  | { kind: 'pca'; pca: PcaResult };

/** Options for `profileTable` and friends. */
export interface ProfileOptions {
  /** Column to analyse as the prediction target. */
  target?: string;
  /** Alert thresholds; missing keys take DEFAULT_THRESHOLDS. */
  thresholds?: Partial<AlertThresholds>;
  /** Hash of the source bytes, copied into `dataset.fingerprint`. */
  fingerprint?: string;
  /** Milliseconds the caller spent parsing, copied into `meta.timingsMs.parse`. */
  parseMs?: number;
  /** Seed for every sample (correlations, scatter, PCA). Default 42. */
  seed?: number;
  /** Rows above which correlations use a seeded sample. Default 200,000. */
  correlationSampleRows?: number;
  /** Skip PCA (it is also skipped with fewer than 2 numeric columns). */
  pca?: boolean;
}

/** Everything `profileCross` computes that spans several columns. */
export interface CrossSections {
  duplicates: Pick<DatasetOverview, 'duplicateRows' | 'duplicateExamples'>;
  missing: MissingSummary;
  correlations: Correlations;
  target?: TargetAnalysis;
  pca?: PcaResult;
}
