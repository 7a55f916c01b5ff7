import { ALL_PARTS, datetimeFeatures, type DatetimeFeature } from './datetimeFeatures';
import { booleanWords } from '../table';
import type { FittedRecipe, Recipe } from './types';

const WAVE = { sin: 'sine', cos: 'cosine' } as const;

/** Every feature the recipe's datetime steps make, by name, with its column (a recipe as written uses the step's defaults). */
function dateFeatures(recipe: FittedRecipe | Recipe): Map<string, DatetimeFeature & { column: string }> {
  const out = new Map<string, DatetimeFeature & { column: string }>();
  for (const step of recipe.steps) {
    if (step.kind !== 'datetime') continue;
    for (const column of step.columns) {
      for (const f of datetimeFeatures(column, step.parts ?? ALL_PARTS, step.cyclic ?? true)) out.set(f.feature, { ...f, column });
    }
  }
  return out;
}

/**
 * How each feature of X reads on screen: a datetime step's parts as "date: weekday (cosine)"
 * instead of the matrix name "date_weekday_cos"; every other feature as it is named (one-hot
 * "origin=JFK", words "name:ford" and input columns already read as the user wrote them). Works
 * on a recipe as written too (Prepare's steps name the datetime step's features), with its defaults.
 */
export function featureWords(recipe: FittedRecipe | Recipe): (feature: string) => string {
  const dates = dateFeatures(recipe);
  return (feature) => {
    const f = dates.get(feature);
    return f ? `${f.column}: ${f.part}${f.wave ? ` (${WAVE[f.wave]})` : ''}` : feature;
  };
}

/** Whether `feature` is the sine or cosine of a cyclic date part (a value in [−1, 1]). */
export function isWaveFeature(recipe: FittedRecipe | Recipe, feature: string): boolean {
  return (dateFeatures(recipe).get(feature)?.wave ?? null) !== null;
}

/**
 * The words for false and true of `feature` when it is a boolean input column fed to the model as
 * it is (0 or 1, not encoded): the file's own words ("no"/"yes") or "false"/"true"; else null.
 */
export function booleanFeatureWords(fitted: FittedRecipe, feature: string): [string, string] | null {
  const input = fitted.inputSchema.find((c) => c.name === feature);
  if (!input || input.type !== 'boolean' || !fitted.featureNames.includes(feature)) return null;
  if (fitted.steps.some((s) => s.kind === 'encode' && s.columns.some((c) => c.name === feature))) return null;
  return booleanWords(input);
}
