import { expect, test } from 'vitest';
import { isDropped, withColumnDropped } from '../../../../src/core/recipe/dropColumn';
import type { Step } from '../../../../src/core/recipe';

test('the column joins the first drop step', () => {
  const steps: Step[] = [{ kind: 'deduplicate' }, { kind: 'drop', columns: ['id'] }, { kind: 'scale', method: 'standard', columns: ['x'] }];
  const next = withColumnDropped(steps, 'refund');
  expect(next[1]).toEqual({ kind: 'drop', columns: ['id', 'refund'] });
  expect(steps[1]).toEqual({ kind: 'drop', columns: ['id'] });
  expect(isDropped(next, 'refund')).toBe(true);
  expect(withColumnDropped(next, 'refund')).toEqual(next);
});

test('without a drop step, one is added after the row steps', () => {
  const steps: Step[] = [{ kind: 'filter', column: 'x', op: 'present' }, { kind: 'scale', method: 'standard', columns: ['x'] }];
  expect(withColumnDropped(steps, 'refund').map((s) => s.kind)).toEqual(['filter', 'drop', 'scale']);
  expect(withColumnDropped([], 'refund')).toEqual([{ kind: 'drop', columns: ['refund'] }]);
});

test('later steps stop naming the dropped column, and a step left empty goes', () => {
  const steps: Step[] = [
    { kind: 'impute', strategy: 'median', columns: ['fare', 'alive'] },
    { kind: 'encode', method: 'onehot', columns: ['alive'] },
    { kind: 'derive', name: 'rich', expression: 'd => d.fare > 50' },
    { kind: 'scale', method: 'standard', columns: ['fare'] },
  ];
  expect(withColumnDropped(steps, 'alive')).toEqual([
    { kind: 'drop', columns: ['alive'] },
    { kind: 'impute', strategy: 'median', columns: ['fare'] },
    { kind: 'derive', name: 'rich', expression: 'd => d.fare > 50' },
    { kind: 'scale', method: 'standard', columns: ['fare'] },
  ]);
  // A column used before a late drop step keeps those uses: the drop comes after them.
  const late: Step[] = [{ kind: 'impute', strategy: 'median', columns: ['alive'] }, { kind: 'drop', columns: ['id'] }, { kind: 'scale', method: 'standard', columns: ['alive', 'x'] }];
  expect(withColumnDropped(late, 'alive')).toEqual([late[0], { kind: 'drop', columns: ['id', 'alive'] }, { kind: 'scale', method: 'standard', columns: ['x'] }]);
});
