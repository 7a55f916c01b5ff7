/**
 * forTrees: the recipe tree models train on by default — no scaling, no mean/median imputation,
 * categories as ordinal codes — with each change said in words; and `recipeFor`, which applies
 * it only to tree kinds whose `recipeSteps` is not `as-written`.
 */
import { describe, expect, test } from 'vitest';
import { recipeFor } from '../../../../src/core/models/experiment';
import type { ModelSpec } from '../../../../src/core/models/types';
import { forTrees } from '../../../../src/core/recipe/forTrees';
import type { Recipe, Step } from '../../../../src/core/recipe/types';

const recipeOf = (steps: Step[]): Recipe => ({ version: 1, target: 'y', task: 'binary', steps, split: { method: 'stratified', testFraction: 0.2, seed: 42 } });

const kept: Step[] = [
  { kind: 'drop', columns: ['id'] },
  { kind: 'impute', columns: ['city'], strategy: 'constant', value: '(missing)' },
  { kind: 'impute', columns: ['n_children'], strategy: 'most_frequent' },
  { kind: 'encode', columns: ['grade'], method: 'ordinal' },
  { kind: 'datetime', columns: ['signed'], parts: ['year', 'month'] },
  { kind: 'power', columns: ['income'], method: 'log' },
  { kind: 'clip', columns: ['age'], lower: 0.05 },
  { kind: 'derive', name: 'bmi', expression: 'd => d.w / (d.h * d.h)' },
];

describe('forTrees', () => {
  test.each([
    { step: { kind: 'scale', columns: ['age', 'income'], method: 'standard' } as Step, change: 'Skips scaling of “age”, “income”: trees split on order, not size.' },
    { step: { kind: 'scale', columns: ['age'], method: 'robust' } as Step, change: 'Skips scaling of “age”: trees split on order, not size.' },
    { step: { kind: 'impute', columns: ['age'], strategy: 'mean' } as Step, change: 'Skips filling missing values of “age”: trees learn which side of each split they go.' },
    { step: { kind: 'impute', columns: ['a', 'b'], strategy: 'median', indicator: true } as Step, change: 'Skips filling missing values of “a”, “b”: trees learn which side of each split they go.' },
  ])('leaves out $step.kind ($step.columns)', ({ step, change }) => {
    const { recipe, changes } = forTrees(recipeOf([kept[0], step, kept[1]]));
    expect(recipe.steps).toEqual([kept[0], kept[1]]);
    expect(changes).toEqual([change]);
  });

  test.each([
    { method: 'onehot' as const, words: 'one-hot columns' },
    { method: 'embedding' as const, words: 'embeddings' },
  ])('a $method encoding becomes ordinal codes', ({ method, words }) => {
    const { recipe, changes } = forTrees(recipeOf([{ kind: 'encode', columns: ['city', 'grade'], method, topK: 20 }]));
    expect(recipe.steps).toEqual([{ kind: 'encode', columns: ['city', 'grade'], method: 'ordinal' }]);
    expect(changes).toEqual([`Splits “city”, “grade” as categories instead of ${words}.`]);
  });

  test('every other step is kept as written, in order, with no changes reported', () => {
    const original = recipeOf(kept);
    const { recipe, changes } = forTrees(original);
    expect(recipe).toEqual(original);
    expect(changes).toEqual([]);
  });

  test('a proposed-style recipe: one change per adapted step, the rest in place, the input untouched', () => {
    const steps: Step[] = [
      kept[0],
      { kind: 'impute', columns: ['age'], strategy: 'median', indicator: true },
      { kind: 'impute', columns: ['income'], strategy: 'median' },
      kept[1],
      { kind: 'encode', columns: ['city'], method: 'onehot', topK: 20 },
      { kind: 'scale', columns: ['age', 'income'], method: 'standard' },
    ];
    const original = recipeOf(steps);
    const copy = structuredClone(original);
    const { recipe, changes } = forTrees(original);
    expect(recipe.steps).toEqual([kept[0], kept[1], { kind: 'encode', columns: ['city'], method: 'ordinal' }]);
    expect(changes).toHaveLength(4);
    expect(changes[0]).toMatch(/^Skips filling missing values of “age”/);
    expect(changes[3]).toMatch(/^Skips scaling of “age”, “income”/);
    expect({ ...recipe, steps: original.steps }).toEqual(original);
    expect(original).toEqual(copy);
  });

  test('long column lists are shortened to three names and a count', () => {
    const { changes } = forTrees(recipeOf([{ kind: 'scale', columns: ['a', 'b', 'c', 'd', 'e'], method: 'minmax' }]));
    expect(changes).toEqual(['Skips scaling of “a”, “b”, “c” and 2 more: trees split on order, not size.']);
  });
});

describe('recipeFor', () => {
  const recipe = recipeOf([
    { kind: 'impute', columns: ['age'], strategy: 'mean' },
    { kind: 'encode', columns: ['city'], method: 'onehot' },
    { kind: 'scale', columns: ['age'], method: 'standard' },
  ]);

  test.each<ModelSpec>([
    { kind: 'gbdt' },
    { kind: 'forest', options: { recipeSteps: 'native' } },
  ])('$kind trains on the adapted recipe by default', (spec) => {
    expect(recipeFor(recipe, spec)).toEqual(forTrees(recipe).recipe);
  });

  test.each<ModelSpec>([
    { kind: 'gbdt', options: { recipeSteps: 'as-written' } },
    { kind: 'forest', options: { recipeSteps: 'as-written' } },
    { kind: 'logistic' },
    { kind: 'mlp' },
    { kind: 'linear' },
    { kind: 'baseline' },
  ])('$kind $options leaves the recipe as written', (spec) => {
    expect(recipeFor(recipe, spec)).toBe(recipe);
  });
});
