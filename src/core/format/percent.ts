import { fixed, num } from './number';

/**
 * A 0..1 share as a percentage with a space before the sign, as the studio prints it: 0.944 → "94 %".
 * Whole percents, except that shares that would round to 0 % or 100 % without being so keep decimals.
 */
export function pct(ratio: number): string {
  if (!Number.isFinite(ratio)) return num(ratio);
  const p = ratio * 100;
  const whole = Math.round(p);
  const needsDecimal = (whole === 0 && p !== 0) || (whole === 100 && p !== 100) || (whole === -100 && p !== -100);
  return `${needsDecimal ? fixed(p, Math.abs(p) < 0.1 ? 2 : 1) : fixed(whole, 0)} %`;
}

/** `part` of `whole` as a percentage with one decimal at most ("12.5 %"), two significant digits below 1 %. */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '0 %';
  const p = (100 * part) / whole;
  return `${p !== 0 && Math.abs(p) < 1 ? num(p, 2) : num(Math.round(p * 10) / 10, 4)} %`;
}

/**
 * A p-value, rounded one way everywhere (three decimals, as APA style asks, trailing zeros
 * dropped): "p = 0.031", "p = 0.05", "p < 0.001". A NaN p reads "p not defined".
 */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return 'p not defined';
  if (p < 0.001) return 'p < 0.001';
  if (p > 0.999) return 'p > 0.999';
  return `p = ${Number(p.toFixed(3))}`;
}
