import { hashString, histogramSorted, sampleIndices, type Histogram } from '../stats';
import { CHARACTER_CLASSES, countCharacters } from './characterClasses';
import { detectLanguage, languageName } from './language';
import { PII_PATTERNS } from './pii';
import { ENGLISH_STOP_WORDS } from './stopWords';
import { textKernel } from './textKernel';

/** A term and the number of times it occurs (rows weighted by how often a text repeats). */
export interface TermCount {
  term: string;
  count: number;
}

/** What Explore shows about a free-text column beyond its lengths. */
export interface TextSummary {
  /** Words per text (runs of two or more letters or digits). */
  words: { min: number; mean: number; median: number; max: number; histogram: Histogram };
  totalWords: number;
  /** Distinct lowercased words. */
  vocabulary: number;
  /** Most frequent words that are not stop words, and the stop words apart. */
  topWords: TermCount[];
  topStopWords: TermCount[];
  /** Most frequent 2- and 3-word sequences once stop words are removed. */
  topBigrams: TermCount[];
  topTrigrams: TermCount[];
  /** Distinct texts the n-gram counts read (a seeded sample when the column has more). */
  ngramTexts: number;
  /** Share of rows by detected language, most common first; `und` = undetermined (short or unclear). */
  languages: { code: string; name: string; share: number }[];
  /** Distinct texts whose language was detected (a seeded sample when the column has more). */
  languageTexts: number;
  /** Share of characters by class, and of letters by script. */
  characters: { label: string; share: number }[];
  scripts: { label: string; share: number }[];
  /** Texts empty or only spaces. */
  empty: number;
  /** Rows whose text repeats an earlier row exactly. */
  duplicates: number;
  /** Rows not exact repeats whose normalised text (lowercase, letters and digits only, one space) repeats an earlier row's. */
  nearDuplicates: number;
  /** Rows with something that looks like an email address or a phone number. */
  pii: { email: number; phone: number };
}

const NGRAM_TEXTS = 8_000;
const LANGUAGE_TEXTS = 300;
/** Characters of a text read for its language: trigram counts settle well before this. */
const LANGUAGE_CHARS = 400;
const CHARACTER_TEXTS = 5_000;
const STOP = new Set(ENGLISH_STOP_WORDS);

function top(counts: Map<string, number>, k: number): TermCount[] {
  // One pass keeping the k best: sorting a 100,000-word map costs more than the rest of the profile.
  const best: TermCount[] = [];
  for (const [term, count] of counts) {
    if (best.length === k && count < best[k - 1].count) continue;
    best.push({ term, count });
    best.sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    if (best.length > k) best.pop();
  }
  return best;
}

/** The k largest entries of a numeric-keyed map (ties by key, so the result does not depend on insertion order). */
function topKeys(m: Map<number, number>, k: number): [number, number][] {
  const best: [number, number][] = [];
  for (const e of m) {
    if (best.length === k && e[1] < best[k - 1][1]) continue;
    best.push(e);
    best.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (best.length > k) best.pop();
  }
  return best;
}

const bump = (m: Map<string, number>, key: string, by: number) => m.set(key, (m.get(key) ?? 0) + by);
const normalise = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const shares = (m: Map<string, number> | [string, number][], total: number) =>
  [...m].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([label, v]) => ({ label, share: total > 0 ? v / total : 0 }));

