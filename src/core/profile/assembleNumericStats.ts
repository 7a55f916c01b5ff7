import { kurtosis, skewness, variance, type Histogram, type Moments } from '../stats';
import type { NumericStats, Quantiles } from './types';

/** Tukey's fences: 1.5 IQR beyond the quartiles. */
export function outlierFences(quantiles: Quantiles): { iqr: number; lowerFence: number; upperFence: number } {
  const iqr = quantiles['0.75'] - quantiles['0.25'];
  return { iqr, lowerFence: quantiles['0.25'] - 1.5 * iqr, upperFence: quantiles['0.75'] + 1.5 * iqr };
}

/** What the sorted and the counted paths each measure; `NumericStats` derives the rest the same way for both. */
export interface NumericParts {
  moments: Moments;
  quantiles: Quantiles;
  min: number;
  max: number;
  mad: number;
  zeros: number;
  negatives: number;
  infinite: number;
  /** Rows beyond each fence, and up to 5 of the most extreme values. */
  low: { count: number; values: number[] };
  high: { count: number; values: number[] };
  histogram: Histogram;
}

export function assembleNumericStats(p: NumericParts): NumericStats {
  const v = variance(p.moments);
  const std = Math.sqrt(v);
  const { iqr, lowerFence, upperFence } = outlierFences(p.quantiles);
  return {
    min: p.min,
    max: p.max,
    range: p.max - p.min,
    mean: p.moments.mean,
    std,
    variance: v,
    sum: p.moments.sum,
    skewness: skewness(p.moments),
    kurtosis: kurtosis(p.moments),
    cv: std / p.moments.mean,
    mad: p.mad,
    quantiles: p.quantiles,
    iqr,
    zeros: p.zeros,
    negatives: p.negatives,
    infinite: p.infinite,
    outliers: { count: p.low.count + p.high.count, low: p.low.values, high: p.high.values, lowerFence, upperFence },
    histogram: p.histogram,
  };
}
