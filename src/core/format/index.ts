/**
 * One formatter for every number, date and string shown to people, in the studio, the CLI and the
 * HTML report alike, so a statistic reads the same everywhere.
 */
export { nearestName } from './nearestName';
export { num, formatNumber, formatExact, formatMeanSd, formatShort, formatSigned, formatCount, formatYear, isYearColumn, fixed, tickFormat } from './number';
export { pct, formatPercent, formatP } from './percent';
export { formatBytes, formatMs, withUnit, plural, formatDate } from './units';
export { formatMetric, formatCi } from './metric';
export { escapeXml } from './escape';
