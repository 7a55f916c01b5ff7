import type { ColumnProfile, Report } from './types';

/**
 * The contract's core figures also sit directly on each column (`columns[i].mean`, `.quantiles`,
 * `.top`…), as consumers of the stable schema read them; the typed blocks keep every other figure.
 */
function withCoreFields(c: ColumnProfile) {
  const n = c.numeric;
  return {
    ...c,
    ...(n ? { min: n.min, max: n.max, mean: n.mean, std: n.std, skewness: n.skewness, kurtosis: n.kurtosis, quantiles: n.quantiles, histogram: n.histogram } : {}),
    ...(c.categorical ? { top: c.categorical.top } : {}),
  };
}

/** The report as JSON; NaN and ±Infinity (not representable in JSON) become null. */
export function reportToJson(report: Report, space?: number): string {
  const flat = { ...report, columns: report.columns.map(withCoreFields) };
  return JSON.stringify(flat, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), space);
}
