/**
 * Missing-cell counts the reader already knows (it counts them while parsing), keyed by the
 * column's own array, so the schema summary can skip a pass over millions of cells. Keyed by the
 * array, not the column object: a column rebuilt around other values (a recipe step, a copy) is
 * simply not found and gets counted again. Table arrays are never written after reading.
 */
const counts = new WeakMap<Float64Array | Int32Array, number>();

/** Records that `array` holds `missing` missing cells (NaN values, or -1 codes). */
export function rememberMissing(array: Float64Array | Int32Array, missing: number): void {
  counts.set(array, missing);
}

/** The count recorded for exactly this array, if any. */
export function knownMissing(array: Float64Array | Int32Array): number | undefined {
  return counts.get(array);
}
