import { expect, test } from 'vitest';
import { compareToBaseline, featureGrid, partialDependence, permutationImportance } from '../../../../src/core/evaluate';
import { createRng } from '../../../../src/core/stats/rng';

// y = 3·x0 + 0·x1: only feature 0 matters.
function data(n: number) {
  const rng = createRng(7);
  const X = new Float32Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    X[i * 2] = rng.normal();
    X[i * 2 + 1] = rng.normal();
    y[i] = 3 * X[i * 2];
  }
  return { X, y };
}
const predict = (X: Float32Array, n: number) => {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 3 * X[i * 2];
  return out;
};

test('permutationImportance ranks the used feature, gives the unused one 0, and repeats by seed', async () => {
  const { X, y } = data(300);
  const score = (p: Float32Array) => -Math.sqrt(p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / p.length);
  const run = () => permutationImportance({ X, n: 300, d: 2, predict, score, repeats: 4, seed: 3 });
  const [a, b] = await Promise.all([run(), run()]);
  expect(a[0].mean).toBeGreaterThan(3);
  expect(a[0].sd).toBeGreaterThan(0);
  expect(a[1].mean).toBe(0);
  expect(a).toEqual(b);
  const other = await permutationImportance({ X, n: 300, d: 2, predict, score, repeats: 4, seed: 4 });
  expect(other[0].drops).not.toEqual(a[0].drops);
});

test('partialDependence of a linear model is the line through the grid, with one ICE line per sampled row', async () => {
  const { X } = data(100);
  const grid = [-1, 0, 2].map((v) => ({ columns: [0], values: [v] }));
  const pd = await partialDependence({ X, n: 100, d: 2, predict, grid, iceRows: 7 });
  pd.values.forEach((v, g) => expect(v).toBeCloseTo([-3, 0, 6][g], 5));
  expect(pd.rows).toBe(100);
  expect(pd.ice).toHaveLength(7);
  // Feature 1 is unused: every row's line is flat.
  const flat = await partialDependence({ X, n: 100, d: 2, predict, grid: [{ columns: [1], values: [-5] }, { columns: [1], values: [5] }], maxRows: 30 });
  expect(flat.rows).toBe(30);
  for (const line of flat.ice) expect(line[1]).toBe(line[0]);
});

test('featureGrid gives the distinct values when few, else sorted quantiles from 5% to 95%', () => {
  const X = Float32Array.from({ length: 101 }, (_, i) => i);
  featureGrid(X, 101, 1, 0, 5).forEach((v, g) => expect(v).toBeCloseTo([5, 27.5, 50, 72.5, 95][g], 9));
  expect(featureGrid(Float32Array.from([1, 0, 1, NaN, 0]), 5, 1, 0, 5)).toEqual([0, 1]);
});

test('compareToBaseline respects the metric direction', () => {
  expect(compareToBaseline('rmse', 3, 7).beatsBaseline).toBe(true);
  expect(compareToBaseline('rmse', 8, 7).beatsBaseline).toBe(false);
  expect(compareToBaseline('accuracy', 0.6, 0.65).message).toMatch(/does not beat/);
  expect(compareToBaseline('rocAuc', 0.9, 0.5).improvement).toBeCloseTo(0.4, 12);
});
