import type { TreeEnsemble } from '../../models';
import { DeployError } from '../errors';
import { float32AtMost } from '../treesSpec';
import { ML, type GraphBuilder } from './graphBuilder';

/** The model's output before `classifierOutputs`: [N, units] (units 1 for binary: P(class 1)). */
export interface TreesOutput {
  out: string;
  units: number;
}

/** ai.onnx.ml TreeEnsembleRegressor attributes, node tuples and leaf votes as parallel lists. */
interface Ensemble {
  treeIds: number[];
  nodeIds: number[];
  featureIds: number[];
  values: number[];
  modes: string[];
  trueIds: number[];
  falseIds: number[];
  missingTrue: number[];
  targetTree: number[];
  targetNode: number[];
  targetIds: number[];
  targetWeights: number[];
}

/**
 * The ensemble over float [N,1] features as one TreeEnsembleRegressor giving raw scores (SUM or
 * AVERAGE, base values added after), then the link as standard ops, as predictTrees.ts does.
 * Categorical features map codes < 0 (missing, unseen) to NaN first, so every missing value
 * follows `nodes_missing_value_tracks_true`. A categorical set split becomes a chain of BRANCH_EQ
 * nodes, one per category: equal → the left subtree, otherwise the next test, the last one's
 * false branch → the right subtree; NaN fails every test, so the chain's first node sends it left
 * when the split says so. Thresholds are float32 (so are the features), rounded down so that
 * `x <= t` splits exactly as the studio's; leaf values are float32 too and ORT sums them in float,
 * which the tests hold to 1e-5 of the studio's doubles.
 */
export function treesGraph(g: GraphBuilder, e: TreeEnsemble, features: string[]): TreesOutput {
  if (features.length === 0) throw new DeployError('The tree ensemble reads no columns, so the ONNX graph has no input to size its output by; train it with at least one feature.');
  const categorical = new Set(e.categorical);
  const columns = features.map((f, j) => (categorical.has(j) ? g.op('Where', [g.op('Less', [f, g.floats([0])]), g.floats([NaN]), f]) : f));
  const X = columns.length === 1 ? columns[0] : g.op('Concat', columns, { axis: { i: 1 } });
  const t = ensembleAttributes(e);
  const raw = g.op(
    'TreeEnsembleRegressor',
    [X],
    {
      n_targets: { i: e.outputs },
      aggregate_function: { s: e.aggregate === 'average' ? 'AVERAGE' : 'SUM' },
      post_transform: { s: 'NONE' },
      base_values: { floats: [...e.base] },
      nodes_treeids: { ints: t.treeIds },
      nodes_nodeids: { ints: t.nodeIds },
      nodes_featureids: { ints: t.featureIds },
      nodes_values: { floats: t.values },
      nodes_modes: { strings: t.modes },
      nodes_truenodeids: { ints: t.trueIds },
      nodes_falsenodeids: { ints: t.falseIds },
      nodes_missing_value_tracks_true: { ints: t.missingTrue },
      target_treeids: { ints: t.targetTree },
      target_nodeids: { ints: t.targetNode },
      target_ids: { ints: t.targetIds },
      target_weights: { floats: t.targetWeights },
    },
    ML,
  );
  if (e.task === 'regression') return { out: raw, units: 1 };
  if (e.task === 'binary') {
    const p = e.link === 'sigmoid' ? g.op('Sigmoid', [raw]) : g.op('Min', [g.op('Max', [raw, g.floats([0])]), g.floats([1])]);
    return { out: p, units: 1 };
  }
  return { out: e.link === 'softmax' ? g.op('Softmax', [raw], { axis: { i: 1 } }) : raw, units: e.outputs };
}

/** Node ids per tree run 0.. with no gaps (ORT requires it): internal nodes' chains first, then the leaves. */
function ensembleAttributes(e: TreeEnsemble): Ensemble {
  const a: Ensemble = { treeIds: [], nodeIds: [], featureIds: [], values: [], modes: [], trueIds: [], falseIds: [], missingTrue: [], targetTree: [], targetNode: [], targetIds: [], targetWeights: [] };
  const node = (tree: number, id: number, feature: number, value: number, mode: string, yes: number, no: number, missing: boolean) => {
    a.treeIds.push(tree);
    a.nodeIds.push(id);
    a.featureIds.push(feature);
    a.values.push(value);
    a.modes.push(mode);
    a.trueIds.push(yes);
    a.falseIds.push(no);
    a.missingTrue.push(missing ? 1 : 0);
  };
  e.trees.forEach((tree, t) => {
    // An empty set still needs one test: code -1 never arrives (negative codes became NaN).
    const chain = tree.categories.map((cats) => (cats === null ? [] : cats.length ? [...cats].sort((x, y) => x - y) : [-1]));
    const first: number[] = [];
    let next = 0;
    tree.feature.forEach((_, i) => {
      first.push(next);
      next += tree.categories[i] === null ? 1 : chain[i].length;
    });
    const leafBase = next;
    const idOf = (c: number) => (c >= 0 ? first[c] : leafBase + ~c);
    tree.feature.forEach((f, i) => {
      const yes = idOf(tree.left[i]);
      const no = idOf(tree.right[i]);
      const missing = tree.missingLeft[i];
      if (tree.categories[i] === null) {
        node(t, first[i], f, float32AtMost(tree.threshold[i]), 'BRANCH_LEQ', yes, no, missing);
        return;
      }
      chain[i].forEach((code, j) => node(t, first[i] + j, f, code, 'BRANCH_EQ', yes, j + 1 < chain[i].length ? first[i] + j + 1 : no, missing));
    });
    const leaves = tree.leafValue.length / e.width;
    for (let l = 0; l < leaves; l++) {
      node(t, leafBase + l, 0, 0, 'LEAF', 0, 0, false);
      for (let w = 0; w < e.width; w++) {
        a.targetTree.push(t);
        a.targetNode.push(leafBase + l);
        a.targetIds.push(e.treeOutput[t] + w);
        a.targetWeights.push(tree.leafValue[l * e.width + w]);
      }
    }
  });
  return a;
}
