/** Explore's duplicate advice adds a deduplicate step to the recipe only when the person asks for it. */
import { expect, test } from 'vitest';
import { proposeRecipe } from '../../../src/core/recipe';
import { tableOf } from '../core/recipe/tableOf';
import { PrepareState, type RecipeService } from '../../../src/state/prepare.svelte';

const table = tableOf({ size: [1, 1, 2, 3, 3, 4], price: [2, 2, 4, 6, 6, 8] });

function service(): RecipeService {
  return {
    propose: async (t, target) => ({ recipe: proposeRecipe(t, undefined, target), task: { task: 'regression', reason: '' } as never, missingTarget: 0, groupSuggestion: null, timeSuggestion: null }),
    splitSummary: async () => '',
    validateDerive: async () => ({ ok: true }) as never,
    deriveTarget: async (t) => t,
    preview: async () => ({ featureNames: [], rows: [], fileRows: [], note: '' }),
  };
}

const kinds = (p: PrepareState) => p.recipe!.steps.map((s) => s.kind);

test('the proposal has no deduplicate step; taking the advice puts one first, once', async () => {
  const prepare = new PrepareState(service());
  await prepare.ensure(table, 'price');
  expect(kinds(prepare)).not.toContain('deduplicate');
  prepare.addDeduplicate();
  prepare.addDeduplicate();
  expect(kinds(prepare).filter((k) => k === 'deduplicate')).toHaveLength(1);
  expect(kinds(prepare)[0]).toBe('deduplicate');
});

test('advice taken before Prepare proposed a recipe is applied when it does', async () => {
  const prepare = new PrepareState(service());
  prepare.addDeduplicate();
  await prepare.ensure(table, 'price');
  expect(kinds(prepare)[0]).toBe('deduplicate');
  prepare.forget();
  await prepare.ensure(table, 'price');
  expect(kinds(prepare)).not.toContain('deduplicate');
});
