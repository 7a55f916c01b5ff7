/** The recipe worker's service, called without a worker: a derived target joins its table, and the preview reads it. */
import { expect, test } from 'vitest';
import { recipeService } from '../../../../src/core/recipe';
import { recipeWithTargetRule } from '../../../../src/core/recipe/targetRule';
import { penguins } from './tableOf';

test('deriveTarget adds the column to the worker\'s table; propose and preview then use it', () => {
  const service = recipeService();
  service.setTable(penguins());
  const rule = { column: 'Body Mass (g)', op: '>' as const, value: 4000 };
  const column = service.deriveTarget('heavy', rule);
  expect(column.name).toBe('heavy');
  const { recipe, task } = service.propose('heavy');
  expect(task.task).toBe('binary');
  const preview = service.preview(recipeWithTargetRule(recipe, rule), { rows: 3 });
  expect(preview.rows).toHaveLength(3);
  expect(preview.featureNames).not.toContain('Body Mass (g)');
  expect(() => service.deriveTarget('heavy', rule)).toThrow(/already has a column 'heavy'/);
});
