import { format as d3format } from 'd3-format';

/**
 * The one number formatter of the studio, the CLI and the HTML report. Rules, everywhere:
 * - a true minus sign (−) and thousands separators (1,350,360);
 * - whole numbers are never rounded to fewer digits (1,350,360 stays 1,350,360);
 * - years print as plain four digits (2014), through `formatYear` or `{ year: true }`;
 * - no compact forms (1.4M): a figure is never shortened behind the reader's back.
 */
const minus = (s: string) => s.replace(/^-/, '−').replace('e-', 'e−');

/** Thousands separators in the integer part only: "1234567.5" → "1,234,567.5". */
const group = (s: string) => {
  const [int, frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
};

/** Words for values that are not numbers: NaN → `missing` (default "—"), ±Infinity → "∞"/"−∞". */
function special(x: number, missing = '—'): string | null {
  if (Number.isNaN(x)) return missing;
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return null;
}

/**
 * `digits` significant digits at most (default 3), trailing zeros dropped, thousands grouped;
 * values at or past 10^digits are rounded to a whole number, never shortened: 3.14159 → "3.14",
 * 12345.6 → "12,346". NaN reads "not defined" (this is the form for sentences).
 */
export function num(x: number, digits = 3): string {
  const s = special(x, 'not defined');
  if (s !== null) return s;
  const sign = x < 0 ? '−' : '';
  const a = Math.abs(x);
  if (a >= 10 ** digits) return sign + group(Math.round(a).toString());
  const t = Number(a.toPrecision(digits)).toString();
  return sign + (t.includes('e') ? minus(a.toExponential(1)) : group(t));
}

/** A table or tooltip value: whole numbers in full with separators, others to 4 significant digits; NaN → "—". */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  const s = special(x);
  if (s !== null) return s;
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e15) return minus(group(String(x)));
  if (a !== 0 && (a < 1e-4 || a >= 1e15)) return minus(x.toExponential(3));
  return num(x, 4);
}

/**
 * A value exactly as stored, for people (the data grid): every digit JavaScript prints for it,
 * thousands grouped and a true minus, since a table of data must not round what it shows:
 * 1234567.891 → "1,234,567.891", −0.5 → "−0.5", 1e21 → "1e+21"; years (`year`) as plain digits.
 */
export function formatExact(x: number, year = false): string {
  const s = special(x, '');
  if (s !== null) return s;
  if (year) return formatYear(x);
  const text = String(x);
  return minus(text.includes('e') ? text : group(text));
}

/** The form for short sentences and cells: 3 significant digits (2 with `digits` 2); NaN → "—". */
export const formatShort = (x: number, digits: 2 | 3 = 3) => (Number.isNaN(x) ? '—' : num(x, digits));

/**
 * A mean with its standard deviation, both to the sd's second significant digit: 0.815 ± 0.056,
 * 0.47 ± 0.10, 0.0010 ± 0.0031, 1,235 ± 12 (each figure on its own had its own digits:
 * "0.815 ± 0.05601"). A zero or undefined sd leaves the mean in its usual form.
 */
export function formatMeanSd(mean: number, sd: number): string {
  if (special(mean) !== null || special(sd) !== null || sd === 0) return `${formatNumber(mean)} ± ${formatNumber(sd)}`;
  const decimals = Math.max(0, 1 - Math.floor(Math.log10(Math.abs(sd))));
  if (decimals > 10) return `${formatNumber(mean)} ± ${formatNumber(sd)}`;
  const fixedForm = (x: number) => minus(group((Object.is(Number(x.toFixed(decimals)), -0) ? 0 : x).toFixed(decimals)));
  return `${fixedForm(mean)} ± ${fixedForm(Math.abs(sd))}`;
}

/** A change with its sign: "+0.52", "−0.31", "0". */
export const formatSigned = (x: number) => (x > 0 ? `+${formatShort(x)}` : formatShort(x));

/** A count of things, rounded to a whole number with separators ("12,400"), or "∞". */
export function formatCount(n: number): string {
  return special(n) ?? minus(group(Math.round(n).toString()));
}

/** A calendar year as plain digits, never grouped: 2014 → "2014". */
export const formatYear = (year: number) => (Number.isInteger(year) ? String(year).replace('-', '−') : formatNumber(year));

/** Whether a column's name says it holds years ("year", "model_year", "Year built", "yr"), so its values print as years. */
export const isYearColumn = (name: string) => /year/i.test(name) || /(^|[_\s])yr($|[_\s])/i.test(name);

/** A fixed number of decimals with a true minus sign, never "−0.0": fixed(-0.5, 1) → "−0.5". */
export function fixed(x: number, decimals: number): string {
  const s = x.toFixed(decimals);
  return s === `-${(0).toFixed(decimals)}` ? s.slice(1) : minus(s);
}

/** The fewest decimals that write `step` exactly (0.25 → 2, 5 → 0), at most 12. */
function decimalsOf(step: number): number {
  let d = 0;
  while (d < 12 && Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) > 1e-9 * 10 ** d) d++;
  return d;
}

/**
 * A formatter for the ticks of one axis: as many decimals as the tick step needs, separators,
 * and plain digits for years. Ticks 0, 0.25, 0.5 print "0", "0.25", "0.5"; 0–20,000 by 5,000 print
 * "5,000"; steps of 100,000 and up print millions ("1.5M") or billions ("2B").
 */
export function tickFormat(step: number, options: { year?: boolean } = {}): (v: number) => string {
  if (options.year) return formatYear;
  if (Number.isFinite(step) && step >= 1e5) {
    // Millions and billions as "15M" and "2.5B": "15,000,000" is wider than an axis's label room on a phone.
    const [unit, suffix] = step >= 1e8 ? [1e9, 'B'] : [1e6, 'M'];
    const g = d3format(`,.${decimalsOf(step / unit)}~f`);
    return (v) => special(v) ?? (v === 0 ? '0' : minus(g(v / unit)) + suffix);
  }
  const decimals = Number.isFinite(step) && step > 0 ? decimalsOf(step) : 2;
  // ~ drops trailing zeros, so 0.5 with two-decimal ticks still reads "0.5".
  const f = d3format(`,.${Math.min(decimals, 12)}~f`);
  return (v) => {
    const s = special(v);
    return s ?? minus(f(v));
  };
}
