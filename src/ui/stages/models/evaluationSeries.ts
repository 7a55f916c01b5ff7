import type { Json, RunRecord } from '../../../storage';
import type { LineSeries as Series } from '../../../core/chart';
import { metricName } from '../../../core/explain';
import { kindLabel } from '../../../core/models/catalog';
import { runTitle } from '../../../state/registryRows';

/** A chart of one kind overlaid across runs, ready for the toolkit's `linesSvg`. */
export interface OverlayChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  points?: boolean;
  diagonal?: boolean;
}

type Obj = { [key: string]: Json };
const obj = (v: Json | undefined): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const nums = (v: Json | undefined): number[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'number' || x === null) ? (v as number[]).map((x) => x ?? NaN) : undefined);

/** Short run names for legends: `Neural network (MLP) #2 (a1b2c3d4)`, or `a1b2c3d4 · Neural network (MLP)` for a run without a name. */
export const runLabel = (run: RunRecord) => {
  if (run.name) return runTitle(run);
  const kind = obj(run.spec)?.kind;
  return `${run.id.slice(0, 8)}${typeof kind === 'string' ? ` · ${kindLabel(kind)}` : ''}`;
};

/** Learning curves: one chart per curve name, validation (`val_x`) dashed beside its training curve `x`. */
export function learningCharts(runs: readonly RunRecord[]): OverlayChart[] {
  const names = new Set(runs.flatMap((r) => Object.keys(r.curves)).map((k) => k.replace(/^val_/, '')));
  return [...names].sort().map((name) => ({
    title: `Learning curve: ${metricName(name)}`,
    xLabel: 'epoch',
    yLabel: metricName(name),
    series: runs.flatMap((run, i) =>
      [name, `val_${name}`].flatMap((key) => {
        const y = run.curves[key];
        if (!y?.length) return [];
        // `val_loss` is code: the legend says which rows the curve was measured on.
        return [{ label: `${runLabel(run)} ${key === name ? 'training' : 'validation'}`, x: y.map((_, j) => j + 1), y, color: i, dashed: key !== name }];
      }),
    ),
  }));
}

/**
 * ROC and precision–recall (classification) or predicted-vs-actual and residual histograms
 * (regression) from each run's `metrics.evaluation`. `classIndex` picks the one-vs-rest curve of a
 * multiclass report. Runs without an evaluation are left out.
 */
export function evaluationCharts(runs: readonly RunRecord[], classIndex = 0): OverlayChart[] {
  const evals = runs.map((run, i) => ({ run, i, e: obj(obj(run.metrics)?.evaluation) })).filter((x) => x.e);
  if (evals.length === 0) return [];
  const roc: Series[] = [];
  const pr: Series[] = [];
  const scatter: Series[] = [];
  const residuals: Series[] = [];
  for (const { run, i, e } of evals) {
    const label = runLabel(run);
    const r = obj((e!.roc as Json[] | undefined)?.[Math.min(classIndex, ((e!.roc as Json[]) ?? []).length - 1)]);
    const fpr = nums(r?.fpr);
    const tpr = nums(r?.tpr);
    if (fpr && tpr) roc.push({ label, x: fpr, y: tpr, color: i });
    const p = obj((e!.pr as Json[] | undefined)?.[Math.min(classIndex, ((e!.pr as Json[]) ?? []).length - 1)]);
    const recall = nums(p?.recall);
    const precision = nums(p?.precision);
    if (recall && precision) pr.push({ label, x: recall, y: precision, color: i });
    const s = obj(e!.scatter ?? e!.predictedVsActual);
    const actual = nums(s?.actual);
    const predicted = nums(s?.predicted);
    if (actual && predicted) scatter.push({ label, x: actual, y: predicted, color: i });
    const h = obj(e!.residuals ?? e!.residualHistogram);
    const edges = nums(h?.edges);
    const counts = nums(h?.counts);
    if (edges && counts && edges.length === counts.length + 1) {
      // A step outline so histograms of several runs overlay legibly.
      const x: number[] = [];
      const y: number[] = [];
      for (let j = 0; j < counts.length; j++) {
        x.push(edges[j], edges[j + 1]);
        y.push(counts[j], counts[j]);
      }
      residuals.push({ label, x, y, color: i });
    }
  }
  const out: OverlayChart[] = [];
  if (roc.length) out.push({ title: 'ROC curve', xLabel: 'false positive rate', yLabel: 'true positive rate', series: roc, diagonal: true });
  if (pr.length) out.push({ title: 'Precision–recall curve', xLabel: 'recall', yLabel: 'precision', series: pr });
  if (scatter.length) out.push({ title: 'Predicted vs actual', xLabel: 'actual', yLabel: 'predicted', series: scatter, points: true, diagonal: true });
  if (residuals.length) out.push({ title: 'Residual histogram', xLabel: 'residual (actual − predicted)', yLabel: 'rows', series: residuals });
  return out;
}

/** Class names of the first multiclass evaluation among `runs`, for the class picker. */
export function evaluationClasses(runs: readonly RunRecord[]): string[] {
  for (const run of runs) {
    const e = obj(obj(run.metrics)?.evaluation);
    if (e?.task === 'multiclass' && Array.isArray(e.classes)) return e.classes.map(String);
  }
  return [];
}
