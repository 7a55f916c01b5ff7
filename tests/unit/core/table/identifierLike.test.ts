import { expect, test } from 'vitest';
import { isIdentifierLike, type IdentifierEvidence } from '../../../../src/core/table';

const base: IdentifierEvidence = { name: 'x', type: 'integer', count: 100, missing: 0, distinct: 100, min: 1, max: 100 };

test.each<[string, Partial<IdentifierEvidence>, boolean]>([
  ['consecutive integers', {}, true],
  ['integers with a few gaps', { min: 10, max: 190 }, true],
  ['a population: integers spread far wider than the rows', { name: 'pop', min: 12_000, max: 9_800_000 }, false],
  ['the same spread under a key name', { name: 'customer_id', min: 12_000, max: 9_800_000 }, true],
  ['a camel-case key name', { name: 'orderId', min: 12_000, max: 9_800_000 }, true],
  ['a name that merely ends in "id"', { name: 'paid', min: 12_000, max: 9_800_000 }, false],
  ['a float measurement, even consecutive', { type: 'float' }, false],
  ['integers with a repeat', { distinct: 99 }, false],
  ['integers with gaps of missing values', { missing: 3 }, false],
  ['text, all distinct', { type: 'text', min: undefined, max: undefined }, true],
  ['categorical, 95 % distinct', { type: 'categorical', distinct: 95 }, true],
  ['categorical, half distinct', { type: 'categorical', distinct: 50 }, false],
  ['too few rows to tell', { count: 8, distinct: 8, max: 8 }, false],
])('%s', (_, change, expected) => {
  expect(isIdentifierLike({ ...base, ...change })).toBe(expected);
});
