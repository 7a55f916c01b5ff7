/**
 * The Recipe is the plain-JSON description of preprocessing that the UI edits, the train
 * worker receives and a run stores. Fitting it on the training rows gives a FittedRecipe:
 * also plain JSON, holding every learned number, so deploy can re-implement `transform`.
 */
import type { ColumnType } from '../table';

export type Task = 'binary' | 'multiclass' | 'regression';

/** Remove columns. */
export interface DropStep {
  kind: 'drop';
  columns: string[];
}

/** Fill missing values (NaN / missing code) with a statistic of the training rows. */
export interface ImputeStep {
  kind: 'impute';
  columns: string[];
  /** `mean` and `median` need numeric columns; `most_frequent` and `constant` work on both. */
  strategy: 'mean' | 'median' | 'most_frequent' | 'constant';
  /** The fill for `constant`. Default 0 for numbers, "(missing)" for strings. */
  value?: number | string;
  /** Also add a 0/1 column `<name>_missing` before filling. Default false. */
  indicator?: boolean;
}

/** Rescale numeric columns: standard (z-score, population sd), minmax (to [0, 1]) or robust (median / IQR). */
export interface ScaleStep {
  kind: 'scale';
  columns: string[];
  method: 'standard' | 'minmax' | 'robust';
}

/**
 * Turn string columns into numbers.
 * - `onehot`: one 0/1 column per category among the `topK` most frequent in training (default 20),
 *   plus `<name>=(other)` when some categories were cut; unseen and missing values → all zeros
 *   (or `(other)` for unseen when that column exists).
 * - `ordinal`: the index in the sorted training vocabulary; unseen or missing → -1.
 * - `embedding`: 1-based index in the training vocabulary (by frequency, `topK` default 1000), 0 for
 *   unseen or missing; the MLP feeds such columns to an embedding layer.
 */
export interface EncodeStep {
  kind: 'encode';
  columns: string[];
  method: 'onehot' | 'ordinal' | 'embedding';
  topK?: number;
}

export type DatePart = 'year' | 'month' | 'day' | 'weekday' | 'hour';

/**
 * Expand datetime columns (UTC) into numeric parts, then drop the original.
 * With `cyclic` (default true) month, weekday and hour become `_sin`/`_cos` pairs instead.
 */
export interface DatetimeStep {
  kind: 'datetime';
  columns: string[];
  /** Default: all five. */
  parts?: DatePart[];
  cyclic?: boolean;
}

/**
 * Reduce skew. `log`: log1p(x + shift) with shift = max(0, −min of training), values below the
 * training minimum clamp to it. `yeo-johnson`: λ fitted by maximum likelihood on training rows.
 */
export interface PowerStep {
  kind: 'power';
  columns: string[];
  method: 'log' | 'yeo-johnson';
}

/** Clamp numeric columns to training quantiles (defaults 0.01 and 0.99). */
export interface ClipStep {
  kind: 'clip';
  columns: string[];
  lower?: number;
  upper?: number;
}

/**
 * A new column from an arquero expression string over the current columns, e.g.
 * `d => d.weight / (d.height * d.height)` or `d => op.lower(d.city)`. Row-wise expressions
 * only: aggregates (op.mean…) would be computed per table and leak across splits.
 */
export interface DeriveStep {
  kind: 'derive';
  name: string;
  expression: string;
}

export type Step = DropStep | ImputeStep | ScaleStep | EncodeStep | DatetimeStep | PowerStep | ClipStep | DeriveStep;

/** How rows are held out for testing. */
export interface SplitSpec {
  /** `stratified` keeps class proportions (classification); `time` holds out the latest rows. */
  method: 'random' | 'stratified' | 'time';
  /** Fraction of rows in the test split, (0, 1). Default 0.2. */
  testFraction: number;
  seed: number;
  /** Datetime column ordering rows for `time`. */
  timeColumn?: string;
  /** k-fold cross-validation on the training rows: a count, 0 for none, `auto` = 5 below 20,000 rows. */
  folds?: number | 'auto';
}

export interface Recipe {
  version: 1;
  target: string;
  task: Task;
  steps: Step[];
  split: SplitSpec;
}

export type FittedStep =
  | { kind: 'drop'; columns: string[] }
  | { kind: 'impute'; columns: { name: string; fill: number | string; indicator: boolean }[] }
  | { kind: 'scale'; method: ScaleStep['method']; columns: { name: string; center: number; scale: number }[] }
  | { kind: 'encode'; method: EncodeStep['method']; columns: { name: string; vocabulary: string[]; other: boolean }[] }
  | { kind: 'datetime'; parts: DatePart[]; cyclic: boolean; columns: string[] }
  | { kind: 'power'; method: 'log'; columns: { name: string; shift: number }[] }
  | { kind: 'power'; method: 'yeo-johnson'; columns: { name: string; lambda: number }[] }
  | { kind: 'clip'; columns: { name: string; lower: number; upper: number }[] }
  | { kind: 'derive'; name: string; expression: string; output: 'number' | 'string' };

/** A column the fitted recipe expects as input. */
export interface InputColumn {
  name: string;
  type: ColumnType;
}

export interface FittedRecipe {
  version: 1;
  target: string;
  task: Task;
  /** Class labels, index = code in y (classification only). */
  classes?: string[];
  inputSchema: InputColumn[];
  steps: FittedStep[];
  /** Column order of X. */
  featureNames: string[];
  /** Embedding-encoded features: index into featureNames and vocabulary size including the 0 slot. */
  embeddings: { feature: number; size: number }[];
  /** Training rows the recipe was fitted on (after dropping missing targets). */
  trainRows: number;
}

/** The model-ready matrix. */
export interface Transformed {
  /** Row-major n × d. */
  X: Float32Array;
  n: number;
  featureNames: string[];
  /** Class codes (classification) or values (regression); absent when the table has no target column. */
  y?: Float32Array | Int32Array;
  /** Source row index of each output row. */
  rows: Int32Array;
  /** Rows left out because the target was missing. */
  missingTarget: number;
  /** Rows left out because their class never occurred in training. */
  unseenClass: number;
}
