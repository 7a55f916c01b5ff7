import { describe, expect, test } from 'vitest';
import reference from '../../../fixtures/recipe/reference.json';
import { fitRecipe, fitYeoJohnson, transformRecipe, yeoJohnson, type Recipe, type Step } from '../../../../src/core/recipe';
import { tableOf } from './tableOf';

const x = reference.x.map((v) => (v === null ? null : v));
const base = (steps: Step[], extra: Record<string, (number | string | null)[]> = {}): Recipe => ({
  version: 1,
  target: 'y',
  task: 'regression',
  steps,
  split: { method: 'random', testFraction: 0.2, seed: 1 },
});
const table = (extra: Record<string, (number | string | null)[]> = {}) =>
  tableOf({ x, ...extra, y: x.map((_, i) => i + 0.5) });

function fitted(steps: Step[], extra?: Record<string, (number | string | null)[]>) {
  return fitRecipe(table(extra), base(steps));
}

describe('impute vs sklearn SimpleImputer', () => {
  test.each(['mean', 'median', 'most_frequent'] as const)('%s', (strategy) => {
    const f = fitted([{ kind: 'impute', columns: ['x'], strategy }]);
    const step = f.steps[0] as Extract<typeof f.steps[0], { kind: 'impute' }>;
    expect(step.columns[0].fill).toBeCloseTo(reference.impute[strategy], 12);
  });
  test('indicator column and string constant fill', () => {
    const t = table({ s: x.map((v, i) => (v === null ? null : i % 2 ? 'a' : 'b')) });
    const recipe = base([
      { kind: 'impute', columns: ['x'], strategy: 'median', indicator: true },
      { kind: 'impute', columns: ['s'], strategy: 'constant', value: '(missing)' },
      { kind: 'encode', columns: ['s'], method: 'onehot' },
    ]);
    const f = fitRecipe(t, recipe);
    expect(f.featureNames).toEqual(['x', 'x_missing', 's=b', 's=a', 's=(missing)']);
    const out = transformRecipe(f, t);
    expect(out.X[4 * 5 + 0]).toBeCloseTo(reference.impute.median, 5);
    expect(Array.from(out.X.subarray(4 * 5 + 1, 4 * 5 + 5))).toEqual([1, 0, 0, 1]);
    expect(() => fitRecipe(t, base([{ kind: 'impute', columns: ['s'], strategy: 'mean' }]))).toThrow(/most_frequent or constant/);
  });
});

describe('scale vs sklearn scalers', () => {
  test.each(['standard', 'minmax', 'robust'] as const)('%s', (method) => {
    const f = fitted([{ kind: 'scale', columns: ['x'], method }]);
    const step = f.steps[0] as Extract<typeof f.steps[0], { kind: 'scale' }>;
    expect(step.columns[0].center).toBeCloseTo(reference.scale[method].center, 12);
    expect(step.columns[0].scale).toBeCloseTo(reference.scale[method].scale, 12);
    const out = transformRecipe(f, table());
    expect(out.X[0]).toBeCloseTo(((x[0] as number) - step.columns[0].center) / step.columns[0].scale, 5);
  });
  test('a constant column scales by 1, as sklearn does', () => {
    const f = fitRecipe(tableOf({ c: [3, 3, 3], y: [1, 2, 3.5] }), { ...base([{ kind: 'scale', columns: ['c'], method: 'standard' }]) });
    expect(f.steps[0]).toMatchObject({ columns: [{ center: 3, scale: 1 }] });
  });
});

describe('power', () => {
  test('yeo-johnson λ matches sklearn PowerTransformer(standardize=False)', () => {
    expect(fitYeoJohnson(x.filter((v): v is number => v !== null))).toBeCloseTo(reference.yeoJohnsonLambda.x, 6);
    const lambda = fitYeoJohnson(reference.xSigned);
    expect(lambda).toBeCloseTo(reference.yeoJohnsonLambda.xSigned, 6);
    reference.xSigned.forEach((v, i) => expect(yeoJohnson(v, lambda)).toBeCloseTo(reference.yeoJohnsonTransformed[i], 5));
  });
  test('log shifts negative training minimums to zero', () => {
    const t = tableOf({ v: [-2, 0, 5], y: [1, 2, 3.5] });
    const f = fitRecipe(t, base([{ kind: 'power', columns: ['v'], method: 'log' }]));
    expect(f.steps[0]).toMatchObject({ columns: [{ shift: 2 }] });
    expect(Array.from(transformRecipe(f, tableOf({ v: [-5, 0, 5], y: [1, 2, 3.5] })).X)).toEqual(
      [0, Math.log1p(2), Math.log1p(7)].map(Math.fround),
    );
  });
});

test('clip bounds are numpy linear quantiles of the training rows', () => {
  const f = fitted([{ kind: 'clip', columns: ['x'], lower: 0.05, upper: 0.95 }]);
  expect(f.steps[0]).toMatchObject({ columns: [{ lower: expect.closeTo(reference.clip.lower, 12), upper: expect.closeTo(reference.clip.upper, 12) }] });
});

