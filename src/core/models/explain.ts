/** Permutation importance and partial dependence for a trained model, per input column. */
import { evaluateClassification, evaluateRegression, higherIsBetter, partialDependence, permutationImportance, primaryMetric, reportMetrics, type Importance, type PartialDependence } from '../evaluate';
import { featureGroups, type FittedRecipe, type Transformed } from '../recipe';
import { predictAsync } from './predict';
import type { Trained } from './types';

export interface ExplainOptions {
  /** Default: the task's primary metric. */
  metric?: string;
  /** Default 5. */
  repeats?: number;
  seed?: number;
  signal?: AbortSignal;
}

/**
 * Importance of each input column on `data` (ideally the test rows): the drop in `metric` when the
 * column's features are shuffled together, in the metric's better direction. Sorted, largest first.
 */
export async function modelImportance(model: Trained, data: Transformed, fitted: FittedRecipe, o: ExplainOptions = {}): Promise<Importance[]> {
  const metric = o.metric ?? primaryMetric(fitted.task);
  const sign = higherIsBetter(metric) ? 1 : -1;
  const score = (out: Float32Array) => {
    const report = fitted.task === 'regression' ? evaluateRegression(data.y!, out) : evaluateClassification(data.y!, out, fitted.classes!);
    return sign * reportMetrics(report)[metric];
  };
  const result = await permutationImportance({
    X: data.X,
    n: data.n,
    d: data.featureNames.length,
    predict: (X, n) => predictAsync(model, X, n),
    score,
    groups: featureGroups(fitted),
    repeats: o.repeats ?? 5,
    seed: o.seed ?? 0,
    ...(o.signal ? { signal: o.signal } : {}),
  });
  return result.sort((a, b) => b.mean - a.mean);
}

/** Partial dependence of the model's output on feature `name` (a column of X). */
export function modelPartialDependence(model: Trained, data: Transformed, name: string, gridSize = 20): Promise<PartialDependence> {
  const feature = data.featureNames.indexOf(name);
  if (feature < 0) throw new Error(`Feature '${name}' is not among the model's inputs (${data.featureNames.slice(0, 10).join(', ')}…).`);
  return partialDependence({ X: data.X, n: data.n, d: data.featureNames.length, predict: (X, n) => predictAsync(model, X, n), feature, gridSize });
}
