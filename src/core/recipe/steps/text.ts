import type { Table } from '../../table';
import { ENGLISH_STOP_WORDS, fitTerms, textKernel, type TermOptions } from '../../text';
import { RecipeError } from '../errors';
import type { FittedText, TextStep } from '../types';
import { floatColumn, replaceColumn, stringColumn } from '../frame';
import { TEXT_DEFAULTS } from '../textDefaults';


function checkRange(range: [number, number] | undefined, what: string, where: string): void {
  if (range === undefined) return;
  const [lo, hi] = range;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo || hi > 6) {
    throw new RecipeError(`${where}: ${what} must be two whole numbers from 1 to 6, the first no larger (e.g. [1, 2]); got ${JSON.stringify(range)}.`);
  }
}

function termOptions(step: TextStep, where: string): TermOptions {
  checkRange(step.ngrams, 'ngrams', where);
  checkRange(step.charNgrams, 'charNgrams', where);
  return {
    lowercase: true,
    stopWords: step.stopWords ? ENGLISH_STOP_WORDS : [],
    wordNgrams: step.ngrams ?? TEXT_DEFAULTS.ngrams,
    charNgrams: step.charNgrams ?? [0, 0],
  };
}

/** Output column names of one fitted column, in order. */
function textNames(f: FittedText, col: FittedText['columns'][number]): string[] {
  if (f.method === 'hashing') return Array.from({ length: col.buckets }, (_, k) => `${col.name}#${k}`);
  return col.vocabulary.map((t) => `${col.name}:${t}`);
}

export function fitText(step: TextStep, table: Table, where: string): FittedText {
  const method = step.method ?? 'tfidf';
  const maxFeatures = step.maxFeatures ?? TEXT_DEFAULTS.maxFeatures;
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1) throw new RecipeError(`${where}: maxFeatures must be a whole number of at least 1; got ${maxFeatures}.`);
  const options = termOptions(step, where);
  const columns = step.columns.map((name) => {
    const column = stringColumn(table, name, where);
    const weights = new Float64Array(column.dictionary.length);
    for (const code of column.codes) if (code >= 0) weights[code]++;
    if (method === 'hashing') return { name, vocabulary: [], idf: [], buckets: maxFeatures };
    const fitted = fitTerms(column.dictionary, weights, column.codes.length, options, maxFeatures, step.minDf ?? TEXT_DEFAULTS.minDf);
    if (fitted.vocabulary.length === 0) {
      throw new RecipeError(`${where}: no word of '${name}' occurs in ${step.minDf ?? TEXT_DEFAULTS.minDf} or more training texts; lower minDf, or drop the column.`, { column: name });
    }
    return { name, ...fitted, buckets: 0 };
  });
  return { kind: 'text', method, options, columns };
}

/** One column per term (or bucket); each distinct text is vectorised once and copied to its rows. */
export function applyText(f: FittedText, table: Table, where: string): Table {
  const kernel = textKernel();
  const stop = new Set(f.options.stopWords);
  let out = table;
  for (const col of f.columns) {
    const column = stringColumn(out, col.name, where);
    const names = textNames(f, col);
    const d = names.length;
    const n = column.codes.length;
    const arrays = names.map(() => new Float64Array(n));
    const index = f.method === 'hashing' ? null : new Map(col.vocabulary.map((t, j) => [t, j]));
    const idf = f.method === 'hashing' ? new Float64Array(d).fill(1) : col.idf;
    const slots = Int32Array.from({ length: d }, (_, j) => j);
    const row = new Float64Array(d);
    const done = new Int32Array(column.dictionary.length).fill(-1);
    const cache: number[][] = [];
    for (let r = 0; r < n; r++) {
      const code = column.codes[r];
      if (code < 0) continue;
      if (done[code] < 0) {
        // Sparse pairs (column, value): most texts use few of the d terms.
        const pairs: number[] = [];
        for (const j of kernel.vectorize(column.dictionary[code], f.options, stop, index, idf, row, slots)) if (row[j] !== 0) pairs.push(j, row[j]);
        done[code] = cache.push(pairs) - 1;
      }
      const pairs = cache[done[code]];
      for (let k = 0; k < pairs.length; k += 2) arrays[pairs[k]][r] = pairs[k + 1];
    }
    out = replaceColumn(out, col.name, names.map((name, j) => floatColumn(name, arrays[j])));
  }
  return out;
}
