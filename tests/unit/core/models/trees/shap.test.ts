import { describe, expect, test } from 'vitest';
import { rawScores } from '../../../../../src/core/models/trees/predictTrees';
import { shapSummary, treeShap } from '../../../../../src/core/models/trees/shap';
import type { Tree, TreeEnsemble } from '../../../../../src/core/models/trees/types';
import { createRng, type Rng } from '../../../../../src/core/stats';

/** Categorical features in the random models take codes 0..CODES-1 (and -1 or NaN for missing). */
const CODES = 5;
const GRID = [-1, -0.5, 0, 0.1, 0.5, 1, 1.5];

interface TreeOptions {
  d: number;
  categorical: number[];
  width: number;
  maxDepth: number;
}

/** A random tree whose covers are consistent: an internal node's cover is the sum of its children's. */
function randomTree(rng: Rng, o: TreeOptions): Tree {
  const tree: Tree = { feature: [], threshold: [], categories: [], missingLeft: [], left: [], right: [], cover: [], leafValue: [], leafCover: [], gain: [] };
  const grow = (depth: number): [child: number, cover: number] => {
    if (depth === o.maxDepth || (depth > 0 && rng.next() < 0.25)) {
      const leaf = tree.leafCover.length;
      const cover = 0.5 + rng.next() * 5;
      tree.leafCover.push(cover);
      for (let c = 0; c < o.width; c++) tree.leafValue.push(rng.normal());
      return [~leaf, cover];
    }
    const node = tree.feature.length;
    const f = rng.int(o.d);
    tree.feature.push(f);
    if (o.categorical.includes(f)) {
      const cats: number[] = [];
      for (let c = 0; c < CODES; c++) if (rng.next() < 0.5) cats.push(c);
      tree.categories.push(cats);
      tree.threshold.push(0);
    } else {
      tree.categories.push(null);
      tree.threshold.push(Math.fround(GRID[rng.int(GRID.length)]));
    }
    tree.missingLeft.push(rng.next() < 0.5);
    tree.left.push(0);
    tree.right.push(0);
    tree.cover.push(0);
    tree.gain.push(rng.next());
    const [l, cl] = grow(depth + 1);
    const [r, cr] = grow(depth + 1);
    tree.left[node] = l;
    tree.right[node] = r;
    tree.cover[node] = cl + cr;
    return [node, cl + cr];
  };
  grow(0);
  return tree;
}

interface ModelOptions {
  d: number;
  trees: number;
  modelKind?: 'gbdt' | 'forest';
  classes?: number;
  maxDepth?: number;
}

function randomModel(seed: number, o: ModelOptions): TreeEnsemble {
  const rng = createRng(seed);
  const forest = o.modelKind === 'forest';
  const classes = o.classes ?? 1;
  const outputs = forest ? classes : classes > 2 ? classes : 1;
  const width = forest ? classes : 1;
  const categorical = o.d > 2 ? [o.d - 1] : [];
  const trees: Tree[] = [];
  const treeOutput: number[] = [];
  for (let t = 0; t < o.trees; t++) {
    trees.push(randomTree(rng, { d: o.d, categorical, width, maxDepth: o.maxDepth ?? 4 }));
    treeOutput.push(width > 1 ? 0 : t % outputs);
  }
  return {
    kind: 'trees',
    modelKind: forest ? 'forest' : 'gbdt',
    task: classes > 2 ? 'multiclass' : classes === 2 ? 'binary' : 'regression',
    numClasses: classes,
    outputs,
    width,
    base: Array.from({ length: outputs }, () => rng.normal()),
    trees,
    treeOutput,
    aggregate: forest ? 'average' : 'sum',
    link: forest ? 'identity' : classes > 2 ? 'softmax' : classes === 2 ? 'sigmoid' : 'identity',
    features: o.d,
    categorical,
  };
}

/** Rows that hit thresholds exactly, just past them (a float32 tie), missing values and unknown codes. */
function randomRows(seed: number, model: TreeEnsemble, n: number): Float64Array {
  const rng = createRng(seed);
  const d = model.features;
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const u = rng.next();
      let x: number;
      if (model.categorical.includes(j)) x = u < 0.1 ? NaN : u < 0.2 ? -1 : rng.int(CODES + 1);
      else if (u < 0.1) x = NaN;
      else if (u < 0.4) x = Math.fround(GRID[rng.int(GRID.length)]) + (rng.next() < 0.5 ? 1e-9 : 0);
      else x = rng.normal();
      X[i * d + j] = x;
    }
  }
  return X;
}

function goesLeft(tree: Tree, node: number, x: number): boolean {
  const cats = tree.categories[node];
  if (Number.isNaN(x) || (cats !== null && x < 0)) return tree.missingLeft[node];
  return cats === null ? Math.fround(x) <= tree.threshold[node] : cats.includes(x);
}

