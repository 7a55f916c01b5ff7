/**
 * Split finding (split.ts) checked against a brute-force search over every threshold between
 * distinct values of every feature, with missing values tried on each side. The data have fewer
 * distinct values than bins, so each value has its own bin and the two must agree exactly.
 */
import { describe, expect, test } from 'vitest';
import { bestSplit, type SplitParams } from '../../../../../src/core/models/trees/split';
import type { Gradients } from '../../../../../src/core/models/trees/histogram';
import { createRng } from '../../../../../src/core/stats';
import { allFeatures, binAll, identityRows, leftRows, nodeHistogram, randomGradients, splitParams, tiedNumeric, type Features } from './treeFixtures';

interface Candidate {
  feature: number;
  gain: number;
  left: number[];
  missingLeft: boolean;
}

/**
 * The best root split by brute force: for each feature, each threshold t between consecutive
 * distinct values and each side for the missing rows (plus every value against the missing
 * ones), sums the left and right rows directly.
 * Ties keep the first candidate in scan order (feature, missing right before left, threshold).
 */
function bruteForceSplit(data: Features, g: Gradients, p: SplitParams): Candidate | null {
  const { X, n, d } = data;
  const sums = (rows: number[]) => {
    let G = 0;
    let H = 0;
    for (const r of rows) {
      G += g.grad[r];
      H += g.hess[r];
    }
    return { G, H, N: rows.length };
  };
  const all = Array.from({ length: n }, (_, r) => r);
  const T = sums(all);
  const ok = (s: { H: number; N: number }) => s.N >= p.minSamplesLeaf && s.H >= p.minHessian;
  let best: Candidate | null = null;
  for (let f = 0; f < d; f++) {
    const value = (r: number) => X[r * d + f];
    const present = all.filter((r) => !Number.isNaN(value(r)));
    const hasMissing = present.length < n;
    const distinct = [...new Set(present.map(value))].sort((a, b) => a - b);
    for (const missingLeft of hasMissing ? [false, true] : [false]) {
      // With missing rows on the right, t may also pass every value: missing against the rest.
      const thresholds = hasMissing && !missingLeft ? distinct.length : distinct.length - 1;
      for (let t = 0; t < thresholds; t++) {
        const left = all.filter((r) => (Number.isNaN(value(r)) ? missingLeft : value(r) <= distinct[t]));
        const right = all.filter((r) => !left.includes(r));
        const L = sums(left);
        const R = sums(right);
        if (!ok(L) || !ok(R)) continue;
        const gain = (L.G * L.G) / (L.H + p.l2) + (R.G * R.G) / (R.H + p.l2) - (T.G * T.G) / (T.H + p.l2);
        if (gain > p.minGain && gain > 1e-12 && (best === null || gain > best.gain)) best = { feature: f, gain, left, missingLeft: hasMissing ? missingLeft : left.length >= right.length };
      }
    }
  }
  return best;
}

/** bestSplit over the root histogram, as a candidate in the same terms. */
function histogramSplit(data: Features, g: Gradients, p: SplitParams): Candidate | null {
  const binned = binAll(data);
  const rows = identityRows(data.n);
  const { hist, total } = nodeHistogram(binned, g, rows);
  const s = bestSplit(hist, allFeatures(data.d), binned.features, total, p);
  return s && { feature: s.feature, gain: s.gain, left: leftRows(binned, s, rows), missingLeft: s.missingLeft };
}

const cases = Array.from({ length: 40 }, (_, seed) => {
  const rng = createRng(1000 + seed);
  return {
    seed,
    n: 12 + rng.int(60),
    d: 1 + rng.int(4),
    missing: [0, 0.05, 0.2][seed % 3],
    params: splitParams({ l2: [0, 0.5, 3][rng.int(3)], minSamplesLeaf: [1, 3, 8][rng.int(3)], minHessian: [0, 1.5][rng.int(2)] }),
  };
});

describe('bestSplit against brute force', () => {
  test.each(cases)('seed $seed: $n rows × $d features, $missing missing', ({ seed, n, d, missing, params }) => {
    const rng = createRng(seed);
    const data = tiedNumeric(rng, n, d, missing, Array.from({ length: d }, () => 2 + rng.int(10)));
    const g = randomGradients(rng, n);
    const expected = bruteForceSplit(data, g, params);
    const actual = histogramSplit(data, g, params);
    expect(actual).toEqual(expected);
    if (expected) expect(Object.is(actual!.gain, expected.gain)).toBe(true);
  });

  test('the cases exercise splits with missing rows on each side and constraints that rule splits out', () => {
    const found = cases.map(({ seed, n, d, missing, params }) => {
      const rng = createRng(seed);
      const data = tiedNumeric(rng, n, d, missing, Array.from({ length: d }, () => 2 + rng.int(10)));
      return { missing, split: bruteForceSplit(data, randomGradients(rng, n), params) };
    });
    const withMissing = found.filter((c) => c.missing > 0 && c.split);
    expect(withMissing.some((c) => c.split!.missingLeft)).toBe(true);
    expect(withMissing.some((c) => !c.split!.missingLeft)).toBe(true);
    expect(found.some((c) => c.split === null)).toBe(true);
  });

  test('minGain above the best gain leaves the node unsplit', () => {
    const rng = createRng(7);
    const data = tiedNumeric(rng, 50, 2);
    const g = randomGradients(rng, 50);
    const best = histogramSplit(data, g, splitParams())!;
    expect(histogramSplit(data, g, splitParams({ minGain: best.gain }))).toBeNull();
    expect(histogramSplit(data, g, splitParams({ minGain: best.gain * 0.99 }))?.gain).toBe(best.gain);
  });

  test('with more distinct values than bins, every split falls on a bin edge of the quantile binning', () => {
    const rng = createRng(3);
    const n = 400;
    const X = Float32Array.from({ length: n }, () => rng.normal());
    const data: Features = { X, n, d: 1, categorical: [] };
    const binned = binAll(data, 16);
    expect(binned.features[0].count).toBe(16);
    const { hist, total } = nodeHistogram(binned, randomGradients(rng, n), identityRows(n));
    const s = bestSplit(hist, allFeatures(1), binned.features, total, splitParams())!;
    const threshold = binned.features[0].upper[s.bin];
    for (let r = 0; r < n; r++) expect(Math.fround(X[r]) <= threshold).toBe(binned.bins[r] <= s.bin);
  });
});
