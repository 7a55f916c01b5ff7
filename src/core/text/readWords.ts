/**
 * The word ids that fitting TF-IDF read from each text, handed to the one call that applies the
 * fit to the same texts next (the recipe fits, then transforms its training rows), so those rows
 * are tokenised once, as scikit-learn's `fit_transform` reads them. Keyed by the texts' array
 * itself (a column's dictionary; tables never change); taken once, or dropped with the array.
 */
import type { TermOptions } from './textKernel';

export interface ReadWords {
  /** The term of each id. */
  terms: readonly string[];
  /** Where text i's ids start in `ids`, and how many (−1: the text was not read; read it again). */
  from: Int32Array;
  count: Int32Array;
  ids: Int32Array;
}

const kept = new WeakMap<readonly string[], { key: string; read: ReadWords }>();

/** Only the same options read the same words. */
const keyOf = (options: TermOptions) => JSON.stringify(options);

export function keepReadWords(texts: readonly string[], options: TermOptions, read: ReadWords): void {
  kept.set(texts, { key: keyOf(options), read });
}

/** The words kept for `texts` read with `options`, or null; either way nothing is kept after. */
export function takeReadWords(texts: readonly string[], options: TermOptions): ReadWords | null {
  const entry = kept.get(texts);
  kept.delete(texts);
  return entry && entry.key === keyOf(options) ? entry.read : null;
}
