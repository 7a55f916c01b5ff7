/**
 * Tokenisation and n-gram features, written once for training, Explore and scorer.mjs: `textKernel`
 * is shipped with `Function.prototype.toString()`, so it reads only its arguments and built-ins.
 *
 * Words follow scikit-learn's default `token_pattern` (runs of two or more word characters) made
 * Unicode-aware: letters, digits, combining marks and `_`, after lowercasing. Character n-grams
 * follow scikit-learn's `char_wb` analyser (each word padded with one space on both sides).
 */

/** How a text becomes terms. */
export interface TermOptions {
  lowercase: boolean;
  /** Words removed before n-grams are built (an empty list keeps every word). */
  stopWords: readonly string[];
  /** Word n-gram lengths, inclusive; [1, 1] is single words, [0, 0] none. */
  wordNgrams: [number, number];
  /** Character n-gram lengths within words, inclusive; [0, 0] for none. */
  charNgrams: [number, number];
}

export interface TextKernel {
  /** Words of a text, lowercased when asked, stop words kept. */
  words(text: string, lowercase: boolean): string[];
  /** Every term of a text (word n-grams joined by one space, then character n-grams), repeats kept. */
  terms(text: string, options: TermOptions, stop: Set<string>): string[];
  /**
   * Term counts of one text into `out` at `slots`, times `idf`, then L2-normalised. Terms find their
   * column through `index` (TF-IDF), or, when `index` is null, by hashing into `slots.length` buckets
   * with a hash-chosen sign (feature hashing, whose idf is all ones). Returns the columns (indices into
   * `slots`) the text touched; every other one is 0.
   */
  vectorize(text: string, options: TermOptions, stop: Set<string>, index: Map<string, number> | null, idf: ArrayLike<number>, out: Float64Array, slots: ArrayLike<number>): number[];
  /** FNV-1a of a term's UTF-16 units: the bucket and sign of feature hashing. */
  hash(term: string): number;
}

export function textKernel(): TextKernel {
  const WORD = /[\p{L}\p{N}\p{M}_]{2,}/gu;
  function words(text: string, lowercase: boolean): string[] {
    return (lowercase ? text.toLowerCase() : text).match(WORD) ?? [];
  }
  function terms(text: string, options: TermOptions, stop: Set<string>): string[] {
    const out: string[] = [];
    const [wlo, whi] = options.wordNgrams;
    if (whi > 0) {
      const all = words(text, options.lowercase);
      const kept = stop.size ? all.filter((w) => !stop.has(w)) : all;
      for (let n = Math.max(1, wlo); n <= whi; n++)
        for (let i = 0; i + n <= kept.length; i++) out.push(n === 1 ? kept[i] : kept.slice(i, i + n).join(' '));
    }
    const [clo, chi] = options.charNgrams;
    if (chi > 0) {
      const source = options.lowercase ? text.toLowerCase() : text;
      for (const w of source.split(/\s+/)) {
        if (w === '') continue;
        const padded = ' ' + w + ' ';
        const chars = Array.from(padded);
        for (let n = Math.max(1, clo); n <= chi; n++) {
          // As scikit-learn: a padded word no longer than n counts once, whole, and ends the lengths.
          if (chars.length <= n) {
            out.push(padded);
            break;
          }
          for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
        }
      }
    }
    return out;
  }
  function hash(term: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }
  // Marks of the columns a text touched, reused across calls (grown to the widest vector seen).
  let mark = new Uint8Array(0);
  function vectorize(text: string, options: TermOptions, stop: Set<string>, index: Map<string, number> | null, idf: ArrayLike<number>, out: Float64Array, slots: ArrayLike<number>): number[] {
    const d = slots.length;
    if (mark.length < d) mark = new Uint8Array(d);
    for (let j = 0; j < d; j++) out[slots[j]] = 0;
    const touched: number[] = [];
    for (const t of terms(text, options, stop)) {
      let at: number | undefined;
      let by = 1;
      if (index === null) {
        const h = hash(t);
        at = h % d;
        by = h & 0x80000000 ? -1 : 1;
      } else at = index.get(t);
      if (at === undefined) continue;
      if (!mark[at]) {
        mark[at] = 1;
        touched.push(at);
      }
      out[slots[at]] += by;
    }
    let norm = 0;
    for (const j of touched) {
      mark[j] = 0;
      const v = out[slots[j]] * idf[j];
      out[slots[j]] = v;
      norm += v * v;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (const j of touched) out[slots[j]] *= inv;
    }
    return touched;
  }
  return { words, terms, vectorize, hash };
}
