/**
 * How a class label reads in a sentence: as a modifier of the row noun ("3 Chinstrap penguins",
 * "7 Europe cars", "4 'M' rows"), bare when it is one capitalised word and quoted otherwise. The
 * label is never made plural itself: "Adelies" read well, "Europes" and "Japans" did not.
 */
import { plural } from '../format';
import type { RowNoun } from './rowNoun';

const NOUN = /^[A-Z][a-z]+$/;

/** The label as written in a sentence: Chinstrap, 'M', 'USA'. */
export const labelWords = (label: string) => (NOUN.test(label) ? label : quoted(label));

/** "3 Chinstrap penguins", "1 Chinstrap penguin", "3 'M' rows". */
export function countOf(label: string, n: number, rows: RowNoun): string {
  return plural(n, `${labelWords(label)} ${rows.one}`, `${labelWords(label)} ${rows.many}`);
}

/** "every Gentoo penguin" / "every 'M' row". */
export function everyOf(label: string, rows: RowNoun): string {
  return `every ${labelWords(label)} ${rows.one}`;
}

/** The label itself, quoted: 'Adelie'. */
export const quoted = (label: string) => `'${label}'`;
