import type { SinkPlan } from './columnSink';
import { countShape, shapeCounts, type KindGuess } from './inferKinds';
import type { MissingMatcher } from './missingTokens';
import type { PartColumn } from './csvPart';
import { rememberMissing } from './knownMissing';
import { stringSubtype } from './stringSubtype';
import type { Column, ColumnType, ValueShapes } from './types';

/** Dictionary entries classified exactly before shapes are extrapolated (keeps huge id columns cheap). */
const SHAPE_ENTRY_LIMIT = 200_000;

/** How often each dictionary entry is used; the codes' missing cells (-1) are remembered on the way (see `knownMissing`). */
export function codeCounts(codes: Int32Array, size: number): Int32Array {
  const counts = new Int32Array(size);
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0) counts[c]++;
    else missing++;
  }
  rememberMissing(codes, missing);
  return counts;
}

/** The parser's own counts; its missing cells are the cells no entry counted. */
function countedByParser(codes: Int32Array, counts: Int32Array): Int32Array {
  let present = 0;
  for (let k = 0; k < counts.length; k++) present += counts[k];
  rememberMissing(codes, codes.length - present);
  return counts;
}

function stringShapes(weights: Int32Array, dictionary: string[], isMissing: MissingMatcher): ValueShapes {
  const encoder = new TextEncoder();
  const limit = Math.min(dictionary.length, SHAPE_ENTRY_LIMIT);
  const shape = { numeric: 0, datetime: 0, boolean: 0, other: 0 };
  let seen = 0;
  let total = 0;
  for (let k = 0; k < dictionary.length; k++) total += weights[k];
  for (let k = 0; k < limit; k++) {
    const w = weights[k];
    if (w === 0) continue;
    const bytes = encoder.encode(dictionary[k]);
    const c = shapeCounts();
    countShape(bytes, 0, bytes.length, isMissing, c);
    shape.numeric += (c.integer + c.float) * w;
    shape.datetime += (c.iso + c.mdy + c.dmy + c.named) * w;
    shape.boolean += c.boolean * w;
    shape.other += (c.other + c.comma + c.missing) * w;
    seen += w;
  }
  if (seen > 0 && seen < total) {
    const scale = total / seen;
    for (const key of ['numeric', 'datetime', 'boolean', 'other'] as const) shape[key] = Math.round(shape[key] * scale);
  }
  return shape;
}

/**
 * Turns a parsed column into a table column: decides integer vs float, the string subtype,
 * the value shapes, and applies an override (`type`) while keeping the inferred type.
 */
export function buildColumn(name: string, part: PartColumn, plan: SinkPlan, guess: KindGuess, isMissing: MissingMatcher, override?: ColumnType): Column {
  if (part.codes && part.dictionary) {
    const counts = part.counts ? countedByParser(part.codes, part.counts) : codeCounts(part.codes, part.dictionary.length);
    const subtype = stringSubtype(part.codes, part.dictionary, counts);
    const inferred: ColumnType = override ? guessType(guess, subtype) : subtype;
    return {
      name,
      type: override === 'categorical' || override === 'text' || override === 'identifier' ? override : subtype,
      inferredType: inferred,
      shapes: stringShapes(counts, part.dictionary, isMissing),
      codes: part.codes,
      dictionary: part.dictionary,
    };
  }
  const values = part.values!;
  rememberMissing(values, part.missing);
  const present = values.length - part.missing;
  const shapes: ValueShapes = { numeric: 0, datetime: 0, boolean: 0, other: part.mismatches };
  let type: 'integer' | 'float' | 'boolean' | 'datetime';
  if (plan.kind === 'number') {
    shapes.numeric = present;
    type = override === 'integer' || (!override && !part.sawFloat) ? 'integer' : 'float';
  } else if (plan.kind === 'boolean') {
    shapes.boolean = present;
    type = 'boolean';
  } else {
    shapes.datetime = present;
    type = 'datetime';
  }
  const column: Column = { name, type, inferredType: override ? guessType(guess, 'categorical') : type, shapes, values };
  // A datetime's pattern, or a boolean's words (booleanWords.ts).
  if ((type === 'datetime' || type === 'boolean') && part.pattern) column.format = part.pattern;
  return column;
}

/** The type the sample alone suggests (used as `inferredType` when the user overrode it). */
export function guessType(guess: KindGuess, stringType: ColumnType): ColumnType {
  if (guess.kind === 'number') return guess.integer ? 'integer' : 'float';
  if (guess.kind === 'string') return stringType;
  return guess.kind;
}
