import { textKernel, type TermOptions } from './textKernel';
import { scansWords, termTable } from './termTable';
import { keepReadWords } from './readWords';

/** A fitted TF-IDF vocabulary: terms in scikit-learn's (alphabetical) order and their idf. */
export interface FittedTerms {
  vocabulary: string[];
  idf: number[];
}

/**
 * Learns a TF-IDF vocabulary as scikit-learn's `TfidfVectorizer` does with `smooth_idf=True`:
 * terms in at least `minDf` documents, the `maxFeatures` most frequent over the corpus (ties:
 * alphabetical; scikit-learn breaks them in no fixed order), sorted alphabetically, with
 * idf = ln((1 + n) / (1 + df)) + 1. `texts` are distinct documents weighted by `weights` (rows that
 * repeat them); `documents` is n, which counts missing texts as empty documents.
 */
export function fitTerms(texts: readonly string[], weights: ArrayLike<number>, documents: number, options: TermOptions, maxFeatures: number, minDf: number): FittedTerms {
  const kernel = textKernel();
  const stop = new Set(options.stopWords);
  const fast = scansWords(options);
  const table = termTable([], fast ? options.stopWords : []);
  // Counts by term id; `last` marks the document a term was last counted in, for df.
  let tfs = new Float64Array(1024);
  let dfs = new Float64Array(1024);
  let last = new Int32Array(1024).fill(-1);
  let ids = new Int32Array(1024);
  // The ids of each text read word by word, kept for applying the fit to these texts.
  const from = new Int32Array(fast ? texts.length : 0);
  const counts = new Int32Array(fast ? texts.length : 0).fill(-1);
  let read = new Int32Array(fast ? 1024 : 0);
  let used = 0;
  for (let i = 0; i < texts.length; i++) {
    const w = weights[i];
    if (!(w > 0)) continue;
    const text = texts[i];
    if (fast && ids.length < text.length) ids = new Int32Array(2 * text.length);
    let count = fast ? table.scanWords(text, true, ids) : -1;
    if (count >= 0) {
      if (used + count > read.length) read = grown(read, new Int32Array(Math.max(2 * read.length, used + count)));
      from[i] = used;
      counts[i] = count;
      for (let k = 0; k < count; k++) read[used++] = ids[k];
    } else {
      const terms = kernel.terms(text, options, stop);
      if (ids.length < terms.length) ids = new Int32Array(2 * terms.length);
      for (let k = 0; k < terms.length; k++) ids[k] = table.idOf(terms[k], true);
      count = terms.length;
    }
    if (table.terms.length > tfs.length) {
      const size = 2 * table.terms.length;
      tfs = grown(tfs, new Float64Array(size));
      dfs = grown(dfs, new Float64Array(size));
      last = grown(last, new Int32Array(size).fill(-1));
    }
    for (let k = 0; k < count; k++) {
      const id = ids[k];
      tfs[id] += w;
      if (last[id] !== i) {
        last[id] = i;
        dfs[id] += w;
      }
    }
  }
  const terms = table.terms;
  if (fast) keepReadWords(texts, options, { terms, from, count: counts, ids: read.subarray(0, used) });
  let kept: number[] = [];
  for (let id = 0; id < terms.length; id++) if (dfs[id] >= minDf && dfs[id] > 0) kept.push(id);
  const byTerm = (a: number, b: number) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0);
  if (kept.length > maxFeatures) {
    kept.sort((a, b) => tfs[b] - tfs[a] || byTerm(a, b));
    kept = kept.slice(0, maxFeatures);
  }
  kept.sort(byTerm);
  return { vocabulary: kept.map((id) => terms[id]), idf: kept.map((id) => Math.log((1 + documents) / (1 + dfs[id])) + 1) };
}

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
