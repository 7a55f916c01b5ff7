/**
 * Categorical features (ordinal codes listed in TrainData.categorical): one split separates an
 * arbitrary subset of categories, codes < 0 are missing, rare categories share a bin, and more
 * than four categories are ordered by gradient before scanning (fewer are tried one at a time).
 */
import { describe, expect, test } from 'vitest';
import { binOf, MISSING_BIN } from '../../../../../src/core/models/trees/binning';
import { trainModel } from '../../../../../src/core/models/registry';
import { leafOf } from '../../../../../src/core/models/trees/predictTrees';
import { bestSplit } from '../../../../../src/core/models/trees/split';
import type { Tree, TreeEnsemble } from '../../../../../src/core/models/trees/types';
import { createRng } from '../../../../../src/core/stats';
import { allFeatures, binAll, identityRows, logLossGradients, nodeHistogram, splitParams, trainData, type Features } from './treeFixtures';

/**
 * One categorical column (feature 0) plus a numeric noise column: `rows[code]` rows of each code
 * (shuffled), labelled 1 when `positive(code)`.
 */
function categoryData(rows: Record<number, number>, positive: (code: number) => boolean, seed = 1): { f: Features; y: Int32Array } {
  const rng = createRng(seed);
  const codes = Object.entries(rows).flatMap(([code, count]) => Array<number>(count).fill(Number(code)));
  for (let i = codes.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [codes[i], codes[j]] = [codes[j], codes[i]];
  }
  const X = new Float32Array(codes.length * 2);
  codes.forEach((c, i) => X.set([c, rng.normal()], i * 2));
  return { f: { X, n: codes.length, d: 2, categorical: [0] }, y: Int32Array.from(codes, (c) => (positive(c) ? 1 : 0)) };
}

const equalRows = (codes: number[], count: number) => Object.fromEntries(codes.map((c) => [c, count]));

/** The root split of one boosting round with two leaves (the first tree's only node). */
async function rootSplit(f: Features, y: Int32Array): Promise<{ tree: Tree; model: TreeEnsemble }> {
  const spec = { kind: 'gbdt' as const, seed: 3, options: { rounds: 1, maxLeaves: 2, minSamplesLeaf: 1, earlyStopping: false } };
  const model = (await trainModel(spec, trainData(f, y, 'binary'))).model as TreeEnsemble;
  return { tree: model.trees[0], model };
}

/** Codes that go left at a categorical node, or the complement among `codes` — whichever holds `probe`. */
function sideOf(tree: Tree, codes: number[], probe: number): number[] {
  const left = tree.categories[0]!;
  return left.includes(probe) ? left : codes.filter((c) => !left.includes(c));
}

