/** The metrics a slice is judged by: the task's primary metric and one that every slice can have. */
import { primaryMetric, type Task } from './compare';
import { logLoss } from './probabilistic';

/** The held-out rows' truth and the model's output, as `evaluateClassification`/`evaluateRegression` read them. */
export interface SliceTarget {
  task: Task;
  /** Class codes 0..k-1, or regression values. */
  y: ArrayLike<number>;
  /** Class probabilities (row-major n × k; binary k = 2) or predicted values. */
  output: ArrayLike<number>;
  /** k: the number of classes (1 for regression). */
  classes: number;
}

/** The two metric keys: the primary one (ROC AUC, log loss, RMSE) and accuracy, or MAE for regression. */
export function sliceMetricKeys(task: Task): { metric: string; secondary: string } {
  return { metric: primaryMetric(task), secondary: task === 'regression' ? 'mae' : 'accuracy' };
}

/** [primary, secondary] over the rows at `members` (positions into y/output). ROC AUC is NaN for a slice with one class. */
export function scoreSlice(t: SliceTarget, members: ArrayLike<number>): [number, number] {
  const n = members.length;
  if (n === 0) return [NaN, NaN];
  if (t.task === 'regression') {
    let se = 0;
    let ae = 0;
    for (let s = 0; s < n; s++) {
      const e = t.y[members[s]] - t.output[members[s]];
      se += e * e;
      ae += Math.abs(e);
    }
    return [Math.sqrt(se / n), ae / n];
  }
  const k = t.classes;
  const y = new Int32Array(n);
  const proba = new Float64Array(n * k);
  let correct = 0;
  for (let s = 0; s < n; s++) {
    const i = members[s];
    y[s] = t.y[i];
    let best = 0;
    for (let c = 0; c < k; c++) {
      proba[s * k + c] = t.output[i * k + c];
      if (t.output[i * k + c] > t.output[i * k + best]) best = c;
    }
    if (best === y[s]) correct++;
  }
  const accuracy = correct / n;
  if (t.task === 'multiclass') return [logLoss(y, proba, k), accuracy];
  let positives = 0;
  for (let s = 0; s < n; s++) positives += y[s];
  const pos = new Float64Array(positives);
  const neg = new Float64Array(n - positives);
  for (let s = 0, p = 0, q = 0; s < n; s++) {
    if (y[s] === 1) pos[p++] = proba[s * 2 + 1];
    else neg[q++] = proba[s * 2 + 1];
  }
  return [aucOfSorted(pos.sort(), neg.sort()), accuracy];
}

/**
 * ROC AUC as the share of (positive, negative) pairs ranked right, ties counting half: equal to
 * `rocAuc`'s trapezoids, but over two typed-array sorts, which a slice of every column needs.
 */
function aucOfSorted(pos: Float64Array, neg: Float64Array): number {
  if (pos.length === 0 || neg.length === 0) return NaN;
  let below = 0;
  let tied = 0;
  let pairs = 0;
  for (let i = 0; i < pos.length; i++) {
    if (i === 0 || pos[i] !== pos[i - 1]) {
      below += tied;
      tied = 0;
      while (below < neg.length && neg[below] < pos[i]) below++;
      while (below + tied < neg.length && neg[below + tied] === pos[i]) tied++;
    }
    pairs += below + tied / 2;
  }
  return pairs / (pos.length * neg.length);
}
