import type { Recipe, Step } from './types';
import { formatCount } from '../format';
import { featureWords } from './featureWords';

/** What `forTrees` changed, in words for the recipe view. */
export interface TreeAdaptation {
  recipe: Recipe;
  /** One sentence per change; empty when the recipe already suits trees. */
  changes: string[];
}

/**
 * The recipe as tree models use it by default: trees split on order alone, send missing values
 * down a learned side and split categories natively, so scaling, numeric imputation and one-hot
 * columns add nothing (one-hot even hides a category's rows from a single split). Scale steps and
 * mean/median imputation are left out, and one-hot or embedding encodings become ordinal codes.
 */
export function forTrees(recipe: Recipe): TreeAdaptation {
  const changes: string[] = [];
  const steps: Step[] = [];
  const words = featureWords(recipe);
  const list = (columns: string[]) => listed(columns.map(words));
  for (const step of recipe.steps) {
    if (step.kind === 'scale') {
      changes.push(`Skips scaling of ${list(step.columns)}: trees split on order, not size.`);
    } else if (step.kind === 'impute' && (step.strategy === 'mean' || step.strategy === 'median')) {
      changes.push(`Skips filling missing values of ${list(step.columns)}: trees learn which side of each split they go.`);
    } else if (step.kind === 'encode' && step.method !== 'ordinal') {
      changes.push(`Splits ${list(step.columns)} as categories instead of ${step.method === 'onehot' ? 'one-hot columns' : 'embeddings'}.`);
      steps.push({ kind: 'encode', columns: step.columns, method: 'ordinal' });
    } else steps.push(step);
  }
  return { recipe: { ...recipe, steps }, changes };
}

function listed(columns: string[]): string {
  const names = columns.slice(0, 3).map((c) => `“${c}”`);
  const more = columns.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${formatCount(more)} more` : names.join(', ');
}
