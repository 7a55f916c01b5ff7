/** How a class label reads in a sentence: a capitalised word is a noun ("3 Chinstraps"), anything else is quoted. */
import { plural } from '../format';
import type { RowNoun } from './rowNoun';

const NOUN = /^[A-Z][a-z]+$/;

/** "3 Chinstraps", "1 Chinstrap", "3 'M' rows" (the row noun for labels that are not nouns). */
export function countOf(label: string, n: number, rows: RowNoun): string {
  if (NOUN.test(label) && !label.endsWith('s')) return plural(n, label);
  return `${plural(n, `'${label}' ${rows.one}`, `'${label}' ${rows.many}`)}`;
}

/** The plural alone, for "taken for Adelies" / "taken for 'B'". */
export function pluralOf(label: string): string {
  return NOUN.test(label) && !label.endsWith('s') ? `${label}s` : `'${label}'`;
}

/** "Every Gentoo" / "Every 'M' row". */
export function everyOf(label: string, rows: RowNoun): string {
  return NOUN.test(label) && !label.endsWith('s') ? `every ${label}` : `every '${label}' ${rows.one}`;
}

/** The label itself, quoted: 'Adelie'. */
export const quoted = (label: string) => `'${label}'`;
