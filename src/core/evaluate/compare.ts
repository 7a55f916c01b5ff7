/** Whether a model is worth having: does it beat the baseline on the primary metric? */
import { baselineMargin, higherIsBetter } from './baselineMargin';

export type Task = 'binary' | 'multiclass' | 'regression';

export { higherIsBetter };

/** The metric leaderboards sort by, per task. */
export function primaryMetric(task: Task): string {
  return task === 'regression' ? 'rmse' : task === 'binary' ? 'rocAuc' : 'logLoss';
}

export interface BaselineComparison {
  metric: string;
  model: number;
  baseline: number;
  /** Improvement over the baseline in the metric's better direction (positive = better). */
  improvement: number;
  beatsBaseline: boolean;
  /** A sentence for the UI, e.g. "rmse 3.1 vs baseline 7.8: beats the baseline." */
  message: string;
}

/**
 * Flags a model that does not beat the baseline by more than `minImprovement` (absolute, in the
 * metric's units; default 0) or only within noise (`baselineMargin` grades it "same" or "worse").
 */
export function compareToBaseline(
  metric: string,
  model: number,
  baseline: number,
  minImprovement = 0,
): BaselineComparison {
  const improvement = higherIsBetter(metric) ? model - baseline : baseline - model;
  const { grade } = baselineMargin(metric, model, baseline);
  const beatsBaseline = Number.isFinite(improvement) && improvement > minImprovement && (grade === 'barely' || grade === 'better');
  const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));
  const message = beatsBaseline
    ? `${metric} ${fmt(model)} vs baseline ${fmt(baseline)}: beats the baseline.`
    : `${metric} ${fmt(model)} vs baseline ${fmt(baseline)}: does not beat the baseline; check the target, the features and the recipe before trusting this model.`;
  return { metric, model, baseline, improvement, beatsBaseline, message };
}
