import type { Table } from '../../table';
import { ENGLISH_STOP_WORDS, fitTerms, termRows, type TermOptions } from '../../text';
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

/** One fitted column's output over a table's rows: its feature names and, per row, its non-zero features (CSR). */
export interface TextRows {
  names: string[];
  /** Row i's entries are `indices`/`values` from `indptr[i]` to `indptr[i + 1]`; indices point into `names`. */
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/**
 * The step's features for every row of `table`, per fitted column, as sparse rows: most texts use
 * few of the terms, and a dense column per term costs rows × terms whatever they hold.
 */
export function textRows(f: FittedText, table: Table, where: string): TextRows[] {
  return f.columns.map((col) => {
    const column = stringColumn(table, col.name, where);
    const names = textNames(f, col);
    const hashing = f.method === 'hashing';
    return { names, ...termRows(column.dictionary, column.codes, f.options, hashing ? null : col.vocabulary, hashing ? new Float64Array(names.length).fill(1) : col.idf) };
  });
}

/** One column per term (or bucket), from the step's sparse rows. */
export function applyText(f: FittedText, table: Table, where: string): Table {
  const blocks = textRows(f, table, where);
  let out = table;
  f.columns.forEach((col, b) => {
    const { names, indptr, indices, values } = blocks[b];
    const n = indptr.length - 1;
    const arrays = names.map(() => new Float64Array(n));
    for (let r = 0; r < n; r++) for (let q = indptr[r]; q < indptr[r + 1]; q++) arrays[indices[q]][r] = values[q];
    out = replaceColumn(out, col.name, names.map((name, j) => floatColumn(name, arrays[j])));
  });
  return out;
}

/**
 * The table `applyText` would give, with every output column sharing one array of zeros: its
 * names and types, at no cost per term. For a fit whose later steps read none of the outputs.
 */
export function outlineText(f: FittedText, table: Table, where: string): Table {
  let out = table;
  for (const col of f.columns) {
    const zeros = new Float64Array(stringColumn(out, col.name, where).codes.length);
    out = replaceColumn(out, col.name, textNames(f, col).map((name) => floatColumn(name, zeros)));
  }
  return out;
}

/** Whether every column step after position `i` of `steps` is a text step (none reads a text step's outputs). */
export function textTail<S extends { kind: string }>(steps: readonly S[], i: number, isColumnStep: (s: S) => boolean = () => true): boolean {
  return steps[i].kind === 'text' && steps.slice(i + 1).every((s) => !isColumnStep(s) || s.kind === 'text');
}
