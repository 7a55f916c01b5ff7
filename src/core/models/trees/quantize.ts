/**
 * Gradients rounded onto a power-of-two grid fine enough to lose nothing that matters (30 bits
 * below the largest magnitude) and coarse enough that every histogram sum over the rows is an
 * exact integer multiple of the grid in a double. Sums are then independent of their order: a
 * histogram derived by subtraction equals the one summed directly, bit for bit, and threads can
 * split the work any way without changing the model.
 */

/** Rounds `values` in place onto a grid chosen for `rows` summands; returns the grid step. */
export function quantizeInPlace(values: Float64Array, rows: number): number {
  const step = gridStep(maxAbs(values, 0, values.length), rows);
  quantizeRange(values, 0, values.length, step);
  return step || 1;
}

/** The largest |value| of values[from..to) (NaN values are passed over). */
export function maxAbs(values: Float64Array, from: number, to: number): number {
  let max = 0;
  for (let i = from; i < to; i++) {
    const a = Math.abs(values[i]);
    if (a > max) max = a;
  }
  return max;
}

/** The grid for values whose largest magnitude is `max`, summed over up to `rows` rows; 0 leaves them as they are. */
export function gridStep(max: number, rows: number): number {
  if (max === 0 || !Number.isFinite(max)) return 0;
  const bits = Math.min(30, 52 - Math.ceil(Math.log2(rows + 1)));
  return 2 ** (Math.ceil(Math.log2(max)) - bits);
}

/** Rounds values[from..to) onto the grid `step` (from `gridStep`); a split of the rows gives the same values. */
export function quantizeRange(values: Float64Array, from: number, to: number, step: number): void {
  if (step === 0) return;
  const inv = 1 / step;
  // |v · inv| <= 2^30, so rounding half away from zero through an int32 is exact and fast.
  for (let i = from; i < to; i++) {
    const q = values[i] * inv;
    values[i] = ((q + (q >= 0 ? 0.5 : -0.5)) | 0) * step;
  }
}
