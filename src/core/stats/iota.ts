/**
 * The row indices 0..n-1. A plain loop, not `Int32Array.from({ length: n }, (_, i) => i)`: that
 * goes through V8's generic iteration path and called the mapper per element, 6.5–7.8 ms for
 * 160,000 indices in a fresh Node 20 process against 1.9–2.9 ms for the loop (once per training
 * run: carving the validation rows, binning, the bag).
 */
export function iota(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}
