/** The noun for a dataset's rows ("penguins", "cars"), derived from its name when it looks like a plural. */

/** Singular and plural, e.g. { one: 'penguin', many: 'penguins' }. */
export interface RowNoun {
  one: string;
  many: string;
}

const ROWS: RowNoun = { one: 'row', many: 'rows' };
/** Plurals in -ies whose singular ends in -ie, not -y. */
const IE_WORDS = new Set(['movies', 'cookies', 'calories', 'zombies', 'rookies', 'selfies', 'pies', 'ties', 'brownies', 'smoothies', 'prairies']);

/** Words whose singular is the same. */
const INVARIANT = new Set(['species', 'series', 'news', 'sheep', 'fish']);

/** The singular of a regular English plural. */
export function singular(word: string): string {
  if (INVARIANT.has(word)) return word;
  if (word.endsWith('ies') && !IE_WORDS.has(word)) return `${word.slice(0, -3)}y`;
  if (/(xes|ches|shes|sses)$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/**
 * "penguins.json" → penguins, "wine-reviews.csv" → reviews, "breast-cancer.csv" → rows. The last word
 * of the name counts when it is lowercase letters ending in a plural "s" (not -ss, -us, -is).
 */
export function rowNoun(datasetName: string | undefined): RowNoun {
  if (!datasetName) return ROWS;
  const base = datasetName.replace(/^.*[\\/]/, '').replace(/\.[a-z0-9.]+$/i, '');
  const word = base.split(/[\s_\-.]+/).filter(Boolean).pop()?.toLowerCase() ?? '';
  if (!/^[a-z]{4,}$/.test(word) || !word.endsWith('s') || /(ss|us|is)$/.test(word)) return ROWS;
  return { one: singular(word), many: word };
}