/** v(S): the path-dependent conditional expectation of a tree's leaf values given the features in S. */
function conditional(tree: Tree, x: ArrayLike<number>, inS: (f: number) => boolean, width: number): number[] {
  const walk = (node: number): number[] => {
    if (node < 0) return tree.leafValue.slice(~node * width, ~node * width + width);
    const f = tree.feature[node];
    if (inS(f)) return walk(goesLeft(tree, node, x[f]) ? tree.left[node] : tree.right[node]);
    const cov = (c: number) => (c >= 0 ? tree.cover[c] : tree.leafCover[~c]);
    const cl = cov(tree.left[node]);
    const cr = cov(tree.right[node]);
    const l = walk(tree.left[node]);
    const r = walk(tree.right[node]);
    const fl = cl + cr > 0 ? cl / (cl + cr) : 0.5;
    return l.map((v, c) => fl * v + (1 - fl) * r[c]);
  };
  return walk(tree.feature.length === 0 ? -1 : 0);
}

/** Shapley values by enumerating every subset: [output][feature] for one row. */
function bruteForce(model: TreeEnsemble, x: ArrayLike<number>): number[][] {
  const d = model.features;
  const k = model.outputs;
  const scale = model.aggregate === 'average' ? 1 / model.trees.length : 1;
  const v = (mask: number): number[] => {
    const out = model.base.slice();
    model.trees.forEach((tree, t) => {
      const vals = conditional(tree, x, (f) => ((mask >> f) & 1) === 1, model.width);
      vals.forEach((val, c) => (out[model.treeOutput[t] + c] += val * scale));
    });
    return out;
  };
  const values = Array.from({ length: 1 << d }, (_, mask) => v(mask));
  const fact = (m: number): number => (m <= 1 ? 1 : m * fact(m - 1));
  const phi = Array.from({ length: k }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let mask = 0; mask < 1 << d; mask++) {
      if ((mask >> i) & 1) continue;
      let size = 0;
      for (let j = 0; j < d; j++) size += (mask >> j) & 1;
      const weight = (fact(size) * fact(d - size - 1)) / fact(d);
      for (let o = 0; o < k; o++) phi[o][i] += weight * (values[mask | (1 << i)][o] - values[mask][o]);
    }
  }
  return phi;
}

function expectLocalAccuracy(model: TreeEnsemble, X: Float64Array, n: number): void {
  const shap = treeShap(model, X, n);
  const raw = rawScores(model, X, n);
  const { outputs: k, features: d } = shap;
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < k; o++) {
      let sum = shap.expected[o];
      for (let j = 0; j < d; j++) sum += shap.values[(i * k + o) * d + j];
      expect(Math.abs(sum - raw[i * k + o])).toBeLessThan(1e-9);
    }
  }
}

function expectExact(model: TreeEnsemble, X: Float64Array, n: number): void {
  const shap = treeShap(model, X, n);
  const { outputs: k, features: d } = shap;
  for (let i = 0; i < n; i++) {
    const phi = bruteForce(model, X.subarray(i * d, i * d + d));
    for (let o = 0; o < k; o++) {
      for (let j = 0; j < d; j++) expect(Math.abs(shap.values[(i * k + o) * d + j] - phi[o][j])).toBeLessThan(1e-9);
    }
  }
}

const CASES: [string, ModelOptions][] = [
  ['regression GBDT, 6 features', { d: 6, trees: 8 }],
  ['binary GBDT, 3 features (repeats on most paths)', { d: 3, trees: 10, classes: 2 }],
  ['binary GBDT, 2 features, depth 6', { d: 2, trees: 5, classes: 2, maxDepth: 6 }],
  ['softmax GBDT, 3 classes, one tree per class per round', { d: 5, trees: 9, classes: 3 }],
  ['forest, 4 classes, averaged leaves of width 4', { d: 4, trees: 7, classes: 4, modelKind: 'forest' }],
  ['regression forest', { d: 5, trees: 6, modelKind: 'forest' }],
];

