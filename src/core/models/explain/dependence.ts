/**
 * Partial dependence and ICE lines for a model's most important input columns, on the held-out
 * rows, in the columns' own units and the output a person reads (a probability or the target).
 */
import { partialDependence, type PredictFn } from '../../evaluate';
import { featureGroups, type FittedRecipe, type Transformed } from '../../recipe';
import { columnAxis } from './columnAxis';
import type { DependenceCurve, DependenceSet } from './types';

export interface DependenceOptions {
  /** Columns drawn, from the top of `order`. Default 5. */
  top?: number;
  /** Rows the PD line averages over. Default 500. */
  maxRows?: number;
  /** ICE lines kept per column. Default 40. */
  iceRows?: number;
  seed?: number;
  signal?: AbortSignal;
}

/** Four significant digits: enough for a chart, and small in JSON. */
const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : v);

/** The output a curve shows: the positive class, the class predicted most often, or the target. */
function dependenceOutput(fitted: FittedRecipe, pred: Float32Array, n: number): { index: number; words: string; note?: string } {
  if (fitted.task === 'regression') return { index: 0, words: `predicted ${fitted.target}` };
  const classes = fitted.classes!;
  if (fitted.task === 'binary') return { index: 1, words: `probability of “${classes[1]}”` };
  const k = classes.length;
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (pred[i * k + c] > pred[i * k + best]) best = c;
    counts[best]++;
  }
  const index = counts.indexOf(Math.max(...counts));
  return { index, words: `probability of “${classes[index]}”`, note: `“${classes[index]}” is the class the model predicts most often on these rows, so the charts follow its probability.` };
}

/** Curves for the first `top` columns of `order` (input columns, most important first). */
export async function dependenceCurves(predict: PredictFn, test: Transformed, fitted: FittedRecipe, order: string[], pred: Float32Array, o: DependenceOptions = {}): Promise<DependenceSet> {
  const groups = new Map(featureGroups(fitted).map((g) => [g.name, g]));
  const output = dependenceOutput(fitted, pred, test.n);
  const curves: DependenceCurve[] = [];
  const skipped: DependenceSet['skipped'] = [];
  for (const column of order.slice(0, o.top ?? 5)) {
    if (o.signal?.aborted) throw new DOMException('Explaining the model was cancelled.', 'AbortError');
    const group = groups.get(column);
    if (!group) continue;
    const axis = columnAxis(fitted, group, test.X, test.n);
    if ('reason' in axis) {
      skipped.push(axis);
      continue;
    }
    const pd = await partialDependence({
      X: test.X,
      n: test.n,
      d: test.featureNames.length,
      predict,
      grid: axis.grid,
      output: output.index,
      maxRows: o.maxRows ?? 500,
      iceRows: o.iceRows ?? 40,
      seed: o.seed ?? 0,
    });
    curves.push({ column, kind: axis.kind, title: axis.title, x: axis.x.map(round), labels: axis.labels, pd: pd.values.map(round), ice: pd.ice.map((line) => line.map(round)), rows: pd.rows });
  }
  return { output: output.words, ...(output.note ? { note: output.note } : {}), curves, skipped };
}
