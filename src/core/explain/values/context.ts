import type { ColumnType } from '../../table';

/** What `explainValue` may know beyond the number itself; every field is optional. */
export interface ExplainContext {
  /** The same metric for the baseline model (most frequent class / training mean), to compare with. */
  baseline?: number;
  /** Number of classes of a classification target. */
  classes?: number;
  /** Share of positive rows (0..1), the chance level of average precision. */
  positiveRate?: number;
  /** Unit of a regression target, e.g. "mpg", used in error metrics. */
  unit?: string;
  /** Column type, to tell an identifier from a precise measurement. */
  columnType?: ColumnType;
  /** Significance level for p-values. Default 0.05. */
  alpha?: number;
  /** Interval bounds for `confidenceInterval` (the value is the point estimate). */
  ci?: [number, number];
  /** Coverage of `ci`, 0..1. Default 0.95. */
  confidence?: number;
  /** R² of the same predictions, for `explainedVariance`. */
  r2?: number;
  /** Latency target in milliseconds for the latency keys. */
  targetMs?: number;
}
