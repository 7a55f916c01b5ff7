/** Number and size formatting shared by the components; `en` grouping so screenshots read alike everywhere. */
const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });

export const formatCount = (n: number) => integer.format(n);
/** "1 row", "2,000 rows". */
export const countOf = (n: number, singular: string, plural = `${singular}s`) => `${integer.format(n)} ${n === 1 ? singular : plural}`;
export const formatNumber = (n: number | null | undefined) =>
  n === null || n === undefined || Number.isNaN(n) ? '—' : Math.abs(n) >= 1e15 || (Math.abs(n) < 1e-4 && n !== 0) ? n.toExponential(3) : compact.format(n);
const percentSmall = new Intl.NumberFormat('en', { maximumSignificantDigits: 2 });
const percentLarge = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '0 %';
  const pct = (100 * part) / whole;
  return `${(pct < 1 ? percentSmall : percentLarge).format(pct)} %`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export const formatMs = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

const short = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 });
const shorter = new Intl.NumberFormat('en', { maximumSignificantDigits: 2 });
/** A rounded number with a true minus sign: 3 significant digits ("−0.553", "1,710"), or 2 with `digits` 2. */
export const formatShort = (n: number, digits: 2 | 3 = 3) =>
  Number.isNaN(n) ? '—' : (digits === 2 ? shorter : short).format(n).replace('-', '−');
/** A change with its sign and a true minus, rounded as `formatShort`: "+0.52", "−0.31", "0". */
export const formatSigned = (n: number) => (n > 0 ? `+${formatShort(n)}` : formatShort(n));
