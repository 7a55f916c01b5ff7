/** A derived target's proposal records its rule and keeps the source column out of the features. */
import { expect, test } from 'vitest';
import { proposeRecipe } from '../../../src/core/recipe';
import { tableOf } from '../core/recipe/tableOf';
import { PrepareState, type RecipeService } from '../../../src/state/prepare.svelte';

const table = tableOf({ size: [1, 1, 2, 3, 3, 4], price: [2, 2, 4, 6, 6, 8] });

function service(): RecipeService {
  return {
    propose: async (t, target) => ({ recipe: proposeRecipe(t, undefined, target), task: { task: 'binary', reason: '' } as never, missingTarget: 0, groupSuggestion: null, timeSuggestion: null }),
    splitSummary: async () => '',
    validateDerive: async () => ({ ok: true }) as never,
    deriveTarget: async (t) => t,
    preview: async () => ({ featureNames: [], rows: [], fileRows: [], note: '' }),
  };
}

test('a derived target: its proposal records the rule and drops the source column, with no other step on it', async () => {
  const prepare = new PrepareState(service());
  const rule = { column: 'size', op: '>' as const, value: 2 };
  const derived = { ...table, columns: [...table.columns, tableOf({ big: ['no', 'no', 'no', 'yes', 'yes', 'yes'] }).columns[0]] };
  expect(await prepare.deriveTarget(derived, 'big', rule)).toBe(derived);
  await prepare.ensure(derived, 'big');
  expect(prepare.recipe!.targetRule).toEqual(rule);
  expect(prepare.recipe!.steps.filter((s) => 'columns' in s && s.columns?.includes('size')).map((s) => s.kind)).toEqual(['drop']);
  expect(prepare.proposed!.targetRule).toEqual(rule);
});

test('a rule the worker refuses is shown as an error, and nothing is derived', async () => {
  const prepare = new PrepareState({ ...service(), deriveTarget: async () => Promise.reject(new Error("The target rule for 'big' reads column 'sizes', which is not in 't'.")) });
  expect(await prepare.deriveTarget(table, 'big', { column: 'sizes', op: '>', value: 2 })).toBeNull();
  expect(prepare.error).toEqual({ title: 'The target "big" could not be derived', message: "The target rule for 'big' reads column 'sizes', which is not in 't'." });
});

test('a derived column leaves the table once another target is chosen, so no other recipe reads it', async () => {
  const prepare = new PrepareState(service());
  const big = tableOf({ big: ['no', 'no', 'no', 'yes', 'yes', 'yes'] }).columns[0];
  const derived = { ...table, columns: [...table.columns, big] };
  await prepare.deriveTarget(derived, 'big', { column: 'size', op: '>', value: 2 });
  expect(prepare.withoutDerived(derived, 'big')).toBe(derived);
  expect(prepare.withoutDerived(derived, 'price').columns.map((c) => c.name)).toEqual(['size', 'price']);
  expect(prepare.withoutDerived(table, null)).toBe(table);
});

test('deriving the same name again with another rule proposes again, with the new rule', async () => {
  const prepare = new PrepareState(service());
  const big = tableOf({ big: ['no', 'no', 'no', 'yes', 'yes', 'yes'] }).columns[0];
  const derived = { ...table, columns: [...table.columns, big] };
  await prepare.deriveTarget(derived, 'big', { column: 'size', op: '>', value: 2 });
  await prepare.ensure(derived, 'big');
  await prepare.deriveTarget(derived, 'big', { column: 'size', op: '>=', value: 3 });
  await prepare.ensure(derived, 'big');
  expect(prepare.recipe!.targetRule).toEqual({ column: 'size', op: '>=', value: 3 });
});
