/** Number formatting for generated sentences: short, exact enough, with a true minus sign. */

/** Thousands separators in the integer part only. */
const group = (s: string) => {
  const [int, frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
};

/** Three significant digits (at most), trailing zeros dropped, thousands grouped: 3.14159 → "3.14", 12345.6 → "12,346". */
export function num(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'not defined';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const sign = x < 0 ? '−' : '';
  const a = Math.abs(x);
  if (a >= 10 ** digits) return sign + group(Math.round(a).toString());
  const s = Number(a.toPrecision(digits)).toString();
  return sign + (s.includes('e') ? a.toExponential(1) : group(s));
}

/** A fixed number of decimals, with a true minus sign: fixed(-0.5, 1) → "−0.5". */
export function fixed(x: number, decimals: number): string {
  const s = x.toFixed(decimals);
  return s === `-${(0).toFixed(decimals)}` ? s.slice(1) : s.replace('-', '−');
}

/**
 * A 0..1 share as a percentage with a space before the sign, as the studio prints it: 0.944 → "94 %".
 * Whole percents, except that shares that would round to 0 % or 100 % without being so keep one decimal.
 */
export function pct(ratio: number): string {
  if (!Number.isFinite(ratio)) return num(ratio);
  const p = ratio * 100;
  const whole = Math.round(p);
  const needsDecimal = (whole === 0 && p !== 0) || (whole === 100 && p !== 100) || (whole === -100 && p !== -100);
  return `${needsDecimal ? fixed(p, Math.abs(p) < 0.1 ? 2 : 1) : fixed(whole, 0)} %`;
}

/** A p-value: "p = 0.032", "p < 0.001". */
export function pValueText(p: number): string {
  if (Number.isNaN(p)) return 'p not defined';
  return p < 0.001 ? 'p < 0.001' : `p = ${num(p, 2)}`;
}

/** A value with an optional unit: withUnit(3.1, 'mpg') → "3.1 mpg". */
export function withUnit(x: number, unit?: string): string {
  return unit ? `${num(x)} ${unit}` : num(x);
}

/** "1 row", "3 rows". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${group(String(n))} ${n === 1 ? singular : pluralForm}`;
}
