/**
 * Missing values: a split learns which side NaN goes, scoring (`leafOf`, `predictTrees`) follows
 * `missingLeft`, and a feature with no missing values in training sends unseen ones to the side
 * with more rows.
 */
import { describe, expect, test } from 'vitest';
import { trainModel } from '../../../../../src/core/models/registry';
import { leafOf, predictTrees } from '../../../../../src/core/models/trees/predictTrees';
import type { Tree, TreeEnsemble } from '../../../../../src/core/models/trees/types';
import { createRng } from '../../../../../src/core/stats';
import { trainData } from './treeFixtures';

/** One boosting round with a single split: the root's decision is the whole model. */
const stump = { kind: 'gbdt' as const, seed: 1, options: { rounds: 1, maxLeaves: 2, minSamplesLeaf: 1, earlyStopping: false, learningRate: 1 } };

async function trainStump(column: number[], y: number[]): Promise<TreeEnsemble> {
  const X = Float32Array.from(column);
  const result = await trainModel(stump, trainData({ X, n: X.length, d: 1, categorical: [] }, Int32Array.from(y), 'binary'));
  return result.model as TreeEnsemble;
}

/** P(class 1) for single-feature rows. */
const p1 = (model: TreeEnsemble, values: number[]) => Array.from(predictTrees(model, Float32Array.from(values), values.length).filter((_, i) => i % 2 === 1));

/** A one-split tree on feature 0: left leaf value −1, right +1. */
function oneSplit(node: Partial<Tree>): Tree {
  return { feature: [0], threshold: [0.5], categories: [null], missingLeft: [true], left: [~0], right: [~1], cover: [2], leafValue: [-1, 1], leafCover: [1, 1], gain: [1], ...node };
}

describe('learning where missing values go', () => {
  test.each([
    { missingMeans: 1, label: 'positive' },
    { missingMeans: 0, label: 'negative' },
  ])('when missingness marks the $label class, NaN rows score on that side', async ({ missingMeans }) => {
    const rng = createRng(5 + missingMeans);
    const column: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 300; i++) {
      const missing = rng.next() < 0.3;
      column.push(missing ? NaN : rng.int(6));
      y.push(missing ? missingMeans : 1 - missingMeans);
    }
    const model = await trainStump(column, y);
    expect(model.trees[0].feature).toEqual([0]);
    const [nan, ...present] = p1(model, [NaN, 0, 1, 2, 3, 4, 5]);
    for (const p of present) expect(missingMeans ? nan > p : nan < p).toBe(true);
  });

  test('a feature whose only signal is being missing (one value otherwise) is split on', async () => {
    const column = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? NaN : 7));
    const y = column.map((v) => (Number.isNaN(v) ? 1 : 0));
    const model = await trainStump(column, y);
    expect(model.trees[0].feature).toEqual([0]);
    const [nan, seven, larger] = p1(model, [NaN, 7, 1e30]);
    expect(nan).toBeGreaterThan(0.9);
    expect(seven).toBeLessThan(0.1);
    // Values beyond the training range are still values, not missing.
    expect(larger).toBe(seven);
    // The threshold survives a JSON round trip (trees.json).
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  test.each([
    { largerSide: 'left', share: 0.75 },
    { largerSide: 'right', share: 0.25 },
  ])('with no missing values in training, unseen NaN goes to the larger side ($largerSide)', async ({ largerSide, share }) => {
    const rng = createRng(11);
    const column = Array.from({ length: 200 }, () => rng.next());
    const y = column.map((v) => (v < share ? 0 : 1));
    const model = await trainStump(column, y);
    const tree = model.trees[0];
    expect(tree.threshold[0]).toBeCloseTo(share, 1);
    expect(tree.missingLeft).toEqual([largerSide === 'left']);
    const [nan, low, high] = p1(model, [NaN, 0, 1]);
    expect(nan).toBe(largerSide === 'left' ? low : high);
  });
});

describe('scoring routes missing values by missingLeft', () => {
  test.each([true, false])('numeric node, missingLeft %s', (missingLeft) => {
    const tree = oneSplit({ missingLeft: [missingLeft] });
    expect(leafOf(tree, [NaN], 0)).toBe(missingLeft ? 0 : 1);
    expect(leafOf(tree, [0.5], 0)).toBe(0);
    expect(leafOf(tree, [0.6], 0)).toBe(1);
  });

  test.each([true, false])('categorical node, missingLeft %s: NaN and every negative code are missing', (missingLeft) => {
    const tree = oneSplit({ missingLeft: [missingLeft], categories: [[1, 3]], threshold: [0] });
    for (const code of [NaN, -1, -2]) expect(leafOf(tree, [code], 0)).toBe(missingLeft ? 0 : 1);
    expect([0, 1, 2, 3, 40].map((c) => leafOf(tree, [c], 0))).toEqual([1, 0, 1, 0, 1]);
  });

  test('predictTrees agrees with leafOf on a model with both node kinds', () => {
    const tree: Tree = {
      feature: [0, 1],
      threshold: [0.5, 0],
      categories: [null, [2]],
      missingLeft: [false, true],
      left: [~0, ~1],
      right: [1, ~2],
      cover: [3, 2],
      leafValue: [10, 20, 30],
      leafCover: [1, 1, 1],
      gain: [1, 1],
    };
    const model: TreeEnsemble = { kind: 'trees', modelKind: 'gbdt', task: 'regression', numClasses: 1, outputs: 1, width: 1, base: [0.5], trees: [tree], treeOutput: [0], aggregate: 'sum', link: 'identity', features: 2, categorical: [1] };
    const rows = [[0, 0], [NaN, 2], [NaN, -1], [NaN, NaN], [1, 2], [1, 0], [NaN, 5]];
    const expected = rows.map((r) => 0.5 + tree.leafValue[leafOf(tree, r, 0)]);
    expect(Array.from(predictTrees(model, Float32Array.from(rows.flat()), rows.length))).toEqual(expected);
    expect(expected).toEqual([10.5, 20.5, 20.5, 20.5, 20.5, 30.5, 30.5]);
  });
});
