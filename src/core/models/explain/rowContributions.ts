/**
 * Per-row contributions of each input column for models other than trees: exact from the
 * coefficients for linear and logistic regression (on the link scale), estimated by Shapley
 * sampling with a standard error for networks. Rows explained: the largest errors, then a sample.
 */
import type { PredictFn } from '../../evaluate';
import { featureGroups, type FittedRecipe, type Transformed } from '../../recipe';
import { readBack } from '../network/readBack';
import { subsampleRows } from '../trees/sampleRows';
import type { NetworkModel } from '../types';
import { groupValue } from './columnAxis';
import { shapleySampling } from './shapleySampling';
import type { ContributionSet, ExplainedRow } from './types';
import { formatCount } from '../../format';

export interface ContributionOptions {
  /** Largest errors explained, then as many sampled rows. Default 10. */
  pick?: number;
  /** Background rows for sampling. Default 50. */
  background?: number;
  seed?: number;
  signal?: AbortSignal;
}

type Group = { name: string; columns: number[] };

/** Per test row: the error (|residual| or 1 − P(true class)) and the output index explained. */
export function rowTargets(fitted: FittedRecipe, y: ArrayLike<number>, pred: Float32Array, n: number): { errors: Float64Array; output: Int32Array } {
  const k = pred.length / Math.max(1, n);
  const errors = new Float64Array(n);
  const output = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (fitted.task === 'regression') errors[i] = Math.abs(pred[i] - y[i]);
    else {
      errors[i] = 1 - pred[i * k + y[i]];
      if (fitted.task === 'binary') output[i] = 1;
      else for (let c = 1; c < k; c++) if (pred[i * k + c] > pred[i * k + output[i]]) output[i] = c;
    }
  }
  return { errors, output };
}

/** A test row's true class (its code in `y`), or its target value for regression. */
export const actualOf = (fitted: FittedRecipe, y: number): string | number => (fitted.task === 'regression' ? y : fitted.classes![y]);

/** Indices of the `pick` largest errors, then `pick` other rows drawn with a seed. */
function pickRows(errors: Float64Array, pick: number, seed: number): { i: number; reason: ExplainedRow['reason'] }[] {
  const order = Array.from(errors.keys()).sort((a, b) => errors[b] - errors[a] || a - b);
  const worst = order.slice(0, pick);
  const taken = new Set(worst);
  const sample = Array.from(subsampleRows(errors.length, Math.min(errors.length, 3 * pick), seed)).filter((i) => !taken.has(i)).slice(0, pick);
  return [...worst.map((i) => ({ i, reason: 'largest error' as const })), ...sample.map((i) => ({ i, reason: 'sample' as const }))];
}

/** The single dense layer of a linear or logistic model without embeddings, or null. */
function linearLayer(model: NetworkModel) {
  if (model.modelKind === 'mlp' || model.embeddings?.length) return null;
  const dense = model.model.layers.filter((l) => l.getClassName() === 'Dense');
  return dense.length === 1 ? dense[0] : null;
}

/** `predict` is the model's (or an equivalent), for sampling. */
export async function rowContributions(model: NetworkModel, predict: PredictFn, test: Transformed, fitted: FittedRecipe, pred: Float32Array, o: ContributionOptions = {}): Promise<ContributionSet> {
  const d = test.featureNames.length;
  const groups = featureGroups(fitted);
  const { errors, output } = rowTargets(fitted, test.y!, pred, test.n);
  const chosen = pickRows(errors, o.pick ?? 10, o.seed ?? 0);
  const outputName = (c: number) => (fitted.task === 'regression' ? fitted.target : fitted.classes![c]);
  const describe = (i: number, reason: ExplainedRow['reason'], score: number, phi: number[], se?: number[]): ExplainedRow => {
    const x = test.X.subarray(i * d, (i + 1) * d);
    const contributions = groups.map((g, k) => ({ feature: g.name, ...groupValue(fitted, g, x), contribution: phi[k], ...(se ? { se: se[k] } : {}) }));
    contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    return { row: test.rows[i], output: outputName(output[i]), score, reason, error: errors[i], actual: actualOf(fitted, test.y![i]), contributions };
  };
  const layer = linearLayer(model);
  if (layer) {
    const [kernel, bias] = await Promise.all(layer.getWeights().map((w) => readBack(w)));
    const K = bias.length;
    const mean = columnMeans(test.X, test.n, d);
    const rows = chosen.map(({ i, reason }) => {
      if (o.signal?.aborted) throw new DOMException('Explaining the model was cancelled.', 'AbortError');
      // Binary logistic has one logit (for the positive class); multiclass one per class.
      const c = K === 1 ? 0 : output[i];
      const phi = groups.map((g) => g.columns.reduce((s, j) => s + kernel[j * K + c] * (test.X[i * d + j] - mean[j]), 0));
      let base = bias[c];
      for (let j = 0; j < d; j++) base += kernel[j * K + c] * mean[j];
      return describe(i, reason, base + phi.reduce((s, v) => s + v, 0), phi);
    });
    const scale = fitted.task === 'regression' ? 'target units' : fitted.task === 'binary' ? 'log-odds' : 'log-odds (softmax score)';
    return { scale, method: 'coefficients', reference: `${formatCount(test.n)} test rows`, rows };
  }
  return sampledContributions(predict, test, fitted, groups, chosen, output, describe, o);
}

async function sampledContributions(
  predict: PredictFn,
  test: Transformed,
  fitted: FittedRecipe,
  groups: Group[],
  chosen: { i: number; reason: ExplainedRow['reason'] }[],
  output: Int32Array,
  describe: (i: number, reason: ExplainedRow['reason'], score: number, phi: number[], se?: number[]) => ExplainedRow,
  o: ContributionOptions,
): Promise<ContributionSet> {
  const d = test.featureNames.length;
  const bgRows = subsampleRows(test.n, o.background ?? 50, (o.seed ?? 0) + 1);
  const background = new Float32Array(bgRows.length * d);
  bgRows.forEach((r, i) => background.set(test.X.subarray(r * d, (r + 1) * d), i * d));
  // As many pairs as background rows (each row used once), fewer when there are very many columns.
  const pairs = Math.max(8, Math.min(bgRows.length, Math.floor(60_000 / (2 * (groups.length + 1)))));
  const rows: ExplainedRow[] = [];
  for (const { i, reason } of chosen) {
    if (o.signal?.aborted) throw new DOMException('Explaining the model was cancelled.', 'AbortError');
    const est = await shapleySampling({
      x: test.X.subarray(i * d, (i + 1) * d),
      background,
      d,
      groups: groups.map((g) => g.columns),
      predict,
      output: output[i],
      pairs,
      seed: (o.seed ?? 0) + i,
    });
    rows.push(describe(i, reason, est.score, est.phi, est.se));
  }
  return {
    scale: fitted.task === 'regression' ? 'target units' : 'probability',
    method: 'sampling',
    reference: `${formatCount(bgRows.length)} sampled test rows`,
    rows,
    samples: { permutations: pairs * 2, background: bgRows.length },
  };
}

function columnMeans(X: Float32Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X[i * d + j] / n;
  return mean;
}
