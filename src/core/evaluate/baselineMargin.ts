/**
 * How much better than its baseline a model is, graded with fixed margins. The evaluation verdict,
 * the badge beside it, the runs table, the CLI and the model card all grade with this one rule.
 */

/** Metrics where lower is better; every other metric is higher-is-better. */
const LOWER_IS_BETTER = new Set(['rmse', 'mse', 'mae', 'mape', 'medianAe', 'logLoss', 'brier']);

export function higherIsBetter(metric: string): boolean {
  return !LOWER_IS_BETTER.has(metric);
}

/** `worse` or `same` (within noise) do not beat the baseline; `barely` does, by too little to rely on. */
export type BaselineGrade = 'worse' | 'same' | 'barely' | 'better';

export interface BaselineMargin {
  grade: BaselineGrade;
  /**
   * The improvement as a share, 0..1 when better (negative when worse):
   * - RMSE: the share of the baseline's squared error removed, 1 − (model / baseline)², which is R²
   *   measured against the training mean;
   * - other errors (MAE, log loss, Brier…): the share of the baseline's error removed, 1 − model / baseline;
   * - scores whose best is 1 (accuracy, ROC AUC, R², F1…): the share of the gap between the
   *   baseline and a perfect score that the model closes, (model − baseline) / (1 − baseline).
   */
  relative: number;
}

/** Improvements within ±2 % are noise: "no better than the baseline". */
export const SAME_MARGIN = 0.02;
/** Improvements from 2 % to under 10 % are "barely better". */
export const BARELY_MARGIN = 0.1;

/** Grades `model` against `baseline` on `metric` (see {@link BaselineMargin.relative} for the scale). */
export function baselineMargin(metric: string, model: number, baseline: number): BaselineMargin {
  const relative = relativeImprovement(metric, model, baseline);
  if (!Number.isFinite(relative)) return { grade: 'same', relative: NaN };
  const grade: BaselineGrade = relative < -SAME_MARGIN ? 'worse' : relative < SAME_MARGIN ? 'same' : relative < BARELY_MARGIN ? 'barely' : 'better';
  return { grade, relative };
}

function relativeImprovement(metric: string, model: number, baseline: number): number {
  if (!Number.isFinite(model) || !Number.isFinite(baseline)) return NaN;
  if (!higherIsBetter(metric)) {
    // A perfect baseline (error 0) leaves nothing to improve: equal is "same", any error is worse.
    if (baseline <= 0) return model <= baseline ? 0 : -Infinity;
    return metric === 'rmse' ? 1 - (model / baseline) ** 2 : 1 - model / baseline;
  }
  const room = 1 - baseline;
  if (room <= 1e-12) return model >= baseline ? 0 : -Infinity;
  return (model - baseline) / room;
}
