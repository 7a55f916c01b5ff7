import { expect, test } from 'vitest';
import { rowStepWords } from '../../../../src/core/explain';

test.each([
  [{ kind: 'deduplicate' as const }, 'duplicate rows removed'],
  [{ kind: 'deduplicate' as const, columns: ['id', 'day'] }, 'rows repeating an earlier row on `id`, `day` removed'],
  [{ kind: 'filter' as const, column: 'age', op: '>=' as const, value: 18 }, 'kept only rows where `age` ≥ 18'],
  [{ kind: 'filter' as const, column: 'status', op: '!=' as const, value: 'test' }, 'kept only rows where `status` ≠ "test"'],
  [{ kind: 'filter' as const, column: 'income', op: 'present' as const }, 'kept only rows where `income` is not missing'],
])('%j', (step, words) => {
  expect(rowStepWords(step)).toBe(words);
});
