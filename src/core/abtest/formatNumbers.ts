/** A metric value or difference for a sentence: 3 decimals below 1, 4 significant digits above. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  const text = a === 0 ? '0' : a < 0.001 ? x.toPrecision(2) : a < 1 ? x.toFixed(3) : x.toPrecision(4);
  return text.replace('-', '−');
}

/** "p = 0.031", or "p < 0.001". */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** "95 % CI 0.004–0.020", or "95 % CI −0.003 to 0.011" when a bound is negative. */
export function formatCi(ci: readonly [number, number], confidence: number): string {
  const [lo, hi] = ci.map(formatValue);
  const level = `${Math.round(confidence * 1000) / 10} % CI`;
  return ci[0] < 0 || ci[1] < 0 ? `${level} ${lo} to ${hi}` : `${level} ${lo}–${hi}`;
}

/** A row count with thousands separators ("12,400"), or "∞". */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '∞';
}
