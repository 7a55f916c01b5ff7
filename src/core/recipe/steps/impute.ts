import { isNumeric, type StringColumn, type Table } from '../../table';
import type { FittedStep, ImputeStep } from '../types';
import { RecipeError } from '../errors';
import { categoryCounts, findColumn, floatColumn, quantileSorted, replaceColumn, sortedFinite } from '../frame';

type FittedImpute = Extract<FittedStep, { kind: 'impute' }>;

export function fitImpute(step: ImputeStep, table: Table, where: string): FittedImpute {
  const columns = step.columns.map((name) => {
    const c = findColumn(table, name, where);
    const indicator = step.indicator ?? false;
    if (!isNumeric(c)) {
      if (step.strategy === 'mean' || step.strategy === 'median') {
        throw new RecipeError(`${where}: '${name}' is ${c.type}, so ${step.strategy} is undefined; use most_frequent or constant.`, { column: name });
      }
      const fill = step.strategy === 'constant' ? String(step.value ?? '(missing)') : (categoryCounts(c)[0]?.[0] ?? '(missing)');
      return { name, fill, indicator };
    }
    const sorted = sortedFinite(c.values);
    let fill: number;
    if (step.strategy === 'constant') fill = typeof step.value === 'number' ? step.value : Number(step.value ?? 0);
    else if (step.strategy === 'mean') fill = sorted.reduce((s, v) => s + v, 0) / sorted.length;
    else if (step.strategy === 'median') fill = quantileSorted(sorted, 0.5);
    else fill = mostFrequentNumber(sorted);
    // A column with no training values at all still needs a finite fill.
    if (!Number.isFinite(fill)) fill = 0;
    return { name, fill, indicator };
  });
  return { kind: 'impute', columns };
}

/** Smallest of the most frequent values (sklearn's tie rule). */
function mostFrequentNumber(sorted: Float64Array): number {
  let best = NaN;
  let bestCount = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > bestCount) {
      best = sorted[i];
      bestCount = j - i;
    }
    i = j;
  }
  return best;
}

export function applyImpute(f: FittedImpute, table: Table, where: string): Table {
  let out = table;
  for (const { name, fill, indicator } of f.columns) {
    const c = findColumn(out, name, where);
    const missing = new Float64Array(out.rowCount);
    let replacement;
    if (isNumeric(c)) {
      const values = new Float64Array(c.values);
      for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) ((values[i] = Number(fill)), (missing[i] = 1));
      replacement = { ...c, values };
    } else {
      replacement = fillString(c, String(fill), missing);
    }
    const extra = indicator ? [floatColumn(`${name}_missing`, missing, 'boolean')] : [];
    out = replaceColumn(out, name, [replacement, ...extra]);
  }
  return out;
}

function fillString(c: StringColumn, fill: string, missing: Float64Array): StringColumn {
  let code = c.dictionary.indexOf(fill);
  const dictionary = code < 0 ? [...c.dictionary, fill] : c.dictionary;
  if (code < 0) code = dictionary.length - 1;
  const codes = new Int32Array(c.codes);
  for (let i = 0; i < codes.length; i++) if (codes[i] < 0) ((codes[i] = code), (missing[i] = 1));
  return { ...c, codes, dictionary };
}
