import { ALL_PARTS, datetimeFeatures } from './datetimeFeatures';
import type { FittedRecipe, Recipe } from './types';

const WAVE = { sin: 'sine', cos: 'cosine' } as const;

/**
 * How each feature of X reads on screen: a datetime step's parts as "date: weekday (cosine)"
 * instead of the matrix name "date_weekday_cos"; every other feature as it is named (one-hot
 * "origin=JFK", words "name:ford" and input columns already read as the user wrote them). Works
 * on a recipe as written too (Prepare's steps name the datetime step's features), with its defaults.
 */
export function featureWords(recipe: FittedRecipe | Recipe): (feature: string) => string {
  const words = new Map<string, string>();
  for (const step of recipe.steps) {
    if (step.kind !== 'datetime') continue;
    for (const column of step.columns) {
      for (const f of datetimeFeatures(column, step.parts ?? ALL_PARTS, step.cyclic ?? true)) words.set(f.feature, `${column}: ${f.part}${f.wave ? ` (${WAVE[f.wave]})` : ''}`);
    }
  }
  return (feature) => words.get(feature) ?? feature;
}

/** Whether `feature` is the sine or cosine of a cyclic date part (a value in [−1, 1]). */
export function isWaveFeature(fitted: FittedRecipe, feature: string): boolean {
  return fitted.steps.some((step) => step.kind === 'datetime' && step.cyclic && step.columns.some((c) => datetimeFeatures(c, step.parts, true).some((f) => f.wave !== null && f.feature === feature)));
}
