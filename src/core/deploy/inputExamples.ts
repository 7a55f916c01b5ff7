import type { FittedRecipe, InputColumn } from '../recipe';
import { booleanWords } from '../table';
import { requiredInputs } from './requiredInputs';

/** One input of a bundle with a value a person can send as it is, and the categories it knows. */
export interface InputExample extends InputColumn {
  example: string | number | boolean;
  /** The training vocabulary (most frequent first, as fitted); empty for numbers, dates and unencoded text. */
  categories: string[];
}

/** The demo page offers this many categories at most: a datalist of thousands helps nobody. */
const MAX_CATEGORIES = 500;

const TEXT_TYPES = new Set(['categorical', 'text', 'identifier']);

/** A date written in a recorded pattern (`DD.MM.YYYY` → `01.05.2024`); ISO with a zone when none was recorded. */
export function dateExample(format: string | undefined): string {
  const parts: Record<string, string> = { YYYY: '2024', MM: '05', DD: '01', HH: '12', mm: '00', ss: '00', XXX: '+00:00' };
  return format ? format.replace(/YYYY|MM|DD|HH|mm|ss|XXX|S+/g, (t) => parts[t] ?? '0'.repeat(t.length)) : '2024-05-01T00:00:00Z';
}

/** 4 significant digits reads as a typical value; integers stay integers. */
function typical(value: number, integer: boolean): number {
  return integer ? Math.round(value) : Number(value.toPrecision(4));
}

/**
 * What the fitted steps know about each column: the fill a missing value gets, the centre the
 * scaler subtracts, the clip range, and the encoder's vocabulary. Trees keep no fill or scale,
 * so their numbers fall back to the clip range's middle, then 0.
 */
function knowledge(fitted: FittedRecipe) {
  const fill = new Map<string, number | string>();
  const centre = new Map<string, number>();
  const middle = new Map<string, number>();
  const vocabulary = new Map<string, string[]>();
  for (const step of fitted.steps) {
    if (step.kind === 'impute') for (const c of step.columns) fill.set(c.name, c.fill);
    else if (step.kind === 'scale') for (const c of step.columns) centre.set(c.name, c.center);
    else if (step.kind === 'clip') {
      for (const c of step.columns) if (Number.isFinite(c.lower) && Number.isFinite(c.upper)) middle.set(c.name, (c.lower + c.upper) / 2);
    } else if (step.kind === 'encode') {
      for (const c of step.columns) if (!vocabulary.has(c.name)) vocabulary.set(c.name, c.vocabulary);
    }
  }
  return { fill, centre, middle, vocabulary };
}

/** Every required input with an example value and its known categories, for the demo page and the model card. */
export function inputExamples(fitted: FittedRecipe): InputExample[] {
  const k = knowledge(fitted);
  return requiredInputs(fitted).map((c) => {
    const categories = (k.vocabulary.get(c.name) ?? []).slice(0, MAX_CATEGORIES);
    const fill = k.fill.get(c.name);
    let example: string | number | boolean;
    if (c.type === 'datetime') example = dateExample(c.format);
    // A Yes/No column's example is its own word for true, which the scorer reads as true.
    else if (c.type === 'boolean') example = c.format ? booleanWords(c)[1] : true;
    else if (TEXT_TYPES.has(c.type)) example = categories[0] ?? (typeof fill === 'string' && fill !== '' ? fill : 'text');
    else {
      const number = typeof fill === 'number' && Number.isFinite(fill) ? fill : (k.centre.get(c.name) ?? k.middle.get(c.name) ?? 0);
      example = typical(number, c.type === 'integer');
    }
    return { ...c, example, categories };
  });
}
