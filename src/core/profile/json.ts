import type { Report } from './types';

/** The report as JSON; NaN and ±Infinity (not representable in JSON) become null. */
export function reportToJson(report: Report, space?: number): string {
  return JSON.stringify(report, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), space);
}
