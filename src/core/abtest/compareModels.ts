import {
  delongTest,
  disagreementCounts,
  mcnemarTest,
  pairedBootstrap,
  pairedTTest,
  rowsToDetect,
  wilcoxonTest,
  type BootstrapInterval,
  type DeLongResult,
  type McNemarResult,
  type RowsToDetect,
  type TTestResult,
  type WilcoxonResult,
} from '../stats/tests';
import { DataError } from '../table';
import { comparisonVerdict } from './comparisonVerdict';
import { normalizePredictions, type CompareTask, type ModelPredictions, type NormalizedPredictions } from './modelPredictions';
import { rowCounts, scoreOrder, weightedAuc, weightedMean } from './weightedMetrics';

/** Options for {@link compareModels}. The first prediction set is the champion. */
export interface CompareModelsOptions {
  /** True targets: class codes (binary 0/1) or numbers (regression). */
  yTrue: ArrayLike<number>;
  task: CompareTask;
  /** The champion first, then one or more challengers, all scored on the same rows. */
  predictions: readonly ModelPredictions[];
  /** Bootstrap seed. Default 0. */
  seed?: number;
  /** Bootstrap resamples (≥ 1,000). Default 2,000. */
  resamples?: number;
  /** Interval coverage. Default 0.95. */
  confidence?: number;
  /** Significance level of the primary test. Default 0.05. */
  alpha?: number;
  /** Power used for "rows needed". Default 0.8. */
  power?: number;
  /** Binary: score at or above which a row is predicted positive when no labels are given. Default 0.5. */
  threshold?: number;
  /** How many disagreement rows to return. Default 20. */
  topDisagreements?: number;
}

/** A metric difference, challenger − champion, with its paired bootstrap interval. */
export interface MetricDifference {
  metric: string;
  champion: number;
  challenger: number;
  difference: number;
  ci: [number, number];
  higherIsBetter: boolean;
}

/** A row where the two models disagree most: labels differ, or scores/values are furthest apart. */
export interface Disagreement {
  index: number;
  yTrue: number;
  champion: number;
  challenger: number;
}

export interface ModelComparison {
  champion: string;
  challenger: string;
  primaryMetric: string;
  differences: MetricDifference[];
  /** Classification: McNemar on correctness (b = only the champion right, c = only the challenger right). */
  mcnemar?: McNemarResult;
  /** Binary with scores: DeLong on AUC (A = challenger, B = champion). */
  delong?: DeLongResult;
  /** Regression: paired t on squared errors, challenger − champion. */
  pairedT?: TTestResult;
  /** Regression: Wilcoxon signed-rank on squared errors, challenger − champion. */
  wilcoxon?: WilcoxonResult;
  /** p-value of the primary test (DeLong, McNemar or paired t). */
  pValue: number;
  /** True when p < alpha and the primary metric's interval excludes 0. */
  significant: boolean;
  /** The better model on the primary metric when significant, else null. */
  better: string | null;
  /** Rows needed to detect the observed primary difference at `alpha` and `power` (extrapolated from its z). */
  rowsNeeded: RowsToDetect;
  verdict: string;
  disagreements: Disagreement[];
}

export interface ComparisonReport {
  task: CompareTask;
  n: number;
  models: { name: string; metrics: Record<string, number> }[];
  comparisons: ModelComparison[];
}

/** A metric over resample multiplicities (all rows weighted 1 for the point estimate). */
type Kernel = (p: NormalizedPredictions, counts: Float64Array) => number;

function kernels(task: CompareTask, yTrue: Float64Array, models: NormalizedPredictions[]): Record<string, Kernel> {
  if (task === 'regression') {
    const sq = new Map(models.map((m) => [m, m.predicted.map((v, i) => (v - yTrue[i]) ** 2)]));
    const abs = new Map(models.map((m) => [m, m.predicted.map((v, i) => Math.abs(v - yTrue[i]))]));
    return { rmse: (m, c) => Math.sqrt(weightedMean(sq.get(m)!, c)), mae: (m, c) => weightedMean(abs.get(m)!, c) };
  }
  const correct = new Map(models.map((m) => [m, m.predicted.map((v, i) => (v === yTrue[i] ? 1 : 0))]));
  const out: Record<string, Kernel> = { accuracy: (m, c) => weightedMean(correct.get(m)!, c) };
  if (task === 'binary' && models.every((m) => m.scores)) {
    const orders = new Map(models.map((m) => [m, scoreOrder(m.scores!)]));
    out.rocAuc = (m, c) => weightedAuc(orders.get(m)!, m.scores!, yTrue, c);
  }
  return out;
}

