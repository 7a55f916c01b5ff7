/**
 * Exact path-dependent TreeSHAP (Lundberg et al. 2020, Algorithm 2; the EXTEND/UNWIND recursion of
 * the shap package's tree_shap and XGBoost's TreeShap) in raw-score space: contributions add up
 * to the raw score before the link (log-odds, per-class softmax scores, or the identity).
 *
 * A node's children are weighted by their covers over the sum of both children's covers, not over
 * the node's own cover: for a consistent tree the two agree, and when a trainer's covers drift
 * (float sums, subsampling) the fractions still sum to 1, so local accuracy still holds.
 */
import { goesLeft } from './predictTrees';
import { credit, extend, unwind, type Walk } from './shapPath';
import type { Tree, TreeEnsemble } from './types';

export interface TreeShap {
  /** Contributions, rows × outputs × features, row-major ([row][output][feature]). */
  values: Float64Array;
  /** Per output, the cover-weighted expected raw score: what the contributions of a row add to. */
  expected: Float64Array;
  rows: number;
  features: number;
  outputs: number;
}

/**
 * SHAP values of `model` for the rows of X (n × model.features, row-major) listed in `rows`
 * (default: all n).
 */
export function treeShap(model: TreeEnsemble, X: ArrayLike<number>, n: number, rows?: ArrayLike<number>): TreeShap {
  const d = model.features;
  const k = model.outputs;
  const T = model.trees.length;
  const count = rows ? rows.length : n;
  const scale = model.aggregate === 'average' && T > 0 ? 1 / T : 1;
  const fractions = model.trees.map(leftFractions);
  const expected = expectedScores(model, scale, fractions);
  const values = new Float64Array(count * k * d);
  let maxDepth = 0;
  for (const tree of model.trees) if (tree.feature.length > 0) maxDepth = Math.max(maxDepth, depthOf(tree, 0));
  // Level u of the recursion holds u + 1 path elements; one spare level keeps the bound simple.
  const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
  const w: Walk = {
    tree: model.trees[0],
    leftFrac: fractions[0],
    X,
    at: 0,
    width: model.width,
    d,
    scale,
    phi: values,
    phiAt: 0,
    feat: new Int32Array(size),
    zero: new Float64Array(size),
    one: new Float64Array(size),
    pw: new Float64Array(size),
    recip: new Float64Array(maxDepth + 3).map((_, k) => 1 / k),
    ratio: new Float64Array(maxDepth + 1),
  };
  for (let i = 0; i < count; i++) {
    const r = rows ? rows[i] : i;
    if (!(r >= 0 && r < n)) throw new RangeError(`Row ${r} is outside 0..${n - 1}.`);
    w.at = r * d;
    for (let t = 0; t < T; t++) {
      const tree = model.trees[t];
      // A single leaf moves no feature: its value is all in `expected`.
      if (tree.feature.length === 0) continue;
      w.tree = tree;
      w.leftFrac = fractions[t];
      w.phiAt = (i * k + model.treeOutput[t]) * d;
      recurse(w, 0, 0, 0, 0, 1, 1, -1);
    }
  }
  return { values, expected, rows: count, features: d, outputs: k };
}

/** Mean absolute (and signed) contribution of one feature to one output over the explained rows. */
export interface ShapSummaryEntry {
  name: string;
  /** Column of X. */
  feature: number;
  meanAbs: number;
  mean: number;
}

/** Per output, every feature's mean |contribution| over the rows, largest first. */
export function shapSummary(result: TreeShap, featureNames: readonly string[]): ShapSummaryEntry[][] {
  const { values, rows, features: d, outputs: k } = result;
  if (featureNames.length !== d) throw new Error(`Expected ${d} feature names, got ${featureNames.length}.`);
  const out: ShapSummaryEntry[][] = [];
  for (let o = 0; o < k; o++) {
    const abs = new Float64Array(d);
    const sum = new Float64Array(d);
    for (let i = 0; i < rows; i++) {
      const base = (i * k + o) * d;
      for (let j = 0; j < d; j++) {
        const v = values[base + j];
        abs[j] += Math.abs(v);
        sum[j] += v;
      }
    }
    const div = rows > 0 ? rows : 1;
    const entries = featureNames.map((name, j) => ({ name, feature: j, meanAbs: abs[j] / div, mean: sum[j] / div }));
    out.push(entries.sort((a, b) => b.meanAbs - a.meanAbs || a.feature - b.feature));
  }
  return out;
}

