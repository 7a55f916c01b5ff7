import { describe, expect, test } from 'vitest';
import { MODELS, backendWords, choiceLabel, maxSteps, stepNoun, treeRecipeChanges, willTrainSentence } from '../../../../src/core/models/catalog';
import type { Recipe } from '../../../../src/core/recipe';

describe('model kinds in words', () => {
  test('steps are rounds, trees or epochs, capped by the matching option or its default', () => {
    expect([stepNoun('gbdt'), stepNoun('forest'), stepNoun('mlp')]).toEqual(['round', 'tree', 'epoch']);
    expect(maxSteps({ kind: 'gbdt' })).toBe(500);
    expect(maxSteps({ kind: 'forest', options: { trees: 40 } })).toBe(40);
    expect(maxSteps({ kind: 'mlp', options: { epochs: 12 } })).toBe(12);
    expect(maxSteps({ kind: 'baseline' })).toBe(0);
  });

  test('trees train in JavaScript; networks name their backend', () => {
    expect(backendWords('gbdt', 'cpu')).toBe('JavaScript');
    expect(backendWords('mlp', 'wasm')).toBe('WASM');
    expect(willTrainSentence('gbdt')).toBe('Will train gradient-boosted trees — usually the most accurate on tables; change it under Model settings.');
  });

  test('choice values read as words', () => {
    const steps = MODELS.gbdt.options.find((o) => o.name === 'recipeSteps')!;
    expect(steps.type === 'choice' && steps.choices.map((c) => choiceLabel(steps, c))).toEqual(['skip what trees do not need', 'apply as written']);
    expect(choiceLabel({ name: 'x', label: 'X', type: 'choice', default: 'a', choices: ['a'], choiceLabels: { a: 'Ay' } }, 'a')).toBe('Ay');
  });

  test('treeRecipeChanges lists what trees skip, unless the recipe is to be applied as written', () => {
    const recipe: Recipe = { version: 1, target: 'y', task: 'binary', split: { method: 'random', testFraction: 0.2, seed: 1 }, steps: [{ kind: 'scale', method: 'standard', columns: ['a'] } as Recipe['steps'][number]] };
    expect(treeRecipeChanges('gbdt', {}, recipe)).toHaveLength(1);
    expect(treeRecipeChanges('gbdt', { recipeSteps: 'as-written' }, recipe)).toEqual([]);
    expect(treeRecipeChanges('mlp', {}, recipe)).toEqual([]);
  });
});
