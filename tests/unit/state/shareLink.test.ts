/** An experiment link carries a derived target's rule, so the link reproduces the run from the raw file. */
import { expect, test } from 'vitest';
import { experimentUrl, readExperiment } from '../../../src/state/shareLink';
import type { Recipe } from '../../../src/core/recipe';

const recipe: Recipe = {
  version: 1,
  target: 'heavy',
  task: 'binary',
  steps: [{ kind: 'drop', columns: ['Body Mass (g)'] }],
  split: { method: 'stratified', testFraction: 0.2, seed: 42 },
  targetRule: { column: 'Body Mass (g)', op: '>', value: 4000 },
};

test('the rule survives the link exactly', () => {
  const url = experimentUrl({ sample: 'penguins', recipe, spec: { kind: 'gbdt', options: {}, seed: 7 } }, 'http://localhost/');
  const link = readExperiment(new URL(url).searchParams)!;
  expect(link.recipe).toEqual(recipe);
  expect(link.sample).toBe('penguins');
});

test('a link whose rule is damaged is refused with the reason', () => {
  const url = experimentUrl({ recipe: { ...recipe, targetRule: { column: 'Body Mass (g)', op: 'oneOf' } }, spec: { kind: 'gbdt', options: {}, seed: 7 } }, 'http://localhost/');
  expect(() => readExperiment(new URL(url).searchParams)).toThrow(/"oneOf" needs "values"/);
});
