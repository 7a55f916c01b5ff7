import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fitTerms, textKernel, type TermOptions } from '../../../../src/core/text';

/** Values recorded from scikit-learn by tests/fixtures/text/tfidf_reference.py. */
interface Case {
  options: { ngram_range?: [number, number]; stop_words?: string[]; max_features?: number; min_df?: number; analyzer?: string };
  vocabulary: string[];
  idf: number[];
  train: number[][];
  unseen: number[][];
}
const reference = JSON.parse(readFileSync('tests/fixtures/text/tfidf-reference.json', 'utf8')) as { corpus: string[]; unseen: string[]; cases: Record<string, Case> };

function termOptions(o: Case['options']): TermOptions {
  const range = o.ngram_range ?? [1, 1];
  const chars = o.analyzer === 'char_wb';
  return { lowercase: true, stopWords: o.stop_words ?? [], wordNgrams: chars ? [0, 0] : range, charNgrams: chars ? range : [0, 0] };
}

describe('TF-IDF against scikit-learn TfidfVectorizer', () => {
  const kernel = textKernel();
  for (const [name, c] of Object.entries(reference.cases)) {
    test(`${name}: vocabulary, idf and normalised rows`, () => {
      const options = termOptions(c.options);
      const corpus = reference.corpus;
      const fitted = fitTerms(corpus, new Float64Array(corpus.length).fill(1), corpus.length, options, c.options.max_features ?? Infinity, c.options.min_df ?? 1);
      expect(fitted.vocabulary).toEqual(c.vocabulary);
      fitted.idf.forEach((v, j) => expect(v).toBeCloseTo(c.idf[j], 12));
      const index = new Map(fitted.vocabulary.map((t, j) => [t, j]));
      const slots = Int32Array.from(fitted.vocabulary, (_, j) => j);
      const stop = new Set(options.stopWords);
      const out = new Float64Array(slots.length);
      const check = (texts: string[], expected: number[][]) =>
        texts.forEach((text, i) => {
          kernel.vectorize(text, options, stop, index, fitted.idf, out, slots);
          expected[i].forEach((v, j) => expect(out[j]).toBeCloseTo(v, 12));
        });
      check(corpus, c.train);
      check(reference.unseen, c.unseen);
    });
  }

  test('weights count a repeated text as that many documents', () => {
    const options = termOptions({});
    const once = fitTerms(['red fox', 'red fox', 'blue fox'], [1, 1, 1], 3, options, Infinity, 1);
    const weighted = fitTerms(['red fox', 'blue fox'], [2, 1], 3, options, Infinity, 1);
    expect(weighted).toEqual(once);
  });

  test('feature hashing puts each term in one bucket with a sign and normalises the row', () => {
    const options = termOptions({});
    const out = new Float64Array(8);
    kernel.vectorize('alpha beta alpha', options, new Set(), null, new Float64Array(8).fill(1), out, Int32Array.from({ length: 8 }, (_, j) => j));
    expect(out.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 12);
    const a = kernel.hash('alpha');
    expect(Math.abs(out[a % 8])).toBeGreaterThan(0);
    expect(Math.sign(out[a % 8])).toBe(a & 0x80000000 ? -1 : 1);
  });
});
