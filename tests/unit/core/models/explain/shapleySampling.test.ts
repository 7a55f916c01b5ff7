import { expect, test } from 'vitest';
import { shapleySampling } from '../../../../../src/core/models/explain/shapleySampling';
import { createRng } from '../../../../../src/core/stats';

const d = 3;
function background(rows: number) {
  const rng = createRng(11);
  return Float32Array.from({ length: rows * d }, () => rng.normal());
}
const model = (f: (r: Float32Array) => number) => (X: Float32Array, n: number) => Float32Array.from({ length: n }, (_, i) => f(X.subarray(i * d, (i + 1) * d)));
const x = Float32Array.from([1.5, -2, 0.5]);
const mean = (bg: Float32Array, g: (r: Float32Array) => number) => {
  let s = 0;
  for (let i = 0; i < bg.length / d; i++) s += g(bg.subarray(i * d, (i + 1) * d));
  return (s * d) / bg.length;
};

test('an additive model gets its exact Shapley values: g(x) − mean g(background), summing to f(x) − E f', async () => {
  const bg = background(40);
  const terms = [(r: ArrayLike<number>) => 3 * r[0], (r: ArrayLike<number>) => r[1] ** 2, () => 0];
  const f = model((r) => terms.reduce((s, g) => s + g(r), 0));
  const est = await shapleySampling({ x, background: bg, d, groups: [[0], [1], [2]], predict: f, output: 0, pairs: 40 });
  terms.forEach((g, j) => expect(est.phi[j]).toBeCloseTo(g(x) - mean(bg, g), 4));
  expect(est.score).toBeCloseTo(3 * 1.5 + 4, 5);
  expect(est.phi.reduce((s, v) => s + v, 0)).toBeCloseTo(est.score - est.expected, 4);
  // The spread over background rows is reported; a column the model ignores has none.
  expect(est.se[0]).toBeGreaterThan(0);
  expect(est.se[2]).toBe(0);
});

test('with an interaction the estimate is within a few standard errors of the exact values', async () => {
  const bg = background(50);
  const f = (r: ArrayLike<number>) => r[0] * r[1] + r[2];
  // Exact interventional Shapley values of the three-player game v(S) = mean_b f(x_S, b_rest).
  const v = (S: number[]) => mean(bg, (b) => f(Array.from(b, (bj, j) => (S.includes(j) ? x[j] : bj))));
  const exact = [0, 1, 2].map((j) => {
    const others = [0, 1, 2].filter((k) => k !== j);
    const subsets = [[], [others[0]], [others[1]], others];
    const weight = [1 / 3, 1 / 6, 1 / 6, 1 / 3];
    return subsets.reduce((s, S, k) => s + weight[k] * (v([...S, j]) - v(S)), 0);
  });
  const est = await shapleySampling({ x, background: bg, d, groups: [[0], [1], [2]], predict: model(f), output: 0, pairs: 50, seed: 3 });
  exact.forEach((e, j) => {
    expect(est.se[j]).toBeGreaterThan(0);
    expect(Math.abs(est.phi[j] - e)).toBeLessThan(4 * est.se[j] + 1e-6);
  });
  expect(est.phi.reduce((s, p) => s + p, 0)).toBeCloseTo(f(x) - mean(bg, f), 4);
});

test('players can be groups of columns, and the sampling repeats by seed', async () => {
  const bg = background(20);
  const f = model((r) => r[0] + r[1] - r[2]);
  const run = (seed: number) => shapleySampling({ x, background: bg, d, groups: [[0, 1], [2]], predict: f, output: 0, pairs: 20, seed });
  const a = await run(1);
  expect(a.phi[0]).toBeCloseTo(x[0] + x[1] - mean(bg, (b) => b[0] + b[1]), 4);
  expect(await run(1)).toEqual(a);
});