/** Summary of the distinct texts `dictionary`, each weighted by its row count in `counts`. */
export function summariseTexts(dictionary: string[], counts: ArrayLike<number>, seed = 42): TextSummary {
  const kernel = textKernel();
  const present: number[] = [];
  for (let i = 0; i < dictionary.length; i++) if (counts[i] > 0) present.push(i);
  // Words get ids on first sight; counts live in an array, so each token costs one Map lookup.
  const ids = new Map<string, number>();
  const vocab: string[] = [];
  let wordCounts = new Float64Array(1024);
  const byWords: number[] = [];
  const normalised = new Map<number, number>();
  let rows = 0;
  let totalWords = 0;
  let empty = 0;
  let duplicates = 0;
  const pii = { email: 0, phone: 0 };
  for (const i of present) {
    const text = dictionary[i];
    const c = counts[i];
    rows += c;
    duplicates += c - 1;
    if (text.trim() === '') empty += c;
    const words = kernel.words(text, true);
    byWords[words.length] = (byWords[words.length] ?? 0) + c;
    totalWords += words.length * c;
    for (const w of words) {
      let id = ids.get(w);
      if (id === undefined) {
        id = vocab.push(w) - 1;
        ids.set(w, id);
        if (id === wordCounts.length) {
          const grown = new Float64Array(2 * id);
          grown.set(wordCounts);
          wordCounts = grown;
        }
      }
      wordCounts[id] += c;
    }
    const norm = normalise(text);
    // 53 bits of two hashes: one 32-bit hash would merge two of 100,000 distinct texts about once.
    const key = hashString(norm) * 2097152 + (hashString(norm, 1) & 0x1fffff);
    normalised.set(key, (normalised.get(key) ?? 0) + c);
    if (text.includes('@') && PII_PATTERNS.email.test(text)) pii.email += c;
    if (PII_PATTERNS.phone.test(text)) pii.phone += c;
  }
  let nearDuplicates = -duplicates;
  for (const n of normalised.values()) nearDuplicates += n - 1;

  const sorted = new Float64Array(rows);
  let at = 0;
  for (let w = 0; w < byWords.length; w++) if (byWords[w]) sorted.fill(w, at, (at += byWords[w]));
  const content = new Map<string, number>();
  const stop = new Map<string, number>();
  const isStop = new Uint8Array(vocab.length);
  vocab.forEach((w, id) => {
    isStop[id] = STOP.has(w) ? 1 : 0;
    (isStop[id] ? stop : content).set(w, wordCounts[id]);
  });

  // N-grams counted under numeric keys (word ids) on a sample: string keys for millions of
  // distinct sequences cost seconds in Map growth alone.
  const V = vocab.length + 1;
  const bigrams = new Map<number, number>();
  const trigrams = new Map<number, number>();
  const ngramSample = sampleIndices(present.length, NGRAM_TEXTS, seed);
  for (const j of ngramSample) {
    const i = present[j];
    const c = counts[i];
    let a = -1;
    let b = -1;
    for (const w of kernel.words(dictionary[i], true)) {
      const id = ids.get(w);
      if (id === undefined || isStop[id]) continue;
      if (b >= 0) bigrams.set(b * V + id, (bigrams.get(b * V + id) ?? 0) + c);
      if (a >= 0) trigrams.set((a * V + b) * V + id, (trigrams.get((a * V + b) * V + id) ?? 0) + c);
      a = b;
      b = id;
    }
  }
  const named = (m: Map<number, number>, n: number) => {
    const best = topKeys(m, 10);
    return best.map(([key, count]) => {
      const parts: string[] = [];
      for (let k = 0, x = key; k < n; k++, x = Math.floor(x / V)) parts.unshift(vocab[x % V]);
      return { term: parts.join(' '), count };
    });
  };

  const languages = new Map<string, number>();
  let languageRows = 0;
  const languageSample = sampleIndices(present.length, LANGUAGE_TEXTS, seed + 1);
  for (const j of languageSample) {
    const i = present[j];
    bump(languages, detectLanguage(dictionary[i].slice(0, LANGUAGE_CHARS)), counts[i]);
    languageRows += counts[i];
  }

  const classes = new Float64Array(CHARACTER_CLASSES.length);
  const scripts = new Map<string, number>();
  for (const j of sampleIndices(present.length, CHARACTER_TEXTS, seed + 2)) countCharacters(dictionary[present[j]], counts[present[j]], classes, scripts);
  const chars = classes.reduce((s, v) => s + v, 0);
  const letters = [...scripts.values()].reduce((s, v) => s + v, 0);

  return {
    words: {
      min: rows ? sorted[0] : NaN,
      mean: rows ? totalWords / rows : NaN,
      median: rows ? sorted[Math.floor((rows - 1) / 2)] : NaN,
      max: rows ? sorted[rows - 1] : NaN,
      histogram: histogramSorted(sorted),
    },
    totalWords,
    vocabulary: vocab.length,
    topWords: top(content, 15),
    topStopWords: top(stop, 10),
    topBigrams: named(bigrams, 2),
    topTrigrams: named(trigrams, 3),
    ngramTexts: ngramSample.length,
    languages: shares(languages, languageRows).map(({ label, share }) => ({ code: label, name: languageName(label), share })),
    languageTexts: languageSample.length,
    characters: shares(CHARACTER_CLASSES.map((label, k) => [label, classes[k]]), chars),
    scripts: shares(scripts, letters),
    empty,
    duplicates,
    nearDuplicates,
    pii,
  };
}
