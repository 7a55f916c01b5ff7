/** Inputs of `evaluationSummary`: plain numbers from the evaluation and baseline runs. */
import type { MetricPair } from './baselineWords';

interface Common {
  /** Name of the target column. */
  target: string;
  /** Dataset name or file name; a plural last word ("penguins") becomes the row noun, else "rows". */
  datasetName?: string;
  /**
   * The run's primary metric against the baseline's: the verdict badge grades this pair, so the
   * summary's baseline sentence does too. Default: accuracy (classification) or RMSE (regression).
   */
  comparison?: MetricPair;
  /** Model inputs the exploration found predicting the target almost perfectly (target leakage). */
  leaks?: readonly string[];
}

export interface ClassificationSummaryInput extends Common {
  task: 'binary' | 'multiclass';
  /** Class labels, index = code. */
  classes: readonly string[];
  /** Test-row counts, `confusion[actual][predicted]`. */
  confusion: readonly (readonly number[])[];
  /** 0..1. */
  accuracy: number;
  /** Accuracy of always predicting `baselineClass` on the same rows, 0..1. */
  baselineAccuracy?: number;
  /** The training majority class the baseline always predicts. */
  baselineClass?: string;
}

/** Regression errors, in the target's units (R² unitless). */
export interface RegressionFigures {
  rmse: number;
  mae: number;
  r2: number;
  medianAe?: number;
}

export interface RegressionSummaryInput extends Common, RegressionFigures {
  task: 'regression';
  /** Unit printed after errors, e.g. "mpg"; default: none, and the target is named instead. */
  unit?: string;
  /** The baseline (training mean) on the same rows. */
  baseline?: RegressionFigures;
}
