/**
 * What the evaluation shows for a tree model: importance by split gain and by permutation (on
 * test rows), TreeSHAP contributions summarised over test rows, and the exact contributions of a
 * few rows a person would want to inspect (the largest errors first).
 */
import { subsampleRows } from './sampleRows';
import { shapSummary, treeShap } from './shap';
import type { TreeEnsemble } from './types';

/** One row's explanation: its feature values and how much each pushed the raw score up or down. */
export interface RowContributions {
  /** Index among the explained test rows' source rows (0-based row of the table). */
  row: number;
  /** The output explained: the positive class, the predicted class, or the target. */
  output: string;
  /** Raw score (log-odds for boosted classifiers, probability for forests, target units for regression). */
  score: number;
  /** Why this row was picked. */
  reason: 'largest error' | 'sample';
  error: number;
  /** The row's true class, or its target value for regression. */
  actual?: string | number;
  contributions: { feature: string; value: number; contribution: number }[];
}

export interface TreeExplanation {
  /** Raw score the contributions are measured in, in words. */
  scale: string;
  /** Total split gain per feature as a share of all gain, largest first. */
  gain: { feature: string; share: number }[];
  /** Mean |contribution| over the explained test rows, per feature, largest first. */
  summary: { feature: string; meanAbs: number; mean: number }[];
  /** Expected raw score (per output). */
  expected: number[];
  rows: RowContributions[];
  /** Test rows the summary covers. */
  explainedRows: number;
}

export interface ExplainInput {
  X: Float32Array;
  n: number;
  featureNames: string[];
  /** Source row of each row of X. */
  rows: ArrayLike<number>;
  /** Per row: absolute error (regression) or 1 − probability of the true class. */
  errors: Float64Array;
  /** Per row: which output to explain (class code for multiclass; 0 otherwise). */
  outputOf: (i: number) => number;
  outputName: (k: number) => string;
  /** Per row: its true class or target value. */
  actualOf?: (i: number) => string | number;
}

/** Total gain per feature, as shares. */
export function gainImportance(model: TreeEnsemble, featureNames: string[]): TreeExplanation['gain'] {
  const total = new Float64Array(model.features);
  for (const t of model.trees) for (let i = 0; i < t.feature.length; i++) total[t.feature[i]] += t.gain[i];
  const sum = total.reduce((a, b) => a + b, 0) || 1;
  return featureNames.map((feature, j) => ({ feature, share: total[j] / sum })).sort((a, b) => b.share - a.share);
}

/**
 * Rows TreeSHAP can explain within about a second: its cost per row grows with each tree's
 * leaves times its depth squared, which for deep forests is thousands of times a shallow GBDT's.
 */
export function shapRowBudget(model: TreeEnsemble, maxRows = 500, budget = 3e8): number {
  let perRow = 0;
  for (const t of model.trees) {
    const depth = treeDepth(t);
    perRow += t.leafCover.length * (depth + 1) * (depth + 1);
  }
  return Math.max(10, Math.min(maxRows, Math.floor(budget / Math.max(1, perRow * model.width))));
}

function treeDepth(t: TreeEnsemble['trees'][number]): number {
  if (t.feature.length === 0) return 0;
  const depth = new Int32Array(t.feature.length);
  let max = 0;
  // Preorder numbering: a parent precedes its internal children.
  for (let i = 0; i < t.feature.length; i++) {
    for (const c of [t.left[i], t.right[i]]) {
      if (c >= 0) depth[c] = depth[i] + 1;
      else max = Math.max(max, depth[i] + 1);
    }
  }
  return max;
}

export function explainTrees(model: TreeEnsemble, input: ExplainInput, o: { maxRows?: number; pick?: number; seed?: number } = {}): TreeExplanation {
  const sample = subsampleRows(input.n, shapRowBudget(model, o.maxRows ?? 500), o.seed ?? 0);
  const shap = treeShap(model, input.X, input.n, sample);
  const d = model.features;
  const K = model.outputs;
  const perOutput = shapSummary(shap, input.featureNames);
  // One summary across outputs: for several classes, the mean |contribution| adds up over classes.
  const byFeature = new Map<string, { feature: string; meanAbs: number; mean: number }>();
  for (const list of perOutput) for (const e of list) {
    const acc = byFeature.get(e.name) ?? { feature: e.name, meanAbs: 0, mean: 0 };
    acc.meanAbs += e.meanAbs;
    acc.mean += K === 1 ? e.mean : 0;
    byFeature.set(e.name, acc);
  }
  const pick = o.pick ?? 10;
  const order = Array.from(sample.keys()).sort((a, b) => input.errors[sample[b]] - input.errors[sample[a]] || a - b);
  const chosen = [...order.slice(0, pick).map((i) => ({ i, reason: 'largest error' as const })), ...Array.from(sample.keys()).filter((i) => !order.slice(0, pick).includes(i)).slice(0, pick).map((i) => ({ i, reason: 'sample' as const }))];
  const rows = chosen.map(({ i, reason }) => {
    const r = sample[i];
    const k = K === 1 ? 0 : input.outputOf(r);
    const base = (i * K + k) * d;
    let score = shap.expected[k];
    const contributions = input.featureNames.map((feature, j) => {
      score += shap.values[base + j];
      return { feature, value: input.X[r * d + j], contribution: shap.values[base + j] };
    });
    contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    return { row: input.rows[r], output: input.outputName(k), score, reason, error: input.errors[r], ...(input.actualOf ? { actual: input.actualOf(r) } : {}), contributions };
  });
  return {
    scale: model.link === 'sigmoid' ? 'log-odds' : model.link === 'softmax' ? 'log-odds (softmax score)' : model.task === 'regression' ? 'target units' : 'probability',
    gain: gainImportance(model, input.featureNames),
    summary: [...byFeature.values()].sort((a, b) => b.meanAbs - a.meanAbs),
    expected: Array.from(shap.expected),
    rows,
    explainedRows: sample.length,
  };
}
