import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ENGLISH_STOP_WORDS, fitTerms, termRows, textKernel, type TermOptions } from '../../../../src/core/text';
import { scansWords, termTable } from '../../../../src/core/text/termTable';

const kernel = textKernel();
const words: TermOptions = { lowercase: true, stopWords: [], wordNgrams: [1, 1], charNgrams: [0, 0] };
const withStop: TermOptions = { ...words, stopWords: ENGLISH_STOP_WORDS };
// ASCII with the characters that matter to the tokeniser: letters of both cases, digits, _ and separators.
const asciiText = fc.string({ unit: fc.constantFrom(...'aAbBzZ09_ -,.\'\n\tQx'.split('')), maxLength: 60 });

/** The dense row `vectorize` (the code scorer.mjs ships) gives, as the kernel's reference. */
function kernelRow(text: string, options: TermOptions, vocabulary: string[] | null, idf: number[]): Float64Array {
  const out = new Float64Array(idf.length);
  const index = vocabulary ? new Map(vocabulary.map((t, j) => [t, j])) : null;
  kernel.vectorize(text, options, new Set(options.stopWords), index, idf, out, Int32Array.from(idf, (_, j) => j));
  return out;
}

function denseRows(rows: ReturnType<typeof termRows>, d: number): Float64Array[] {
  return Array.from({ length: rows.indptr.length - 1 }, (_, r) => {
    const out = new Float64Array(d);
    for (let q = rows.indptr[r]; q < rows.indptr[r + 1]; q++) out[rows.indices[q]] = rows.values[q];
    return out;
  });
}

describe('termTable reads ASCII words as the kernel does', () => {
  test.each([['no stop words', words], ['English stop words', withStop]])('%s: the same terms in the same order', (_, options) => {
    fc.assert(fc.property(asciiText, (text) => {
      const table = termTable([], options.stopWords);
      const ids = new Int32Array(text.length + 1);
      const count = table.scanWords(text, true, ids);
      expect(Array.from(ids.subarray(0, count), (id) => table.terms[id])).toEqual(kernel.terms(text, options, new Set(options.stopWords)));
    }));
  });

  test('leaves texts with other characters, and other term shapes, to the kernel', () => {
    const table = termTable([], []);
    expect(table.scanWords('Crème brûlée', true, new Int32Array(64))).toBe(-1);
    expect(table.scanWords('ascii only', true, new Int32Array(64))).toBe(2);
    expect(scansWords({ ...words, wordNgrams: [1, 2] })).toBe(false);
    expect(scansWords({ ...words, charNgrams: [2, 3] })).toBe(false);
  });
});

describe('termRows gives the kernel’s vectorize rows, sparse', () => {
  const texts = ['The cat sat', 'the CAT, the hat', 'Ünïcode cat naïve', 'x', '', 'sat sat sat on_the mat 42'];
  const codes = Int32Array.from([0, 1, 2, -1, 3, 4, 0, 5, 2, 1]);
  test.each<[string, TermOptions, boolean]>([
    ['words', words, false],
    ['words without stop words', withStop, false],
    ['word bigrams', { ...words, wordNgrams: [1, 2] }, false],
    ['character n-grams', { ...words, wordNgrams: [0, 0], charNgrams: [2, 3] }, false],
    ['hashed words', words, true],
  ])('%s', (_, options, hashing) => {
    const fitted = fitTerms(texts, [2, 2, 2, 1, 1, 1], 10, options, 50, 1);
    const vocabulary = hashing ? null : fitted.vocabulary;
    const idf = hashing ? new Array<number>(7).fill(1) : fitted.idf;
    const rows = termRows(texts, codes, options, vocabulary, idf);
    const dense = denseRows(rows, idf.length);
    codes.forEach((code, r) => expect(dense[r]).toEqual(code < 0 ? new Float64Array(idf.length) : kernelRow(texts[code], options, vocabulary, idf)));
    for (let r = 0; r < codes.length; r++) {
      const columns = Array.from(rows.indices.subarray(rows.indptr[r], rows.indptr[r + 1]));
      expect(columns).toEqual([...columns].sort((a, b) => a - b));
    }
  });

  test.each([['no stop words', words], ['English stop words', withStop]])('%s: texts that fitting just read give the rows that reading them afresh gives', (_, options) => {
    const corpus = fc.array(fc.tuple(asciiText, fc.constantFrom(0, 1, 3)), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(corpus, fc.boolean(), (pairs, otherOptions) => {
      const texts = pairs.map(([t]) => t);
      const codes = Int32Array.from({ length: 2 * texts.length }, (_, r) => (r * 7) % texts.length);
      const fitted = fitTerms(texts, pairs.map(([, w]) => w), texts.length, options, 20, 1);
      // Words read with other options are never reused.
      const applied = otherOptions ? (options === words ? withStop : words) : options;
      const fresh = termRows([...texts], codes, applied, fitted.vocabulary, fitted.idf);
      expect(termRows(texts, codes, applied, fitted.vocabulary, fitted.idf)).toEqual(fresh);
      // Taken once: the next call reads the texts again.
      expect(termRows(texts, codes, applied, fitted.vocabulary, fitted.idf)).toEqual(fresh);
    }));
  });

  test('fitting reads ASCII and other texts into one vocabulary, as the kernel would', () => {
    const mixed = ['Naïve cats', 'naïve dogs and cats', 'CATS and dogs'];
    const fitted = fitTerms(mixed, [1, 1, 1], 3, words, 10, 1);
    expect(fitted.vocabulary).toEqual(['and', 'cats', 'dogs', 'naïve']);
    expect(fitted.idf[1]).toBeCloseTo(1, 12);
  });
});