describe('categorical splits', () => {
  const codes = [0, 1, 2, 3, 4, 5, 6, 7];
  test.each([
    { subset: [1, 4, 6] },
    { subset: [0, 7] },
    { subset: [2, 3, 5, 6, 7] },
  ])('one split separates the arbitrary subset $subset of 8 categories', async ({ subset }) => {
    const { f, y } = categoryData(equalRows(codes, 25), (c) => subset.includes(c));
    const { tree, model } = await rootSplit(f, y);
    expect(tree.feature).toEqual([0]);
    expect(model.categorical).toEqual([0]);
    const left = tree.categories[0]!;
    expect([subset, codes.filter((c) => !subset.includes(c))]).toContainEqual(left);
    expect(sideOf(tree, codes, subset[0])).toEqual(subset);
  });

  test('with four categories or fewer, each is tried alone: a pair cannot be separated in one split', async () => {
    const { f, y } = categoryData(equalRows([0, 1, 2, 3], 40), (c) => c === 0 || c === 2);
    const { tree } = await rootSplit(f, y);
    expect(tree.feature).toEqual([0]);
    expect(tree.categories[0]).toHaveLength(1);
  });

  test('with five categories the sorted scan separates the same pair', async () => {
    const { f, y } = categoryData(equalRows([0, 1, 2, 3, 4], 40), (c) => c === 0 || c === 2);
    const { tree } = await rootSplit(f, y);
    expect(sideOf(tree, [0, 1, 2, 3, 4], 0)).toEqual([0, 2]);
  });

  test('bestSplit: the sorted scan respects maxCategoriesLeft', () => {
    const { f, y } = categoryData(equalRows(codes, 20), (c) => c < 5);
    const binned = binAll(f);
    const { hist, total } = nodeHistogram(binned, logLossGradients(y), identityRows(f.n), 0, f.n, allFeatures(1));
    const free = bestSplit(hist, allFeatures(1), binned.features, total, splitParams())!;
    expect([3, 5]).toContain(free.leftBins!.reduce((s, v) => s + v, 0));
    const capped = bestSplit(hist, allFeatures(1), binned.features, total, splitParams({ maxCategoriesLeft: 2 }))!;
    expect(capped.leftBins!.reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(2);
    expect(capped.gain).toBeLessThan(free.gain);
  });
});

describe('missing categories', () => {
  test('binning: negative codes, NaN and codes never seen in training fall in the missing bin', () => {
    const { f } = categoryData(equalRows([0, 1, 2], 12), () => false);
    const fb = binAll(f).features[0];
    expect([-1, -5, NaN, 3, 99].map((v) => binOf(fb, v))).toEqual(Array(5).fill(MISSING_BIN));
    expect(new Set([0, 1, 2].map((v) => binOf(fb, v))).size).toBe(3);
  });

  test('rows with code −1 travel as missing: learned with category 0, and −2 or NaN follow them', async () => {
    const data = categoryData({ [-1]: 40, 0: 40, 1: 40, 2: 40, 3: 40, 4: 40 }, (c) => c <= 0);
    const { tree } = await rootSplit(data.f, data.y);
    expect(sideOf(tree, [0, 1, 2, 3, 4], 0)).toEqual([0]);
    const leaf = (code: number) => leafOf(tree, [code, 0], 0);
    expect(tree.missingLeft[0]).toBe(tree.categories[0]!.includes(0));
    for (const code of [-1, -2, NaN]) expect(leaf(code)).toBe(leaf(0));
    expect(leaf(-1)).not.toBe(leaf(3));
  });

  test('a category column whose only signal is being missing is split on', async () => {
    const data = categoryData({ [-1]: 40, 0: 40, 1: 40, 2: 40 }, (c) => c < 0);
    const { tree } = await rootSplit(data.f, data.y);
    expect(tree.feature).toEqual([0]);
    const leaf = (code: number) => leafOf(tree, [code, 0], 0);
    expect(new Set([0, 1, 2].map(leaf)).size).toBe(1);
    expect(leaf(-1)).not.toBe(leaf(0));
  });
});

describe('rare categories', () => {
  // Codes 5, 6 and 7 have fewer than 10 rows each; 6 and 7 are labelled unlike 5.
  const rows = { ...equalRows([0, 1, 2, 3, 4], 30), 5: 4, 6: 9, 7: 3 };
  const positive = (c: number) => c === 1 || c === 3 || c === 6 || c === 7;

  test('share one bin', () => {
    const { f } = categoryData(rows, positive);
    const fb = binAll(f).features[0];
    expect(fb.count).toBe(6);
    expect(fb.codes).toContainEqual([5, 6, 7]);
    expect(binOf(fb, 5)).toBe(binOf(fb, 6));
    expect(binOf(fb, 6)).toBe(binOf(fb, 7));
    expect(binAll(f, 255, 4).features[0].codes).toContainEqual([6]);
  });

  test('travel together through every split of a trained model', async () => {
    const { f, y } = categoryData(rows, positive);
    const spec = { kind: 'gbdt' as const, seed: 2, options: { rounds: 20, maxLeaves: 8, minSamplesLeaf: 1, earlyStopping: false } };
    const model = (await trainModel(spec, trainData(f, y, 'binary'))).model as TreeEnsemble;
    let categoricalNodes = 0;
    for (const tree of model.trees) {
      tree.categories.forEach((cats) => {
        if (!cats) return;
        categoricalNodes++;
        expect([0, 3]).toContain([5, 6, 7].filter((c) => cats.includes(c)).length);
      });
      const leaves = new Set([5, 6, 7].map((c) => leafOf(tree, [c, 0.5], 0)));
      expect(leaves.size).toBe(1);
    }
    expect(categoricalNodes).toBeGreaterThan(5);
  });
});
