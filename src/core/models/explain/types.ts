/** Plain-JSON shapes of a model's explanation: partial dependence curves and per-row contributions. */

/** Partial dependence (bold) and ICE lines (faint) of one input column. */
export interface DependenceCurve {
  column: string;
  kind: 'numeric' | 'category';
  /** Axis title: the column, with its units when they are not its own. */
  title: string;
  /** Numeric: grid positions in the column's units. Category: 0, 1, 2… */
  x: number[];
  /** Category names (category curves). */
  labels: string[];
  /** Mean output at each grid point (4 significant digits). */
  pd: number[];
  /** A sample of rows' own curves, `ice[row][point]`. */
  ice: number[][];
  /** Rows the PD line averages over. */
  rows: number;
}

export interface DependenceSet {
  /** What the y axis shows, in words: "probability of “yes”", "predicted price". */
  output: string;
  /** Why that output, when it needs saying (multiclass: the class predicted most often). */
  note?: string;
  curves: DependenceCurve[];
  /** Top columns without a curve, and why. */
  skipped: { column: string; reason: string }[];
}

/**
 * Per-row contributions (any model kind): each input column's push from the average output to
 * the row's own, on `scale`. Exact (TreeSHAP, linear coefficients) or estimated by sampling, with
 * a standard error per contribution (`se` on each contribution).
 */
export interface ContributionSet {
  /** 'log-odds', 'log-odds (softmax score)', 'probability' or 'target units'. */
  scale: string;
  method: 'treeshap' | 'coefficients' | 'sampling';
  /** The rows whose average output the bars start from: "training rows", "113 test rows". */
  reference: string;
  rows: ExplainedRow[];
  /** Sampling: permutations per row and background rows. */
  samples?: { permutations: number; background: number };
}

/** One row's explanation (TreeSHAP rows have the same shape, without `se` and `text`). */
export interface ExplainedRow {
  /** Source row of the table (0-based). */
  row: number;
  /** The output explained: the positive class, the predicted class, or the target. */
  output: string;
  /** The row's output on the set's scale. */
  score: number;
  reason: 'largest error' | 'sample';
  error: number;
  /** The row's true class, or its target value for regression (absent in runs saved before it was kept). */
  actual?: string | number;
  /** Largest first. `value` is in the column's units; `text` is a category or '' for several inputs. */
  contributions: { feature: string; value: number; contribution: number; se?: number; text?: string }[];
}
