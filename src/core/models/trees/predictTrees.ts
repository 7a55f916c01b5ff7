import { compiledLeaf, compileTree } from './compiled';
import type { Tree, TreeEnsemble } from './types';

/** The leaf a row of X (starting at `at`) reaches in `tree`. */
export function leafOf(tree: Tree, X: ArrayLike<number>, at: number): number {
  if (tree.feature.length === 0) return 0;
  let node = 0;
  while (node >= 0) node = goesLeft(tree, node, X[at + tree.feature[node]]) ? tree.left[node] : tree.right[node];
  return ~node;
}

/** Whether value `x` of the node's feature goes left: the one routing rule every tree reader follows. */
export function goesLeft(tree: Tree, node: number, x: number): boolean {
  const cats = tree.categories[node];
  if (x !== x || (cats !== null && x < 0)) return tree.missingLeft[node];
  if (cats === null) return Math.fround(x) <= tree.threshold[node];
  return includes(cats, x);
}

function includes(sorted: number[], x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === x) return true;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Raw scores (before the link), n × outputs, in doubles. */
export function rawScores(model: TreeEnsemble, X: ArrayLike<number>, n: number): Float64Array {
  const k = model.outputs;
  const d = model.features;
  const out = new Float64Array(n * k);
  const scale = model.aggregate === 'average' && model.trees.length > 0 ? 1 / model.trees.length : 1;
  const W = model.width;
  // Tree by tree, so each tree's arrays stay in cache while every row goes through it.
  for (let t = 0; t < model.trees.length; t++) {
    const compiled = compileTree(model.trees[t]);
    const values = model.trees[t].leafValue;
    const at = model.treeOutput[t];
    for (let i = 0; i < n; i++) {
      const leaf = compiledLeaf(compiled, X, i * d);
      for (let w = 0; w < W; w++) out[i * k + at + w] += values[leaf * W + w];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) out[i * k + j] = model.base[j] + out[i * k + j] * scale;
  return out;
}

/**
 * Predictions in the shape `predict` returns for every model: class probabilities n × k (binary:
 * both columns) or regression values (n). Computed in doubles, stored as float32.
 */
export function predictTrees(model: TreeEnsemble, X: ArrayLike<number>, n: number): Float32Array {
  const raw = rawScores(model, X, n);
  if (model.task === 'regression') return Float32Array.from(raw);
  return Float32Array.from(probabilities(model, raw, n));
}

/** Applies the link to raw scores: n × numClasses probabilities (binary: [1 − p, p]). */
export function probabilities(model: TreeEnsemble, raw: Float64Array, n: number): Float64Array {
  const k = model.numClasses;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    if (model.task === 'binary') {
      const z = raw[i];
      const p = model.link === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : Math.min(1, Math.max(0, z));
      out[i * 2] = 1 - p;
      out[i * 2 + 1] = p;
    } else if (model.link === 'softmax') {
      let max = -Infinity;
      for (let j = 0; j < k; j++) max = Math.max(max, raw[i * k + j]);
      let sum = 0;
      for (let j = 0; j < k; j++) sum += (out[i * k + j] = Math.exp(raw[i * k + j] - max));
      for (let j = 0; j < k; j++) out[i * k + j] /= sum;
    } else {
      for (let j = 0; j < k; j++) out[i * k + j] = raw[i * k + j];
    }
  }
  return out;
}
