/**
 * Term ids without a string per word, for fitting and applying TF-IDF over many texts. An ASCII
 * text's words are read straight from its characters (lowercased on the fly) and looked up in an
 * open-addressing table that compares characters, so only a term seen for the first time becomes a
 * string. Any other text, and any other term shape (n-grams, character n-grams), goes through
 * `textKernel().terms`, whose strings the table also looks up: both give the same terms, which
 * tests check against the kernel that scorer.mjs ships.
 */
import type { TermOptions } from './textKernel';

export interface TermTable {
  /** Terms by id, in the order they were added. */
  readonly terms: string[];
  /** The id of `term`; when absent, a new id if `insert`, else −1. */
  idOf(term: string, insert: boolean): number;
  /**
   * Ids of the words of ASCII `text` (lowercased; stop words left out; words not in the table
   * added if `insert`, else skipped) into `out` from 0; returns how many, or −1 when the text is
   * not ASCII (read it with the kernel) or `out` is too short (grow it to `text.length`).
   */
  scanWords(text: string, insert: boolean, out: Int32Array): number;
}

/** Whether `scanWords` reads the terms these options make: single lowercased words only. */
export function scansWords(options: TermOptions): boolean {
  return options.lowercase && options.wordNgrams[1] === 1 && options.charNgrams[1] === 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Word characters of the tokeniser within ASCII, lowercased ([a-z0-9_]; upper case maps to lower); −1 for the rest. */
const WORD_CODE = Int16Array.from({ length: 128 }, (_, c) => {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95) return c;
  return c >= 65 && c <= 90 ? c + 32 : -1;
});

/** A table holding `initial` (ids 0…) and, flagged so `scanWords` skips them, `stopWords`. */
export function termTable(initial: readonly string[], stopWords: readonly string[]): TermTable {
  const terms: string[] = [];
  const hashes: number[] = [];
  const stop: boolean[] = [];
  let mask = 1023;
  let slots = new Int32Array(mask + 1).fill(-1);

  const place = (id: number) => {
    let s = hashes[id] & mask;
    while (slots[s] >= 0) s = (s + 1) & mask;
    slots[s] = id;
  };
  const add = (term: string, hash: number, isStop: boolean): number => {
    const id = terms.push(term) - 1;
    hashes.push(hash);
    stop.push(isStop);
    if (terms.length * 2 > mask) {
      mask = mask * 2 + 1;
      slots = new Int32Array(mask + 1).fill(-1);
      for (let j = 0; j < terms.length; j++) place(j);
    } else place(id);
    return id;
  };
  const hashOf = (term: string) => {
    let h = FNV_OFFSET;
    for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), FNV_PRIME);
    return h;
  };
  const idOf = (term: string, insert: boolean): number => {
    const h = hashOf(term);
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = slots[s];
      if (id < 0) break;
      if (hashes[id] === h && terms[id] === term) return id;
    }
    return insert ? add(term, h, false) : -1;
  };
  /** The id of the word at text[from, to) (hash `h`, lowercased codes), or −1 when absent. */
  const find = (text: string, from: number, to: number, h: number): number => {
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = slots[s];
      if (id < 0) return -1;
      if (hashes[id] !== h) continue;
      const term = terms[id];
      if (term.length !== to - from) continue;
      let same = true;
      for (let i = from; i < to && same; i++) same = WORD_CODE[text.charCodeAt(i)] === term.charCodeAt(i - from);
      if (same) return id;
    }
  };
  for (const t of initial) idOf(t, true);
  for (const w of stopWords) {
    const id = idOf(w, true);
    stop[id] = true;
  }
  return {
    terms,
    idOf,
    scanWords(text, insert, out) {
      if (out.length < text.length) return -1;
      let count = 0;
      let start = -1;
      let h = FNV_OFFSET;
      // One past the end closes the last word.
      for (let i = 0; i <= text.length; i++) {
        const c = i < text.length ? text.charCodeAt(i) : 32;
        if (c >= 128) return -1;
        const w = WORD_CODE[c];
        if (w >= 0) {
          if (start < 0) {
            start = i;
            h = FNV_OFFSET;
          }
          h = Math.imul(h ^ w, FNV_PRIME);
          continue;
        }
        if (start >= 0 && i - start >= 2) {
          let id = find(text, start, i, h);
          if (id < 0 && insert) id = add(text.slice(start, i).toLowerCase(), h, false);
          if (id >= 0 && !stop[id]) out[count++] = id;
        }
        start = -1;
      }
      return count;
    },
  };
}
