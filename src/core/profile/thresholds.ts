/**
 * Alert thresholds. Defaults follow ydata-profiling 4.x where it has one. Ratios are 0..1.
 */
export interface AlertThresholds {
  /** Zeros ratio above which a numeric column is flagged. Default 0.01 (1%). */
  zeros: number;
  /** Missing ratio above which a column is flagged. Default 0.01. */
  missing: number;
  /** Infinite ratio above which a numeric column is flagged. Default 0.01. */
  infinite: number;
  /** Duplicate-row ratio above which the dataset is flagged. Default 0.01. */
  duplicates: number;
  /** Distinct values above which a categorical column has high cardinality. Default 50. */
  highCardinality: number;
  /** |skewness| above which a numeric column is skewed. Default 20. */
  skewness: number;
  /** Imbalance (1 - H/log2 k) above which a categorical column is flagged. Default 0.5. */
  imbalance: number;
  /** Chi-square p-value vs uniform above which a histogram is called uniform. Default 0.999. */
  uniformPValue: number;
  /** |correlation| above which a pair is flagged. Default 0.9. */
  correlation: number;
  /** |association with the target| at or above which a feature may leak it. Default 0.95. */
  targetLeakage: number;
  /** Share of cells with the dominant other shape for "date as text"/"mixed". Default 0.9 / 0.1. */
  dateAsText: number;
  mixedTypes: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = Object.freeze({
  zeros: 0.01,
  missing: 0.01,
  infinite: 0.01,
  duplicates: 0.01,
  highCardinality: 50,
  skewness: 20,
  imbalance: 0.5,
  uniformPValue: 0.999,
  correlation: 0.9,
  targetLeakage: 0.95,
  dateAsText: 0.9,
  mixedTypes: 0.1,
});

/** Merges overrides onto the defaults; rejects non-numbers by naming the key. */
export function resolveThresholds(overrides: Partial<AlertThresholds> = {}): AlertThresholds {
  const out = { ...DEFAULT_THRESHOLDS };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in out)) {
      throw new RangeError(`Unknown alert threshold "${key}". Use one of: ${Object.keys(out).join(', ')}.`);
    }
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new RangeError(`Alert threshold "${key}" must be a number; got ${String(value)}.`);
    }
    (out as Record<string, number>)[key] = value;
  }
  return out;
}
