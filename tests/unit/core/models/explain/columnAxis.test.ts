import { expect, test } from 'vitest';
import { columnAxis, groupValue, inverseYeoJohnson, toColumnUnits } from '../../../../../src/core/models/explain/columnAxis';
import { yeoJohnson, type FittedRecipe } from '../../../../../src/core/recipe';

const fitted: FittedRecipe = {
  version: 1,
  target: 'y',
  task: 'regression',
  inputSchema: [
    { name: 'income', type: 'float' },
    { name: 'city', type: 'categorical' },
    { name: 'when', type: 'datetime' },
  ],
  steps: [
    { kind: 'impute', columns: [{ name: 'income', fill: 10, indicator: true }] },
    { kind: 'power', method: 'log', columns: [{ name: 'income', shift: 1 }] },
    { kind: 'scale', method: 'standard', columns: [{ name: 'income', center: 2, scale: 0.5 }] },
    { kind: 'encode', method: 'onehot', columns: [{ name: 'city', vocabulary: ['Oslo', 'Lima'], other: true }] },
    { kind: 'datetime', parts: ['year', 'month'], cyclic: false, columns: ['when'] },
  ],
  featureNames: ['income', 'income_missing', 'city=Oslo', 'city=Lima', 'city=(other)', 'when_year', 'when_month'],
  embeddings: [],
  trainRows: 4,
};
// Rows: income (model units), missing flag, one-hot city, date parts.
const X = Float32Array.from([-1, 0, 1, 0, 0, 2020, 1, 0, 0, 0, 1, 0, 2021, 2, 1, 1, 0, 1, 0, 2022, 3, 0.5, 0, 0, 1, 0, 2023, 4]);

test('toColumnUnits undoes scale then log: model value → the column’s own units', () => {
  const back = toColumnUnits(fitted, 'income');
  const forward = (v: number) => (Math.log1p(v + 1) - 2) / 0.5;
  for (const v of [0, 3, 100]) expect(back(forward(v))).toBeCloseTo(v, 9);
});

test('inverseYeoJohnson inverts yeoJohnson on both sides of zero', () => {
  for (const lambda of [0, 0.5, 2, 2.5]) for (const x of [-3, -0.2, 0, 0.7, 9]) expect(inverseYeoJohnson(yeoJohnson(x, lambda), lambda)).toBeCloseTo(x, 9);
});

test('columnAxis: a numeric grid in original units with the missing flag held at 0', () => {
  const axis = columnAxis(fitted, { name: 'income', columns: [0, 1] }, X, 4);
  if ('reason' in axis) throw new Error(axis.reason);
  expect(axis.kind).toBe('numeric');
  expect(axis.grid[0].columns).toEqual([0, 1]);
  expect(axis.grid.every((p) => p.values[1] === 0)).toBe(true);
  expect(axis.x).toEqual(axis.grid.map((p) => toColumnUnits(fitted, 'income')(p.values[0])));
});

test('columnAxis: one point per category, most frequent first, setting every one-hot column', () => {
  const axis = columnAxis(fitted, { name: 'city', columns: [2, 3, 4] }, X, 4);
  if ('reason' in axis) throw new Error(axis.reason);
  expect(axis.labels).toEqual(['Lima', 'Oslo', '(other)']);
  expect(axis.grid[0]).toEqual({ columns: [2, 3, 4], values: [0, 1, 0] });
});

test('columnAxis says why a date split into parts has no curve; groupValue reads values back', () => {
  expect(columnAxis(fitted, { name: 'when', columns: [5, 6] }, X, 4)).toMatchObject({ column: 'when', reason: expect.stringMatching(/several model inputs/) });
  expect(groupValue(fitted, { name: 'city', columns: [2, 3, 4] }, X.subarray(7, 14))).toEqual({ value: NaN, text: 'Lima' });
  expect(groupValue(fitted, { name: 'income', columns: [0, 1] }, X.subarray(14, 21))).toEqual({ value: NaN, text: 'missing' });
  expect(groupValue(fitted, { name: 'when', columns: [5, 6] }, X.subarray(0, 7)).text).toBe('');
});

// A Yes/No column fed to the model as 0/1 (its file wrote "no"/"yes"), and a true/false one.
const flags: FittedRecipe = {
  version: 1,
  target: 'y',
  task: 'binary',
  inputSchema: [
    { name: 'alive', type: 'boolean', format: 'no/yes' },
    { name: 'alone', type: 'boolean' },
  ],
  steps: [{ kind: 'impute', columns: [{ name: 'alive', fill: 0, indicator: false }, { name: 'alone', fill: 1, indicator: false }] }],
  featureNames: ['alive', 'alone'],
  embeddings: [],
  trainRows: 4,
};
const B = Float32Array.from([0, 1, 1, 1, 1, 0, 0, 0]);

test('columnAxis: a boolean column is two categories in its own words, not a line from 0 to 1', () => {
  const axis = columnAxis(flags, { name: 'alive', columns: [0] }, B, 4);
  if ('reason' in axis) throw new Error(axis.reason);
  expect(axis).toMatchObject({ kind: 'category', labels: ['no', 'yes'], x: [0, 1] });
  expect(axis.grid).toEqual([{ columns: [0], values: [0] }, { columns: [0], values: [1] }]);
  const plain = columnAxis(flags, { name: 'alone', columns: [1] }, B, 4);
  if ('reason' in plain) throw new Error(plain.reason);
  expect(plain.labels).toEqual(['false', 'true']);
});

test('groupValue: a boolean row value reads as its word', () => {
  expect(groupValue(flags, { name: 'alive', columns: [0] }, B.subarray(2, 4))).toEqual({ value: 1, text: 'yes' });
  expect(groupValue(flags, { name: 'alone', columns: [1] }, B.subarray(4, 6))).toEqual({ value: 0, text: 'false' });
  // One-hot encoded, the column's categories speak instead.
  const encoded: FittedRecipe = { ...flags, steps: [{ kind: 'encode', method: 'ordinal', columns: [{ name: 'alive', vocabulary: ['no', 'yes'], other: false }] }] };
  expect(groupValue(encoded, { name: 'alive', columns: [0] }, B.subarray(2, 4)).text).toBe('yes');
});

test('columnAxis: a log-scaled whole-number column reads back as whole numbers, 0 included', () => {
  const counts: FittedRecipe = {
    version: 1,
    target: 'y',
    task: 'regression',
    inputSchema: [{ name: 'sibsp', type: 'integer' }],
    steps: [
      { kind: 'power', method: 'log', columns: [{ name: 'sibsp', shift: 0 }] },
      { kind: 'scale', method: 'standard', columns: [{ name: 'sibsp', center: 0.31, scale: 0.47 }] },
    ],
    featureNames: ['sibsp'],
    embeddings: [],
    trainRows: 6,
  };
  // The values as the recipe leaves them, in float32 as X holds them.
  const model = Float32Array.from([0, 1, 2, 3, 5, 8], (v) => (Math.log1p(v) - 0.31) / 0.47);
  const axis = columnAxis(counts, { name: 'sibsp', columns: [0] }, model, 6, 6);
  if ('reason' in axis) throw new Error(axis.reason);
  expect(axis.x[0]).toBe(0);
  expect(axis.x.every(Number.isInteger)).toBe(true);
});
