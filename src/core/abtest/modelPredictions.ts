import { DataError } from '../table';

/** The comparison task: binary labels are 0/1, multiclass labels 0..k−1, regression targets numbers. */
export type CompareTask = 'binary' | 'multiclass' | 'regression';

/** One model's predictions on the shared evaluation rows (give what the task needs). */
export interface ModelPredictions {
  name: string;
  /** Binary: one score per row for the positive class (probability or any monotone score). */
  scores?: ArrayLike<number>;
  /** Class probabilities, row-major n × k. Binary may give k = 2 instead of `scores`. */
  probabilities?: ArrayLike<number>;
  /** Predicted class per row. Default: argmax of `probabilities`, or `scores ≥ threshold` for binary. */
  labels?: ArrayLike<number>;
  /** Regression: predicted value per row. */
  values?: ArrayLike<number>;
}

/** Predictions reduced to what the comparison uses. */
export interface NormalizedPredictions {
  name: string;
  /** Predicted class (classification) or value (regression). */
  predicted: Float64Array;
  /** Positive-class score (binary only, when given). */
  scores?: Float64Array;
}

function fail(model: string, message: string): never {
  throw new DataError(`Model "${model}": ${message}`, { code: 'bad-predictions' });
}

/** Checks lengths and shapes and derives labels; the error names the model and the fix. */
export function normalizePredictions(p: ModelPredictions, task: CompareTask, n: number, threshold: number): NormalizedPredictions {
  const check = (what: string, a: ArrayLike<number> | undefined, per = 1) => {
    if (a && a.length !== n * per) fail(p.name, `${what} has ${a.length} values; expected ${n * per} (${per} per evaluation row).`);
  };
  if (task === 'regression') {
    if (!p.values) fail(p.name, 'regression needs `values` (one prediction per row).');
    check('values', p.values);
    return { name: p.name, predicted: Float64Array.from(p.values) };
  }
  check('scores', p.scores);
  check('labels', p.labels);
  let scores = p.scores ? Float64Array.from(p.scores) : undefined;
  let predicted = p.labels ? Float64Array.from(p.labels) : undefined;
  if (p.probabilities) {
    const k = p.probabilities.length / n;
    if (!Number.isInteger(k) || k < 2) fail(p.name, `probabilities has ${p.probabilities.length} values, not a multiple (≥ 2) of the ${n} rows.`);
    if (task === 'binary' && !scores) {
      if (k !== 2) fail(p.name, `binary probabilities need 2 columns; got ${k}.`);
      scores = Float64Array.from({ length: n }, (_, i) => p.probabilities![i * 2 + 1]);
    }
    if (!predicted) {
      predicted = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (p.probabilities[i * k + c] > p.probabilities[i * k + best]) best = c;
        predicted[i] = best;
      }
    }
  }
  if (!predicted && scores && task === 'binary') predicted = scores.map((s) => (s >= threshold ? 1 : 0));
  if (!predicted) fail(p.name, `${task} needs \`labels\`, \`probabilities\`${task === 'binary' ? ' or `scores`' : ''}.`);
  return { name: p.name, predicted, scores };
}
