/**
 * DuckDB's mask form at its limit: a tree of 64 leaves. Masks hold 63 bits; the 64th leaf (the
 * rightmost) has none and is read from a mask of 0, which rows above every threshold and rows with
 * the value missing (sent right at every node here) reach.
 */
import { afterAll, expect, test } from 'vitest';
import type { Tree, TreeEnsemble } from '../../../../../src/core/models';
import { fitTrees, mixedTable, withUnseen } from '../randomTrees';
import { rowsOf } from '../trainTiny';
import { transformRecipe } from '../../../../../src/core/recipe';
import { closeEngines, sqlAgreement } from './modelAgreement';

afterAll(closeEngines);

/** A balanced tree on feature f whose leaf k holds the k-th 64th of the values (leaf values 1.25k + 0.5). */
function fullTree(f: number, thresholds: number[]): Tree {
  const t: Tree = { feature: [], threshold: [], categories: [], missingLeft: [], left: [], right: [], cover: [], leafValue: [], leafCover: [], gain: [] };
  const grow = (lo: number, hi: number): number => {
    if (hi - lo === 1) {
      t.leafValue.push(1.25 * lo + 0.5);
      t.leafCover.push(1);
      return ~(t.leafCover.length - 1);
    }
    const i = t.feature.length;
    const mid = (lo + hi) / 2;
    t.feature.push(f);
    t.threshold.push(thresholds[mid - 1]);
    t.categories.push(null);
    t.missingLeft.push(false);
    t.cover.push(1);
    t.gain.push(1);
    t.left.push(0);
    t.right.push(0);
    t.left[i] = grow(lo, mid);
    t.right[i] = grow(mid, hi);
    return i;
  };
  grow(0, 64);
  return t;
}

test('a 64-leaf tree in DuckDB reaches every leaf, the rightmost by a mask of 0, and agrees with scorer.mjs', async () => {
  const train = mixedTable('regression', 640, 3);
  const fitted = fitTrees(train, 'regression');
  const table = withUnseen(train);
  const x = transformRecipe(fitted, table);
  const f = fitted.featureNames.indexOf('b');
  const d = fitted.featureNames.length;
  const values = [...new Set(Array.from({ length: x.n }, (_, r) => x.X[r * d + f]).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  const thresholds = Array.from({ length: 63 }, (_, i) => values[Math.floor(((i + 1) * values.length) / 64) - 1]);
  const stump: Tree = { ...fullTree(f, thresholds), feature: [], threshold: [], categories: [], missingLeft: [], left: [], right: [], cover: [], leafValue: [-2.5], leafCover: [1], gain: [] };
  const trees = [fullTree(f, thresholds), stump, fullTree(f, thresholds.map((v) => v * 1.5))];
  const ensemble: TreeEnsemble = {
    kind: 'trees', modelKind: 'gbdt', task: 'regression', numClasses: 1, outputs: 1, width: 1, base: [3], trees,
    treeOutput: trees.map(() => 0), aggregate: 'sum', link: 'identity', features: d, categorical: [],
  };
  const a = await sqlAgreement('duckdb', { fitted, model: { kind: 'trees', ensemble }, rows: rowsOf(table) });
  expect(a.sql).toContain('% 67 + 1]');
  expect(a.rows).toBe(table.rowCount);
  expect(a.worst).toBe(0);
  expect(a.labelMismatches).toBe(0);
  // Every leaf of the first tree is some row's exit, the rightmost among them (above the last threshold, or missing).
  const exits = new Set(Array.from({ length: x.n }, (_, r) => x.X[r * d + f]).map((v) => (Number.isNaN(v) ? 63 : thresholds.filter((t) => v > t).length)));
  expect(exits.size).toBe(64);
  expect(Array.from({ length: x.n }, (_, r) => x.X[r * d + f]).some(Number.isNaN)).toBe(true);
});
