/** A target derived by a yes/no rule: its column, its place in the recipe, and its journey through JSON. */
import { describe, expect, test } from 'vitest';
import { parseRecipe, proposeRecipe, withTargetRule, type Recipe, type TargetRule } from '../../../../src/core/recipe';
import { deriveTargetColumn, describeTargetRule, recipeWithTargetRule, sourceDropReason } from '../../../../src/core/recipe/targetRule';
import { runExperiment, disposeModel } from '../../../../src/core/models';
import { penguins, tableOf } from './tableOf';

const numbers = tableOf({ delay: [1, 5, 10, null, 15, 20] });
const words = tableOf({ carrier: ['AA', 'UA', null, 'DL', 'AA', 'WN'] });
const codes = (t: ReturnType<typeof tableOf>, rule: TargetRule) => Array.from(deriveTargetColumn(t, 'y', rule).codes);

describe('deriveTargetColumn', () => {
  test.each<[TargetRule['op'], number | undefined, number[]]>([
    ['>', 10, [0, 0, 0, -1, 1, 1]],
    ['>=', 10, [0, 0, 1, -1, 1, 1]],
    ['<', 10, [1, 1, 0, -1, 0, 0]],
    ['<=', 10, [1, 1, 1, -1, 0, 0]],
    ['=', 5, [0, 1, 0, -1, 0, 0]],
    ['!=', 5, [1, 0, 1, -1, 1, 1]],
    ['missing', undefined, [0, 0, 0, 1, 0, 0]],
  ])('numbers, delay %s %s: yes where it holds, unknown where delay is missing', (op, value, expected) => {
    expect(codes(numbers, { column: 'delay', op, ...(value === undefined ? {} : { value }) })).toEqual(expected);
  });

  test('a number typed as text compares as a number; "is one of" takes several', () => {
    expect(codes(numbers, { column: 'delay', op: '>', value: '10' })).toEqual([0, 0, 0, -1, 1, 1]);
    expect(codes(numbers, { column: 'delay', op: 'oneOf', values: ['1', '20'] })).toEqual([1, 0, 0, -1, 0, 1]);
  });

  test('categories: =, ≠, is one of, is missing', () => {
    expect(codes(words, { column: 'carrier', op: '=', value: 'AA' })).toEqual([1, 0, -1, 0, 1, 0]);
    expect(codes(words, { column: 'carrier', op: '!=', value: 'AA' })).toEqual([0, 1, -1, 1, 0, 1]);
    expect(codes(words, { column: 'carrier', op: 'oneOf', values: ['UA', 'WN', 'XX'] })).toEqual([0, 1, -1, 0, 0, 1]);
    expect(codes(words, { column: 'carrier', op: 'missing' })).toEqual([0, 0, 1, 0, 0, 0]);
  });

  test('the column is categorical no/yes, so "yes" is the positive class', () => {
    const c = deriveTargetColumn(numbers, 'late', { column: 'delay', op: '>', value: 10 });
    expect(c).toMatchObject({ name: 'late', type: 'categorical', dictionary: ['no', 'yes'] });
  });

  test.each<[string, ReturnType<typeof tableOf>, string, TargetRule, RegExp]>([
    ['an order on text', words, 'y', { column: 'carrier', op: '>', value: 'AA' }, /text has no order/],
    ['a value that is not a number', numbers, 'y', { column: 'delay', op: '>', value: 'soon' }, /not a number/],
    ['an unknown column', numbers, 'y', { column: 'delays', op: '>', value: 1 }, /'delays', which is not in/],
    ['a name already taken', numbers, 'delay', { column: 'delay', op: '>', value: 1 }, /already has a column 'delay'/],
    ['an empty name', numbers, ' ', { column: 'delay', op: '>', value: 1 }, /needs a name/],
    ['an empty list', words, 'y', { column: 'carrier', op: 'oneOf', values: [] }, /no values/],
  ])('refuses %s with a message', (_, table, name, rule, message) => {
    expect(() => deriveTargetColumn(table, name, rule)).toThrow(message);
  });
});

describe('recipeWithTargetRule', () => {
  const rule: TargetRule = { column: 'Body Mass (g)', op: '>', value: 4000 };
  const table = withTargetRule(penguins(), { target: 'heavy', targetRule: rule } as Recipe);
  const recipe = recipeWithTargetRule(proposeRecipe(table, undefined, 'heavy'), rule);

  test('drops the source column first, takes it out of every other step, and records the rule', () => {
    expect(recipe.targetRule).toEqual(rule);
    const drop = recipe.steps.find((s) => s.kind === 'drop');
    expect(drop && 'columns' in drop ? drop.columns : []).toContain('Body Mass (g)');
    const others = recipe.steps.filter((s) => s.kind !== 'drop' && 'columns' in s && s.columns?.includes('Body Mass (g)'));
    expect(others).toEqual([]);
    expect(sourceDropReason('heavy', rule)).toBe('“Body Mass (g)” is dropped from the features: “heavy” is computed from it, so it would give the answer away.');
    expect(describeTargetRule(rule)).toBe('yes when Body Mass (g) > 4000, otherwise no');
  });

  test('survives JSON and parseRecipe unchanged; a bad rule is refused', () => {
    expect(parseRecipe(JSON.parse(JSON.stringify(recipe)))).toEqual(recipe);
    expect(() => parseRecipe({ ...recipe, targetRule: { column: 'x', op: '~' } }, 'link')).toThrow(/"op" "~"; use one of/);
    expect(() => parseRecipe({ ...recipe, targetRule: { column: 'x', op: '>' } }, 'link')).toThrow(/needs "value"/);
  });

  test('a run from the raw file derives the same target, and the source is not a feature', async () => {
    const raw = penguins();
    expect(raw.columns.some((c) => c.name === 'heavy')).toBe(false);
    const spec = { kind: 'logistic' as const, seed: 3, options: { epochs: 3 } };
    const fromRaw = await runExperiment(raw, recipe, spec);
    const fromOpen = await runExperiment(table, recipe, spec);
    try {
      expect(fromRaw.fitted.classes).toEqual(['no', 'yes']);
      expect(fromRaw.fitted.featureNames).not.toContain('Body Mass (g)');
      expect(fromRaw.metrics).toEqual(fromOpen.metrics);
      expect(fromRaw.rows).toEqual(fromOpen.rows);
    } finally {
      disposeModel(fromRaw.model);
      disposeModel(fromOpen.model);
    }
  }, 60_000);
});
