/**
 * [min, max] of the finite values of every array, or `fallback` (default [0, 1]) when there are none.
 * Loops rather than spreading, so 100k-point arrays do not overflow the call stack.
 */
export function extentOf(arrays: readonly ArrayLike<number>[], fallback: [number, number] = [0, 1]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of arrays)
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return lo <= hi ? [lo, hi] : fallback;
}

/**
 * An extent widened by `fraction` of its span on each side (a flat one by `fraction` of its value,
 * or 1). Padding never crosses zero: counts, prices and other non-negative data keep a 0 floor.
 */
export function padExtent([lo, hi]: [number, number], fraction = 0.05): [number, number] {
  const span = hi - lo || Math.abs(lo) || 1;
  const a = lo - span * fraction;
  const b = hi + span * fraction;
  return [lo >= 0 && a < 0 ? 0 : a, hi <= 0 && b > 0 ? 0 : b];
}
