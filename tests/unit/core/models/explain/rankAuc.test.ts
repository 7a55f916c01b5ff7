import { expect, test } from 'vitest';
import { rocAuc } from '../../../../../src/core/evaluate';
import { rankAuc } from '../../../../../src/core/models/explain/rankAuc';
import { createRng } from '../../../../../src/core/stats';

test.each([
  ['distinct scores', 1000, 0],
  ['many ties (scores rounded to 10 values)', 2000, 10],
  ['few rows', 7, 3],
])('rankAuc equals the trapezoid area under the ROC curve: %s', (_, n, levels) => {
  const rng = createRng(n);
  const y = Int32Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
  const score = Float32Array.from(y, (v) => {
    const s = v + 1.5 * rng.normal();
    return levels ? Math.round(s * 2) / 2 : s;
  });
  const ours = rankAuc(y, score);
  expect(Math.abs(ours - rocAuc(y, score))).toBeLessThan(1e-12);
  expect(ours).toBeGreaterThan(0.5);
});

test('rankAuc: every pair tied is 0.5, one class only is NaN, a NaN score falls back to the curve', () => {
  expect(rankAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  expect(rankAuc([1, 1, 1], [0.1, 0.2, 0.3])).toBeNaN();
  expect(rankAuc([0, 0], [0.1, 0.2])).toBeNaN();
  expect(rankAuc([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2])).toBe(1);
  const y = [1, 0, 1, 0];
  const s = [0.9, NaN, 0.2, 0.4];
  expect(Object.is(rankAuc(y, s), rocAuc(y, s))).toBe(true);
});
