/**
 * A boolean column's words for false and true as its file wrote them ("No/Yes", "n/y", "F/T"),
 * kept in the column's `format` as "false word/true word", so class labels, the grid and the charts
 * say what the file says. true/false in any case is the default and is not stored.
 */
import type { ColumnType } from './types';

const PARTNERS: Record<string, string> = { yes: 'no', no: 'yes', y: 'n', n: 'y', t: 'f', f: 't', true: 'false', false: 'true' };
const FALSE_WORDS = new Set(['false', 'no', 'n', 'f']);
const TRUE_WORDS = new Set(['true', 'yes', 'y', 't']);

/** The other value's word in the same case style: Yes → No, YES → NO, y → n. */
function partner(word: string): string {
  const lower = word.toLowerCase();
  const other = PARTNERS[lower] ?? (FALSE_WORDS.has(lower) ? 'true' : 'false');
  if (word !== lower && word === word.toUpperCase()) return other.toUpperCase();
  if (word[0] !== lower[0]) return other[0].toUpperCase() + other.slice(1);
  return other;
}

/**
 * The `format` of a boolean column whose first false and true cells read `falseWord` and
 * `trueWord` ('' where none was seen: the partner of the other word stands in); '' for true/false.
 */
export function booleanFormat(falseWord: string, trueWord: string): string {
  if (!falseWord && !trueWord) return '';
  const f = falseWord || partner(trueWord);
  const t = trueWord || partner(falseWord);
  return f.toLowerCase() === 'false' && t.toLowerCase() === 'true' ? '' : `${f}/${t}`;
}

/** The words for false and true of a boolean column (true/false unless its file wrote others). */
export function booleanWords(column: { type: ColumnType; format?: string }): [string, string] {
  const at = column.type === 'boolean' && column.format ? column.format.indexOf('/') : -1;
  return at > 0 ? [column.format!.slice(0, at), column.format!.slice(at + 1)] : ['false', 'true'];
}

/** The word for value v (0 or 1) of a boolean column. */
export function booleanWord(column: { type: ColumnType; format?: string }, v: number): string {
  return booleanWords(column)[v === 1 ? 1 : 0];
}

/** Whether two class labels are a boolean column's words, false first (then a boolean target maps to them by value). */
export function isBooleanPair(labels: readonly string[]): boolean {
  return labels.length === 2 && FALSE_WORDS.has(labels[0].toLowerCase()) && TRUE_WORDS.has(labels[1].toLowerCase());
}
