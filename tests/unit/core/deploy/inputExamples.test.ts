import { describe, expect, test } from 'vitest';
import { inputExamples } from '../../../../src/core/deploy/inputExamples';
import { exampleTable } from '../../../../src/core/deploy/exampleTable';
import type { FittedRecipe } from '../../../../src/core/recipe';

const fitted = {
  task: 'binary',
  target: 'y',
  classes: ['no', 'yes'],
  trainRows: 10,
  inputSchema: [
    { name: 'id', type: 'identifier' },
    { name: 'age', type: 'integer' },
    { name: 'income', type: 'float' },
    { name: 'score', type: 'float' },
    { name: 'city', type: 'categorical' },
    { name: 'joined', type: 'datetime', format: 'DD.MM.YYYY' },
    { name: 'member', type: 'boolean' },
    { name: 'renewed', type: 'boolean', format: 'No/Yes' },
  ],
  steps: [
    { kind: 'drop', columns: ['id'] },
    { kind: 'impute', columns: [{ name: 'age', fill: 41.6, indicator: false }] },
    { kind: 'scale', method: 'standard', columns: [{ name: 'income', center: 52345.678, scale: 10 }] },
    { kind: 'clip', columns: [{ name: 'score', lower: 0, upper: 10 }] },
    { kind: 'encode', method: 'onehot', columns: [{ name: 'city', vocabulary: ['Lyon', 'Paris'], other: true }] },
    { kind: 'datetime', parts: ['year'], cyclic: false, columns: ['joined'] },
  ],
  featureNames: [],
} as unknown as FittedRecipe;

describe('inputExamples', () => {
  const byName = Object.fromEntries(inputExamples(fitted).map((e) => [e.name, e]));

  test('leaves out columns the recipe drops first, as the scorer does', () => {
    expect(byName.id).toBeUndefined();
  });

  test('numbers come from what the recipe learned: the fill, the centre, the clip range', () => {
    expect(byName.age.example).toBe(42);
    expect(byName.income.example).toBe(52350);
    expect(byName.score.example).toBe(5);
  });

  test('categories come from the vocabulary, dates in the recorded shape, booleans as true', () => {
    expect(byName.city).toMatchObject({ example: 'Lyon', categories: ['Lyon', 'Paris'] });
    expect(byName.joined.example).toBe('01.05.2024');
    expect(byName.member.example).toBe(true);
    // A Yes/No column's example is its own word for true.
    expect(byName.renewed.example).toBe('Yes');
  });
});

describe('exampleTable', () => {
  test('one column per required input, categories cycling, numbers spread around the typical value', () => {
    const table = exampleTable(fitted, 12);
    expect(table.rowCount).toBe(12);
    expect(table.columns.map((c) => c.name)).toEqual(['age', 'income', 'score', 'city', 'joined', 'member', 'renewed']);
    const city = table.columns.find((c) => c.name === 'city')!;
    expect('codes' in city && [...city.codes].map((k) => city.dictionary[k])).toEqual(['Lyon', 'Paris', 'Lyon', 'Paris', 'Lyon', 'Paris', 'Lyon', 'Paris', 'Lyon', 'Paris', 'Lyon', 'Paris']);
    const age = table.columns.find((c) => c.name === 'age')!;
    expect('values' in age && new Set(age.values).size).toBeGreaterThan(5);
  });
});