function topDisagreements(yTrue: Float64Array, a: NormalizedPredictions, b: NormalizedPredictions, task: CompareTask, k: number): Disagreement[] {
  const va = task === 'regression' ? a.predicted : a.scores ?? a.predicted;
  const vb = task === 'regression' ? b.predicted : b.scores ?? b.predicted;
  const rows: number[] = [];
  for (let i = 0; i < yTrue.length; i++) if (task === 'regression' || a.predicted[i] !== b.predicted[i] || va[i] !== vb[i]) rows.push(i);
  rows.sort((i, j) => Math.abs(va[j] - vb[j]) - Math.abs(va[i] - vb[i]) || i - j);
  return rows.slice(0, k).map((index) => ({ index, yTrue: yTrue[index], champion: va[index], challenger: vb[index] }));
}

/**
 * Compares a champion with each challenger on the same evaluation rows: metrics per model, paired
 * bootstrap intervals of every metric difference (challenger − champion, the same resamples for all),
 * McNemar and DeLong (classification) or paired t and Wilcoxon on squared errors (regression), a verdict
 * sentence on the primary metric (AUC, accuracy or RMSE), the rows needed, and the rows they disagree on most.
 */
export function compareModels(options: CompareModelsOptions): ComparisonReport {
  const { task, seed = 0, resamples = 2000, confidence = 0.95, alpha = 0.05, power = 0.8, threshold = 0.5, topDisagreements: k = 20 } = options;
  const n = options.yTrue.length;
  if (options.predictions.length < 2) throw new DataError(`Comparison needs a champion and at least one challenger; got ${options.predictions.length} model(s).`, { code: 'bad-predictions' });
  if (n < 10) throw new DataError(`Comparison needs at least 10 evaluation rows; got ${n}. Score both models on a larger test set.`, { code: 'bad-predictions' });
  const yTrue = Float64Array.from(options.yTrue);
  const models = options.predictions.map((p) => normalizePredictions(p, task, n, threshold));
  const metricKernels = kernels(task, yTrue, models);
  const ones = new Float64Array(n).fill(1);
  const metrics = models.map((m) => ({ name: m.name, metrics: Object.fromEntries(Object.entries(metricKernels).map(([name, f]) => [name, f(m, ones)])) }));
  const primary = task === 'regression' ? 'rmse' : metricKernels.rocAuc ? 'rocAuc' : 'accuracy';
  const [champion, ...challengers] = models;
  const counts = new Float64Array(n);
  const comparisons = challengers.map((challenger): ModelComparison => {
    const differences = Object.entries(metricKernels).map(([metric, f]): MetricDifference => {
      const boot: BootstrapInterval = pairedBootstrap(n, (idx) => {
        const c = rowCounts(idx, n, counts);
        return f(challenger, c) - f(champion, c);
      }, { seed, resamples, confidence });
      return { metric, champion: f(champion, ones), challenger: f(challenger, ones), difference: boot.estimate, ci: boot.ci, higherIsBetter: task !== 'regression' };
    });
    const result: Partial<ModelComparison> = {};
    let z: number;
    if (task === 'regression') {
      const se = (m: NormalizedPredictions) => m.predicted.map((v, i) => (v - yTrue[i]) ** 2);
      result.pairedT = pairedTTest(se(challenger), se(champion), confidence);
      result.wilcoxon = wilcoxonTest(se(challenger), se(champion));
      result.pValue = result.pairedT.pValue;
      z = result.pairedT.statistic;
    } else {
      const right = (m: NormalizedPredictions) => m.predicted.map((v, i) => (v === yTrue[i] ? 1 : 0));
      const { b, c } = disagreementCounts(right(champion), right(challenger));
      result.mcnemar = mcnemarTest(b, c);
      result.pValue = result.mcnemar.pValue;
      z = b + c === 0 ? 0 : (c - b) / Math.sqrt(b + c);
      if (primary === 'rocAuc') {
        result.delong = delongTest(yTrue, challenger.scores!, champion.scores!, confidence);
        result.pValue = result.delong.pValue;
        z = result.delong.z;
      }
    }
    const main = differences.find((d) => d.metric === primary)!;
    const excludesZero = main.ci[0] > 0 || main.ci[1] < 0;
    const significant = result.pValue! < alpha && excludesZero;
    const challengerBetter = main.higherIsBetter === main.difference > 0;
    const better = significant ? (challengerBetter ? challenger.name : champion.name) : null;
    const rowsNeeded = rowsToDetect(z, n, alpha, power);
    return {
      champion: champion.name,
      challenger: challenger.name,
      primaryMetric: primary,
      differences,
      ...result,
      pValue: result.pValue!,
      significant,
      better,
      rowsNeeded,
      verdict: comparisonVerdict({ champion: champion.name, challenger: challenger.name, main, pValue: result.pValue!, significant, better, rowsNeeded, confidence, rows: n }),
      disagreements: topDisagreements(yTrue, champion, challenger, task, k),
    };
  });
  return { task, n, models: metrics, comparisons };
}
