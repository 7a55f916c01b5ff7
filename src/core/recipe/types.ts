/**
 * The Recipe is the plain-JSON description of preprocessing that the UI edits, the train
 * worker receives and a run stores. Fitting it on the training rows gives a FittedRecipe:
 * also plain JSON, holding every learned number, so deploy can re-implement `transform`.
 */
import type { ColumnType } from '../table';
import type { TermOptions } from '../text';

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

/**
 * Free text into numbers, fitted on the training rows: each text is lowercased and split into words
 * (runs of two or more letters, digits or `_`, in any script), English stop words optionally removed,
 * and its word n-grams (and optionally character n-grams within words) counted.
 * - `tfidf` (default): scikit-learn's `TfidfVectorizer` (smooth idf, L2-normalised rows), keeping the
 *   `maxFeatures` most frequent terms found in at least `minDf` training texts; one column
 *   `<name>:<term>` per term.
 * - `hashing`: each term counted into one of `maxFeatures` buckets by a hash (with a hash-chosen sign),
 *   L2-normalised; columns `<name>#<bucket>`. Needs no vocabulary, so unseen words still count.
 * Missing text reads as an empty text (all zeros).
 */
export interface TextStep {
  kind: 'text';
  columns: string[];
  method?: 'tfidf' | 'hashing';
  /** Terms kept (tfidf) or buckets (hashing). Default 300. */
  maxFeatures?: number;
  /** Word n-gram lengths, inclusive. Default [1, 1]; [1, 2] adds word pairs. */
  ngrams?: [number, number];
  /** Character n-gram lengths within words (e.g. [2, 4]); default none. */
  charNgrams?: [number, number];
  /** Remove English stop words before building word n-grams. Default false. */
  stopWords?: boolean;
  /** Fewest training texts a term must occur in (tfidf). Default 2. */
  minDf?: number;
}

/**
 * Row step: remove rows that repeat an earlier row of the file exactly, over every column (default)
 * or over `columns` only. The first occurrence, in file order, is kept.
 */
export interface DeduplicateStep {
  kind: 'deduplicate';
  /** Columns that must all match for a row to count as a repeat; empty or absent = every column. */
  columns?: string[];
}

/** `!=` keeps missing cells (they are not equal to the value); every other comparison drops them. */
export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'missing' | 'present';

/**
 * Row step: keep the rows where `column` meets the condition. Numbers compare as numbers (`value` a
 * number), datetimes with an ISO date or epoch milliseconds, text and categories with `=` and `!=` only.
 */
export interface FilterStep {
  kind: 'filter';
  column: string;
  op: FilterOp;
  /** Needed by every op except `missing` and `present`. */
  value?: number | string;
}

/**
 * Row steps choose which rows of the file take part in fitting and evaluation, wherever they stand
 * in the list: the split is drawn over every row as before and the removed rows leave both sides,
 * so a row keeps its side whatever row steps are added. They act on the file's own columns, and never
 * in the exported scorer, which scores every row it is given.
 */
export type RowStep = DeduplicateStep | FilterStep;

export type Step = DropStep | ImputeStep | ScaleStep | EncodeStep | DatetimeStep | PowerStep | ClipStep | DeriveStep | TextStep | RowStep;

/** Steps that change columns (fitted on training rows and replayed by the scorer). */
export type ColumnStep = Exclude<Step, RowStep>;

/** How rows are held out for testing. */
export interface SplitSpec {
  /**
   * `stratified` keeps class proportions (classification); `time` holds out the latest rows;
   * `group` keeps all rows of a `groupColumn` value on one side (and in one cross-validation fold).
   */
  method: 'random' | 'stratified' | 'time' | 'group';
  /** Fraction of rows in the test split, (0, 1). Default 0.2. */
  testFraction: number;
  seed: number;
  /** Datetime column ordering rows for `time`. */
  timeColumn?: string;
  /** Column whose values are the groups for `group` (e.g. country in panel data). */
  groupColumn?: string;
  /** k-fold cross-validation on the training rows: a count, 0 for none, `auto` = 5 below 20,000 rows. */
  folds?: number | 'auto';
}

/** `oneOf` matches any of `values`; `missing` needs no value; the others compare with `value`. */
export type TargetRuleOp = '>' | '>=' | '<' | '<=' | '=' | '!=' | 'missing' | 'oneOf';

/**
 * How a derived target is computed from one column of the file: "yes" where the condition holds,
 * "no" where it does not, missing where the source cell is missing (except for `missing`).
 */
export interface TargetRule {
  column: string;
  op: TargetRuleOp;
  /** A number for numeric columns, a category for text; a date as 2024-05-01 for datetimes. */
  value?: number | string;
  /** The values of `oneOf`. */
  values?: string[];
}

export interface Recipe {
  version: 1;
  target: string;
  task: Task;
  steps: Step[];
  split: SplitSpec;
  /** Set when `target` is not in the file but derived from it by this rule before anything else. */
  targetRule?: TargetRule;
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
  | { kind: 'derive'; name: string; expression: string; output: 'number' | 'string' }
  | FittedText;

/** A fitted text step: how texts become terms, and per column its terms and idf (hashing: `buckets`, no terms). */
export interface FittedText {
  kind: 'text';
  method: 'tfidf' | 'hashing';
  options: TermOptions;
  columns: { name: string; vocabulary: string[]; idf: number[]; buckets: number }[];
}

/** A column the fitted recipe expects as input. */
export interface InputColumn {
  name: string;
  type: ColumnType;
  /**
   * Datetime columns read from text: the pattern training's date reader saw (e.g. `DD.MM.YYYY`).
   * Scoring reads text dates in that family and refuses other shapes. Recipes saved before this
   * was recorded, and dates that arrived as timestamps, have none: their text is then read by the
   * training reader's own inference (YYYY-MM-DD…, MM/DD/YYYY with slashes, DD.MM.YYYY with dots),
   * never by `Date.parse`. A boolean column's words for false and true when its file wrote others
   * than true/false ("No/Yes", see booleanWords.ts): explanations and the demo page say them.
   */
  format?: string;
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
  /** Training rows the recipe was fitted on (after dropping missing targets and row steps). */
  trainRows: number;
  /**
   * The recipe's row steps, applied by `transformRecipe` only to tables that carry the target
   * (training and evaluation). Scoring never reads them. Absent when the recipe has none.
   */
  rowSteps?: RowStep[];
}

/** Compressed sparse rows: row i's non-zero entries are `indices`/`values` from `indptr[i]` to `indptr[i + 1]`, columns ascending. */
export interface SparseMatrix {
  n: number;
  d: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** The model-ready matrix. */
export interface Transformed {
  /**
   * Row-major n × d. With `sparse`, built from it on first read (then kept): a model that trains
   * on sparse rows never pays for rows × terms floats.
   */
  X: Float32Array;
  /**
   * The same rows as CSR (values are X's float32 values), when the recipe ends in text steps:
   * TF-IDF terms are mostly zero.
   */
  sparse?: SparseMatrix;
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
  /** Rows left out by the recipe's row steps (deduplicate, filter). */
  removedByRowSteps?: number;
}
