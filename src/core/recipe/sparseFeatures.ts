/**
 * The model-ready matrix of a recipe that ends in text steps, kept as sparse rows: TF-IDF rows use a
 * few dozen of their terms, and a dense matrix costs rows × terms floats to fill, scan and check.
 */
import { RecipeError } from './errors';
import type { TextRows } from './steps';
import type { SparseMatrix } from './types';

/**
 * The `n` rows of the features `featureNames` as CSR: the text steps' `blocks` at their features'
 * positions, and every other feature's non-zero values from `valuesOf(name)`. Values are rounded
 * to float32 and columns ascend within a row, so the rows are exactly those of the dense X. The
 * blocks are consumed: a single block's arrays may become the matrix's.
 */
export function sparseFeatures(blocks: readonly TextRows[], featureNames: readonly string[], n: number, valuesOf: (name: string) => ArrayLike<number>): SparseMatrix {
  const d = featureNames.length;
  const position = new Map(featureNames.map((name, j) => [name, j]));
  const written = new Set<string>();
  const placed = blocks.map(({ names }) => {
    const at = Int32Array.from(names, (name) => position.get(name) ?? -1);
    const lost = names.find((_, j) => at[j] < 0);
    if (lost !== undefined) throw new RecipeError(`Feature '${lost}' of a text step is not in the fitted feature list; refit the recipe.`, { column: lost });
    for (const name of names) written.add(name);
    return at;
  });
  const dense = featureNames.flatMap((name, j) => (written.has(name) ? [] : [{ j, values: valuesOf(name) }]));
  if (blocks.length === 1 && dense.length === 0 && placed[0].every((j, k) => j === k)) return onlyBlock(blocks[0], n, d);
  // −0 is kept, as the dense X holds it; every other zero is left out.
  const kept = (v: number) => v !== 0 || 1 / v < 0;
  const indptr = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) {
    let count = 0;
    for (const b of blocks) count += b.indptr[r + 1] - b.indptr[r];
    for (const c of dense) if (kept(Math.fround(c.values[r]))) count++;
    indptr[r + 1] = indptr[r] + count;
  }
  const indices = new Int32Array(indptr[n]);
  const values = new Float64Array(indptr[n]);
  for (let r = 0; r < n; r++) {
    let k = indptr[r];
    blocks.forEach((b, i) => {
      const at = placed[i];
      for (let q = b.indptr[r]; q < b.indptr[r + 1]; q++, k++) {
        indices[k] = at[b.indices[q]];
        values[k] = Math.fround(b.values[q]);
      }
    });
    for (const c of dense) {
      const v = Math.fround(c.values[r]);
      if (!kept(v)) continue;
      indices[k] = c.j;
      values[k++] = v;
    }
    ascending(indices, values, indptr[r], k);
  }
  return { n, d, indptr, indices, values };
}

/** The matrix of one text step's rows whose terms are the features, in order: its own arrays, taken over, values rounded. */
function onlyBlock({ indptr, indices, values }: TextRows, n: number, d: number): SparseMatrix {
  for (let q = 0; q < values.length; q++) values[q] = Math.fround(values[q]);
  return { n, d, indptr, indices, values };
}

/** Sorts entries [from, to) by column (insertion sort: a row is already in order unless features interleave). */
function ascending(indices: Int32Array, values: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const j = indices[i];
    if (j > indices[i - 1]) continue;
    const v = values[i];
    let p = i - 1;
    for (; p >= from && indices[p] > j; p--) {
      indices[p + 1] = indices[p];
      values[p + 1] = values[p];
    }
    indices[p + 1] = j;
    values[p + 1] = v;
  }
}

/** The row-major dense matrix of `m`. */
export function denseRows(m: SparseMatrix): Float32Array {
  const X = new Float32Array(m.n * m.d);
  for (let r = 0, row = 0; r < m.n; r++, row += m.d) for (let q = m.indptr[r]; q < m.indptr[r + 1]; q++) X[row + m.indices[q]] = m.values[q];
  return X;
}
