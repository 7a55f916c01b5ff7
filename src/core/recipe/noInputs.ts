/** The refusal for a recipe that leaves a model nothing to learn from, naming each column's fate and the fix. */
import { isNumeric, type Column, type Table } from '../table';
import { RecipeError } from './errors';
import type { Step } from './types';

/** Columns named one by one in the message; the rest are counted. */
const NAMED = 3;

/**
 * Why `column` gives the model nothing, as the end of a sentence that starts with its name, and
 * whether keeping it could help (an empty or constant column cannot).
 */
function fate(column: Column, dropped: boolean): { words: string; keepable: boolean } {
  const drops = dropped ? ', which this recipe drops' : '';
  if (column.type === 'text') return { words: `is free text${drops}`, keepable: dropped };
  const present = isNumeric(column) ? Array.from(column.values).filter((v) => !Number.isNaN(v)) : Array.from(column.codes).filter((c) => c >= 0);
  if (present.length === 0) return { words: `is empty in every row${drops}`, keepable: false };
  if (present.every((v) => v === present[0])) return { words: `holds the same value in every row${drops}`, keepable: false };
  if (column.type === 'identifier') return { words: `looks like an identifier (a different value in almost every row)${drops}`, keepable: dropped };
  return { words: dropped ? 'is dropped by the recipe' : 'is used up by the recipe', keepable: dropped };
}

/**
 * The error `fitRecipe` throws when no feature column is left. `features` are the input columns
 * before any step (the target excluded); the fix names the text step for a text column.
 */
export function noInputsError(features: Table, steps: Step[], target: string): RecipeError {
  if (features.columns.length === 0) {
    return new RecipeError(`No input columns: the table holds only the target '${target}'. Add the columns that describe each row (numbers, categories, dates or true/false values) to the file.`, { code: 'no-inputs' });
  }
  const dropped = new Set(steps.flatMap((s) => (s.kind === 'drop' ? s.columns : [])));
  const fates = features.columns.map((c) => ({ name: c.name, ...fate(c, dropped.has(c.name)) }));
  const named = fates.slice(0, NAMED).map((f) => `'${f.name}' ${f.words}`);
  const more = features.columns.length - named.length;
  const list = more > 0 ? `${named.join('; ')}; and ${more} more column${more === 1 ? '' : 's'}` : named.join('; ');
  const text = features.columns.find((c) => c.type === 'text');
  const derive = text ? `, or turn '${text.name}' into word features with a text step (in Prepare, "Words into numbers")` : '';
  const keep = fates.some((f) => f.keepable) ? ', or keep a dropped column by removing it from the drop step' : '';
  return new RecipeError(
    `No usable input columns: ${list}. Add a column the model can learn from (numbers, categories, dates or true/false values)${derive}${keep}.`,
    { code: 'no-inputs', column: features.columns[0].name },
  );
}