describe('treeShap', () => {
  test.each(CASES)('local accuracy: %s', (_, o) => {
    for (let seed = 1; seed <= 5; seed++) {
      const model = randomModel(seed, o);
      expectLocalAccuracy(model, randomRows(seed + 100, model, 60), 60);
    }
  });

  test.each(CASES)('equals brute-force Shapley values: %s', (_, o) => {
    for (let seed = 1; seed <= 4; seed++) {
      const model = randomModel(seed, o);
      expectExact(model, randomRows(seed + 200, model, 12), 12);
    }
  });

  test('a feature that no tree uses gets exactly 0', () => {
    const model = randomModel(7, { d: 4, trees: 6, classes: 2 });
    // Widen X by a fifth column that no split reads.
    const wide = { ...model, features: 5 };
    const X = randomRows(8, wide, 40);
    const shap = treeShap(wide, X, 40);
    for (let i = 0; i < 40; i++) expect(shap.values[i * 5 + 4]).toBe(0);
    expectLocalAccuracy(wide, X, 40);
  });

  test('a single-leaf tree gives all zeros and its value as the expectation', () => {
    const leaf: Tree = { feature: [], threshold: [], categories: [], missingLeft: [], left: [], right: [], cover: [], leafValue: [0.75], leafCover: [10], gain: [] };
    const model: TreeEnsemble = {
      kind: 'trees', modelKind: 'gbdt', task: 'regression', numClasses: 1, outputs: 1, width: 1,
      base: [0.5], trees: [leaf], treeOutput: [0], aggregate: 'sum', link: 'identity', features: 3, categorical: [],
    };
    const shap = treeShap(model, new Float64Array([1, 2, 3, NaN, 0, -1]), 2);
    expect(Array.from(shap.values)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(shap.expected)).toEqual([1.25]);
    // Mixed with real trees it still adds nothing of its own.
    const mixed = randomModel(3, { d: 3, trees: 4 });
    mixed.trees.splice(2, 0, leaf);
    mixed.treeOutput.push(0);
    expectExact(mixed, randomRows(4, mixed, 10), 10);
  });

  test('covers that drift from their children\'s sum, or are zero, keep both properties', () => {
    const rng = createRng(99);
    for (let seed = 1; seed <= 4; seed++) {
      const model = randomModel(seed, { d: 4, trees: 6, classes: 2 });
      for (const tree of model.trees) {
        tree.cover = tree.cover.map((c) => c * (0.8 + 0.4 * rng.next()));
        tree.leafCover = tree.leafCover.map((c) => (rng.next() < 0.25 ? 0 : c));
      }
      const X = randomRows(seed, model, 30);
      expectLocalAccuracy(model, X, 30);
      expectExact(model, X, 30);
      expect(treeShap(model, X, 30).values.every(Number.isFinite)).toBe(true);
    }
  });

  test('a feature split twice on one path (hand-built)', () => {
    // root: x0 <= 1 ? (x1 <= 0 ? (x0 <= -1 ? A : B) : C) : (x0 <= 2 ? D : E)
    const tree: Tree = {
      feature: [0, 1, 0, 0],
      threshold: [1, 0, -1, 2],
      categories: [null, null, null, null],
      missingLeft: [true, false, true, false],
      left: [1, 2, ~0, ~3],
      right: [3, ~2, ~1, ~4],
      cover: [20, 12, 7, 8],
      leafValue: [1, -2, 3, 0.5, -1],
      leafCover: [3, 4, 5, 6, 2],
      gain: [1, 1, 1, 1],
    };
    const model: TreeEnsemble = {
      kind: 'trees', modelKind: 'gbdt', task: 'regression', numClasses: 1, outputs: 1, width: 1,
      base: [0], trees: [tree], treeOutput: [0], aggregate: 'sum', link: 'identity', features: 2, categorical: [],
    };
    const X = new Float64Array([-2, -1, 0, -1, 0.5, 3, 1.5, 0, 3, 0, NaN, -1, 1, NaN]);
    expectExact(model, X, 7);
    expectLocalAccuracy(model, X, 7);
    expect(treeShap(model, X, 7).expected[0]).toBeCloseTo((3 * 1 - 2 * 4 + 3 * 5 + 0.5 * 6 - 2) / 20, 12);
  });

  test('rows selects and orders the explained rows', () => {
    const model = randomModel(11, { d: 4, trees: 5, classes: 3 });
    const X = randomRows(12, model, 20);
    const all = treeShap(model, X, 20);
    const some = treeShap(model, X, 20, [7, 2, 19]);
    const stride = all.outputs * all.features;
    expect(some.rows).toBe(3);
    [7, 2, 19].forEach((r, i) => expect(Array.from(some.values.subarray(i * stride, (i + 1) * stride))).toEqual(Array.from(all.values.subarray(r * stride, (r + 1) * stride))));
    expect(() => treeShap(model, X, 20, [20])).toThrow(RangeError);
  });
});

describe('shapSummary', () => {
  test('mean |contribution| per output, largest first', () => {
    const result = {
      values: new Float64Array([1, -3, 0, /* row 0, output 1 */ 2, 2, 0, /* row 1 */ -1, 1, 0.5, 0, 4, -2]),
      expected: new Float64Array(2), rows: 2, features: 3, outputs: 2,
    };
    const [o0, o1] = shapSummary(result, ['a', 'b', 'c']);
    expect(o0.map((e) => e.name)).toEqual(['b', 'a', 'c']);
    expect(o0[0]).toEqual({ name: 'b', feature: 1, meanAbs: 2, mean: -1 });
    expect(o0[2]).toEqual({ name: 'c', feature: 2, meanAbs: 0.25, mean: 0.25 });
    expect(o1.map((e) => [e.name, e.meanAbs])).toEqual([['b', 3], ['a', 1], ['c', 1]]);
  });
});
