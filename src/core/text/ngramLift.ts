import { cellText, isNumeric, type Column, type StringColumn, type Table } from '../table';
import { sampleIndices } from '../stats';
import { ENGLISH_STOP_WORDS } from './stopWords';
import { textKernel, type TermOptions } from './textKernel';

/** One n-gram's effect on the target over the rows whose text contains it. */
export interface NgramEffect {
  term: string;
  rows: number;
  /** Share of those rows in the class (classification) or their mean target (numeric target). */
  value: number;
  /**
   * Lift: the figure, shrunk toward the column-wide one by PRIOR_ROWS pseudo-rows so rare n-grams
   * need more evidence, divided by the column-wide figure (classification) or minus it (numeric target).
   */
  effect: number;
}

export interface NgramLift {
  column: string;
  target: string;
  /** Set for a class target: the class whose share is compared. */
  positive?: string;
  /** The class share, or mean target, over every row with text. */
  base: number;
  /** Fewest rows an n-gram needs to be ranked. */
  minRows: number;
  /** N-grams that raise the figure most, then those that lower it most. */
  highest: NgramEffect[];
  lowest: NgramEffect[];
  /** Distinct texts read (a seeded sample when the column has more). */
  texts: number;
}

export interface NgramRows {
  term: string;
  /** Rows whose text contains the term: total, and the first few (1-based row, text, target). */
  total: number;
  rows: { row: number; text: string; target: string }[];
}

const MAX_TEXTS = 30_000;
/** Pseudo-rows at the column-wide figure added to every n-gram before ranking (additive smoothing). */
export const PRIOR_ROWS = 20;
const LIFT_TERMS: TermOptions = { lowercase: true, stopWords: ENGLISH_STOP_WORDS, wordNgrams: [1, 3], charNgrams: [0, 0] };
const STOP = new Set(ENGLISH_STOP_WORDS);

function columns(table: Table, name: string, target: string): { text: StringColumn; y: Column } {
  const text = table.columns.find((c) => c.name === name);
  const y = table.columns.find((c) => c.name === target);
  if (!text || isNumeric(text)) throw new Error(`Column "${name}" is not a text column of "${table.name}"; choose a text column.`);
  if (!y) throw new Error(`Target "${target}" is not a column of "${table.name}"; choose the target again.`);
  return { text, y };
}

/** A numeric target compared by its mean: floats, and integers with more than 20 values (fewer read as classes). */
function isMeasured(y: Column): boolean {
  if (!isNumeric(y) || y.type === 'boolean' || y.type === 'datetime') return false;
  if (y.type === 'float') return true;
  const seen = new Set<number>();
  for (let r = 0; r < y.values.length && seen.size <= 20; r++) if (y.values[r] === y.values[r]) seen.add(y.values[r]);
  return seen.size > 20;
}

/** 1 where a row is in `positive`, 0 where not, NaN where the target is missing; or the numeric target. */
function targetValues(y: Column, positive: string | undefined): Float64Array {
  if (positive === undefined && isNumeric(y)) return y.values;
  const out = new Float64Array(isNumeric(y) ? y.values.length : y.codes.length);
  for (let r = 0; r < out.length; r++) {
    const label = cellText(y, r);
    out[r] = label === '' ? NaN : label === positive ? 1 : 0;
  }
  return out;
}

/** The least frequent class of a class target: the one whose drivers are usually wanted. */
function rarestClass(y: Column): string {
  const counts = new Map<string, number>();
  const n = isNumeric(y) ? y.values.length : y.codes.length;
  for (let r = 0; r < n; r++) {
    const label = cellText(y, r);
    if (label !== '') counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
}

/**
 * Ranks the words and 2–3 word sequences (stop words removed) of a text column by their lift on the
 * target: the share of `positive` among rows containing the n-gram over its share among all rows with
 * text (a numeric target compares means instead), with rare n-grams shrunk toward no effect. Only n-grams in at least `minRows` rows are ranked.
 */
export function ngramLift(table: Table, name: string, target: string, positive?: string, k = 15): NgramLift {
  const { text, y } = columns(table, name, target);
  const numeric = isMeasured(y);
  const cls = numeric ? undefined : (positive ?? rarestClass(y));
  const v = targetValues(y, cls);
  const rows = new Float64Array(text.dictionary.length);
  const sums = new Float64Array(text.dictionary.length);
  let n = 0;
  let total = 0;
  for (let r = 0; r < text.codes.length; r++) {
    const c = text.codes[r];
    if (c < 0 || v[r] !== v[r]) continue;
    rows[c]++;
    sums[c] += v[r];
    n++;
    total += v[r];
  }
  const base = n ? total / n : NaN;
  const present: number[] = [];
  for (let c = 0; c < rows.length; c++) if (rows[c] > 0) present.push(c);
  const sample = sampleIndices(present.length, MAX_TEXTS, 7);
  const kernel = textKernel();
  const termRows = new Map<string, number>();
  const termSums = new Map<string, number>();
  let readRows = 0;
  for (const j of sample) {
    const c = present[j];
    readRows += rows[c];
    for (const t of new Set(kernel.terms(text.dictionary[c], LIFT_TERMS, STOP))) {
      termRows.set(t, (termRows.get(t) ?? 0) + rows[c]);
      termSums.set(t, (termSums.get(t) ?? 0) + sums[c]);
    }
  }
  // Five rows at least (fewer on tiny tables), and 0.2% of rows on large ones, so that rare words do not crowd the top.
  const minRows = Math.max(Math.min(5, Math.ceil(readRows / 10)), Math.ceil(readRows * 0.002));
  const ranked: NgramEffect[] = [];
  for (const [term, m] of termRows) {
    if (m < minRows || m === readRows) continue;
    const sum = termSums.get(term) ?? 0;
    const shrunk = (sum + PRIOR_ROWS * base) / (m + PRIOR_ROWS);
    ranked.push({ term, rows: m, value: sum / m, effect: numeric ? shrunk - base : base > 0 ? shrunk / base : NaN });
  }
  const order = (a: NgramEffect, b: NgramEffect) => b.effect - a.effect || b.rows - a.rows || (a.term < b.term ? -1 : 1);
  ranked.sort(order);
  const highest = ranked.slice(0, k);
  const lowest = ranked.slice(Math.max(k, ranked.length - k)).reverse();
  return { column: name, target, ...(cls !== undefined ? { positive: cls } : {}), base, minRows, highest, lowest, texts: sample.length };
}

/** The rows whose text contains `term` (as `ngramLift` reads terms): how many, and the first `limit`. */
export function rowsWithNgram(table: Table, name: string, target: string, term: string, limit = 20): NgramRows {
  const { text, y } = columns(table, name, target);
  const kernel = textKernel();
  const has = new Int8Array(text.dictionary.length).fill(-1);
  const out: NgramRows['rows'] = [];
  let total = 0;
  for (let r = 0; r < text.codes.length; r++) {
    const c = text.codes[r];
    if (c < 0) continue;
    if (has[c] < 0) has[c] = kernel.terms(text.dictionary[c], LIFT_TERMS, STOP).includes(term) ? 1 : 0;
    if (!has[c]) continue;
    total++;
    if (out.length < limit) out.push({ row: r + 1, text: text.dictionary[c], target: cellText(y, r) });
  }
  return { term, total, rows: out };
}
