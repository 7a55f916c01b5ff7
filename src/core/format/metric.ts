import { formatNumber, num } from './number';

/** A metric value or difference for a sentence: 3 decimals below 1, 4 significant digits above. */
export function formatMetric(x: number): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a < 0.001) return num(x, 2);
  return a < 1 ? x.toFixed(3).replace('-', '−') : num(x, 4);
}

/** "95 % CI 0.004–0.020", or "95 % CI −0.003 to 0.011" when a bound is negative. */
export function formatCi(ci: readonly [number, number], confidence: number): string {
  const [lo, hi] = ci.map(formatMetric);
  const level = `${Math.round(confidence * 1000) / 10} % CI`;
  return ci[0] < 0 || ci[1] < 0 ? `${level} ${lo} to ${hi}` : `${level} ${lo}–${hi}`;
}
