/** Permutation importance of a trained model, per input column. */
import { evaluateClassification, evaluateRegression, higherIsBetter, logLoss, permutationImportance, primaryMetric, reportMetrics, type Importance, type PredictFn } from '../evaluate';
import { featureGroups, type FittedRecipe, type Transformed } from '../recipe';
import { readDenseNet } from './explain/denseNet';
import { densePermutationImportance } from './explain/densePermutation';
import { rankAuc } from './explain/rankAuc';
import { predictAsync } from './predict';
import type { Trained } from './types';

export interface ExplainOptions {
  /** Default: the task's primary metric. */
  metric?: string;
  /** Default 5. */
  repeats?: number;
  seed?: number;
  signal?: AbortSignal;
  /** Predictions to use instead of the model's own (`predictAsync`), e.g. a faster equivalent (networks of dense layers take a faster path still). */
  predict?: PredictFn;
}

/**
 * Importance of each input column on `data` (ideally the test rows): the drop in `metric` when the
 * column's features are shuffled together, in the metric's better direction. Sorted, largest first.
 */
export async function modelImportance(model: Trained, data: Transformed, fitted: FittedRecipe, o: ExplainOptions = {}): Promise<Importance[]> {
  const metric = o.metric ?? primaryMetric(fitted.task);
  const sign = higherIsBetter(metric) ? 1 : -1;
  const score = (out: Float32Array) => sign * (quickMetric(metric, data.y!, out, fitted.classes?.length ?? 1) ?? reportMetrics(fitted.task === 'regression' ? evaluateRegression(data.y!, out) : evaluateClassification(data.y!, out, fitted.classes!))[metric]);
  const common = {
    X: data.X,
    n: data.n,
    d: data.featureNames.length,
    score,
    groups: featureGroups(fitted),
    repeats: o.repeats ?? 5,
    seed: o.seed ?? 0,
    ...(o.signal ? { signal: o.signal } : {}),
  };
  // Dense networks: the same shuffles and scores, predicting only what each shuffle changes.
  const net = model.kind === 'tf' ? await readDenseNet(model) : null;
  const result = net
    ? await densePermutationImportance(net, common)
    : await permutationImportance({ ...common, predict: o.predict ?? ((X, n) => predictAsync(model, X, n)) });
  return result.sort((a, b) => b.mean - a.mean);
}

/**
 * The primary metrics computed alone: a full report (curves, calibration, every metric) on each
 * of the many shuffles would cost far more than the predictions. Null for other metrics.
 */
function quickMetric(metric: string, y: Int32Array | Float32Array, out: Float32Array, k: number): number | null {
  if (metric === 'rocAuc' && k === 2) {
    const positive = new Float32Array(y.length);
    for (let i = 0; i < y.length; i++) positive[i] = out[i * 2 + 1];
    return rankAuc(y, positive);
  }
  if (metric === 'logLoss') return logLoss(y, out, k);
  if (metric === 'rmse' && k === 1) {
    let se = 0;
    for (let i = 0; i < y.length; i++) se += (out[i] - y[i]) ** 2;
    return Math.sqrt(se / y.length);
  }
  return null;
}