/**
 * One step of Algorithm 2: copies the parent's path (at `parent`, `depth` elements) to `start`,
 * extends it with the edge just taken, then either credits a leaf's value to every feature on the
 * path or descends into both children.
 */
function recurse(w: Walk, node: number, parent: number, start: number, depth: number, pz: number, po: number, pf: number): void {
  const { feat, zero, one, pw, tree } = w;
  if (start !== parent) {
    for (let i = 0; i < depth; i++) {
      feat[start + i] = feat[parent + i];
      zero[start + i] = zero[parent + i];
      one[start + i] = one[parent + i];
      pw[start + i] = pw[parent + i];
    }
  }
  extend(w, start, depth, pz, po, pf);

  if (node < 0) {
    credit(w, ~node, start, depth);
    return;
  }

  const split = tree.feature[node];
  const l = tree.left[node];
  const r = tree.right[node];
  const hot = goesLeft(tree, node, w.X[w.at + split]) ? l : r;
  const cold = hot === l ? r : l;
  const fl = w.leftFrac[node];
  const hotFrac = hot === l ? fl : 1 - fl;

  // A feature met again on this path: undo its earlier edge so it is counted once, carrying its fractions.
  let iz = 1;
  let io = 1;
  let p = 0;
  while (p <= depth && feat[start + p] !== split) p++;
  if (p <= depth) {
    iz = zero[start + p];
    io = one[start + p];
    unwind(w, start, depth, p);
    depth--;
  }
  const child = start + depth + 2;
  recurse(w, hot, start, child, depth + 1, hotFrac * iz, io, split);
  // A cold edge of zero weight zeroes every permutation weight below it (exactly no contribution),
  // and unwinding it later would divide by that zero.
  const coldZero = (1 - hotFrac) * iz;
  if (coldZero > 0) recurse(w, cold, start, child, depth + 1, coldZero, 0, split);
}

function coverOf(tree: Tree, child: number): number {
  return child >= 0 ? tree.cover[child] : tree.leafCover[~child];
}

function leftFractions(tree: Tree): Float64Array {
  return Float64Array.from(tree.feature, (_, node) => {
    const cl = coverOf(tree, tree.left[node]);
    const total = cl + coverOf(tree, tree.right[node]);
    return total > 0 ? cl / total : 0.5;
  });
}

function depthOf(tree: Tree, node: number): number {
  return node < 0 ? 0 : 1 + Math.max(depthOf(tree, tree.left[node]), depthOf(tree, tree.right[node]));
}

/** base + each tree's cover-weighted mean leaf (with the walk's child fractions), scaled. */
function expectedScores(model: TreeEnsemble, scale: number, fractions: Float64Array[]): Float64Array {
  const out = new Float64Array(model.outputs);
  const width = model.width;
  const acc = new Float64Array(width);
  for (let t = 0; t < model.trees.length; t++) {
    const tree = model.trees[t];
    acc.fill(0);
    meanLeaf(tree, fractions[t], tree.feature.length === 0 ? -1 : 0, 1, width, acc);
    for (let c = 0; c < width; c++) out[model.treeOutput[t] + c] += acc[c];
  }
  for (let j = 0; j < model.outputs; j++) out[j] = model.base[j] + out[j] * scale;
  return out;
}

function meanLeaf(tree: Tree, fractions: Float64Array, node: number, weight: number, width: number, acc: Float64Array): void {
  if (node < 0) {
    for (let c = 0; c < width; c++) acc[c] += weight * tree.leafValue[~node * width + c];
    return;
  }
  const l = tree.left[node];
  const fl = fractions[node];
  meanLeaf(tree, fractions, l, weight * fl, width, acc);
  meanLeaf(tree, fractions, tree.right[node], weight * (1 - fl), width, acc);
}