describe('encode', () => {
  const t = tableOf({ c: ['b', 'a', 'b', 'c', null, 'b', 'a'], y: [1, 2, 3, 4, 5, 6, 7.5] });
  test('onehot topK adds (other), unseen → (other), missing → zeros', () => {
    const f = fitRecipe(t, base([{ kind: 'encode', columns: ['c'], method: 'onehot', topK: 2 }]));
    expect(f.featureNames).toEqual(['c=b', 'c=a', 'c=(other)']);
    const out = transformRecipe(f, tableOf({ c: ['a', 'zzz', null], y: [1, 2, 3] }));
    expect(Array.from(out.X)).toEqual([0, 1, 0, 0, 0, 1, 0, 0, 0]);
  });
  test('ordinal uses the sorted vocabulary, -1 for unseen/missing; embedding is 1-based with 0 reserved', () => {
    const ord = fitRecipe(t, base([{ kind: 'encode', columns: ['c'], method: 'ordinal' }]));
    expect(Array.from(transformRecipe(ord, tableOf({ c: ['c', 'a', 'q', null], y: [1, 2, 3, 4] })).X)).toEqual([2, 0, -1, -1]);
    const emb = fitRecipe(t, base([{ kind: 'encode', columns: ['c'], method: 'embedding' }]));
    expect(emb.embeddings).toEqual([{ feature: 0, size: 4 }]);
    expect(Array.from(transformRecipe(emb, tableOf({ c: ['b', 'a', 'q', null], y: [1, 2, 3, 4] })).X)).toEqual([1, 2, 0, 0]);
  });
  test('an unencoded string column fails with a remedy', () => {
    expect(() => fitRecipe(t, base([]))).toThrow(/add an encode step/);
  });
});

test('datetime expands UTC parts with cyclic sin/cos', () => {
  const t = tableOf({ when: ['2024-03-10T06:00:00Z', '2023-12-31T18:00:00Z'], y: [1, 2.5] }, { when: 'datetime' });
  const f = fitRecipe(t, base([{ kind: 'datetime', columns: ['when'], parts: ['year', 'month', 'hour'], cyclic: true }]));
  expect(f.featureNames).toEqual(['when_year', 'when_month_sin', 'when_month_cos', 'when_hour_sin', 'when_hour_cos']);
  const X = transformRecipe(f, t).X;
  expect(X[0]).toBe(2024);
  expect(X[1]).toBeCloseTo(Math.sin((2 * Math.PI * 3) / 12), 6);
  expect(X[3]).toBeCloseTo(1, 6);
  expect(X[5]).toBe(2023);
});

test('derive evaluates an arquero expression string and drop removes columns', () => {
  const t = tableOf({ a: [1, 2, 3], b: [10, 20, 30], y: [1, 2, 3.5] });
  const f = fitRecipe(t, base([{ kind: 'derive', name: 'ratio', expression: 'd => d.b / d.a + op.abs(-1)' }, { kind: 'drop', columns: ['b'] }]));
  expect(f.featureNames).toEqual(['a', 'ratio']);
  expect(Array.from(transformRecipe(f, t).X)).toEqual([1, 11, 2, 11, 3, 11]);
  expect(() => fitRecipe(t, base([{ kind: 'scale', columns: ['nope'], method: 'standard' }]))).toThrow(/Step 1 \(scale\) names column 'nope'/);
});

test('rows with a missing target are excluded and counted; unseen classes too', () => {
  const t = tableOf({ a: [1, 2, 3, 4], y: ['p', null, 'q', 'p'] });
  const recipe: Recipe = { ...base([]), task: 'binary' };
  const f = fitRecipe(t, recipe, [0, 1, 2]);
  expect(f.classes).toEqual(['p', 'q']);
  expect(f.trainRows).toBe(2);
  const out = transformRecipe(f, tableOf({ a: [1, 2, 3, 4], y: ['p', null, 'r', 'q'] }));
  expect(out).toMatchObject({ n: 2, missingTarget: 1, unseenClass: 1 });
  expect(Array.from(out.y!)).toEqual([0, 1]);
  expect(Array.from(out.rows)).toEqual([0, 3]);
});

describe('wrong columns are named, with the file and the likely meaning', () => {
  test('a target spelled in another case suggests the column; a name like none asks to check the spelling', () => {
    const t = tableOf({ Species: ['a', 'b', 'a', 'b'], x: [1, 2, 3, 4] }, {}, 'penguins.json');
    const recipe = (target: string): Recipe => ({ ...base([]), target, task: 'binary' });
    expect(() => fitRecipe(t, recipe('species'))).toThrow("Target column 'species' is not in 'penguins.json' (columns: 'Species', 'x'). Did you mean 'Species'?");
    expect(() => fitRecipe(t, recipe('weight'))).toThrow("Target column 'weight' is not in 'penguins.json' (columns: 'Species', 'x'). Check the spelling and case.");
  });

  test('a file without the columns the model was trained with is named', () => {
    const f = fitted([]);
    expect(() => transformRecipe(f, tableOf({ z: [1, 2] }, {}, 'new-rows.csv'))).toThrow("'new-rows.csv' lacks column(s) 'x' that the model was trained with; add them (empty is fine) or retrain on this file's columns.");
  });
});
