import { textKernel, type TermOptions } from './textKernel';

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
  // One Map lookup per term: its id indexes the counts, and `last` marks the document it was last counted in for df.
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const tfs: number[] = [];
  const dfs: number[] = [];
  const last: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    const w = weights[i];
    if (!(w > 0)) continue;
    for (const t of kernel.terms(texts[i], options, stop)) {
      let id = ids.get(t);
      if (id === undefined) {
        id = terms.push(t) - 1;
        ids.set(t, id);
        tfs.push(0);
        dfs.push(0);
        last.push(-1);
      }
      tfs[id] += w;
      if (last[id] !== i) {
        last[id] = i;
        dfs[id] += w;
      }
    }
  }
  const tf = new Map(terms.map((t, id) => [t, tfs[id]]));
  const df = new Map(terms.map((t, id) => [t, dfs[id]]));
  let kept = [...df.keys()].filter((t) => (df.get(t) ?? 0) >= minDf);
  if (kept.length > maxFeatures) {
    kept.sort((a, b) => (tf.get(b) ?? 0) - (tf.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    kept = kept.slice(0, maxFeatures);
  }
  kept.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { vocabulary: kept, idf: kept.map((t) => Math.log((1 + documents) / (1 + (df.get(t) ?? 0))) + 1) };
}
