import {
  normalQuantile,
  srmTest,
  twoProportionZTest,
  welchFromSummaries,
  wilsonInterval,
  summarize,
  tQuantile,
  type SampleSummary,
} from '../stats/tests';
import { DataError } from '../table';
import { collectUnits, type ExperimentRow } from './experimentUnits';
import { experimentVerdict } from './experimentVerdict';
import { sequentialPValue } from './sequentialPValue';
import type { VariantWeight } from './trafficRanges';

/** Options for {@link analyzeExperiment}. */
export interface AnalyzeOptions {
  /** Configured weights in order; the first variant is the control (champion). */
  weights: readonly VariantWeight[];
  /** `conversion`: a rate per unit (two-proportion z). `value`: a mean per unit (Welch's t). */
  metric: 'conversion' | 'value';
  /** Units per variant the test was planned for (from the sample-size calculator); fewer → a peeking warning. */
  plannedSampleSize?: number;
  /** Significance level. Default 0.05. */
  alpha?: number;
  /** Interval coverage. Default 0.95. */
  confidence?: number;
  /** SRM flag threshold on the chi-square p-value. Default 0.001. */
  srmThreshold?: number;
  /**
   * mSPRT mixture variance τ² (in squared outcome units). Default 0.01 × the pooled per-unit variance,
   * i.e. effects around 0.1 standard deviations are expected; fix it before the test starts when you can.
   */
  tau2?: number;
}

/** One variant's summary; `rate` for conversions, `mean` for values. */
export interface VariantSummary {
  name: string;
  n: number;
  rate?: number;
  mean?: number;
  /** Wilson interval (rate) or t interval (mean). */
  ci: [number, number];
}

/** A treatment against the control. */
export interface LiftResult {
  control: string;
  treatment: string;
  /** treatment − control, in outcome units (rates as fractions). */
  lift: number;
  /** Wald (rates) or Welch t (means) interval for the lift. */
  liftCi: [number, number];
  /** treatment / control − 1. */
  relativeLift: number;
  /** Delta-method interval on log(treatment / control), mapped back; NaN when a mean is ≤ 0. */
  relativeLiftCi: [number, number];
  /** Fixed-horizon p-value: pooled two-proportion z (rates) or Welch's t (means). */
  pValue: number;
  /** Always-valid mSPRT p-value over the units in arrival order; safe to read before the planned end. */
  msprtPValue: number;
  significant: boolean;
}

export interface ExperimentAnalysis extends LiftResult {
  metric: 'conversion' | 'value';
  variants: VariantSummary[];
  srmPValue: number;
  srmFlag: boolean;
  /** Units per variant expected from the weights. */
  expectedN: number[];
  /** True while some variant has fewer units than `plannedSampleSize`. */
  peeking: boolean;
  plannedSampleSize?: number;
  /** Every treatment against the control (the top-level lift fields repeat the first). */
  comparisons: LiftResult[];
  /** Soft problems in the data, as sentences. */
  warnings: string[];
  verdict: string;
  tau2: number;
}

function meanCi(s: SampleSummary, confidence: number): [number, number] {
  if (s.n < 2) return [NaN, NaN];
  const half = tQuantile(1 - (1 - confidence) / 2, s.n - 1) * Math.sqrt(s.variance / s.n);
  return [s.mean - half, s.mean + half];
}

function relativeInterval(t: SampleSummary, c: SampleSummary, confidence: number): [number, number] {
  if (!(t.mean > 0 && c.mean > 0)) return [NaN, NaN];
  const se = Math.sqrt(t.variance / (t.n * t.mean ** 2) + c.variance / (c.n * c.mean ** 2));
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const log = Math.log(t.mean / c.mean);
  return [Math.exp(log - z * se) - 1, Math.exp(log + z * se) - 1];
}

/**
 * Analyses a finished (or running) experiment from per-unit outcome rows: per-variant n, rate or mean
 * with interval; absolute and relative lift of each treatment over the control with intervals; the
 * fixed-horizon p-value; the sample-ratio-mismatch check against the weights; a peeking warning; the
 * always-valid mSPRT p-value; and a verdict sentence.
 */
export function analyzeExperiment(rows: readonly ExperimentRow[], options: AnalyzeOptions): ExperimentAnalysis {
  const { weights, metric, plannedSampleSize, alpha = 0.05, confidence = 0.95, srmThreshold = 0.001 } = options;
  if (weights.length < 2) throw new DataError(`An experiment needs at least 2 weighted variants; got ${weights.length}. Pass --weights like 90,10.`, { code: 'bad-weights' });
  const names = weights.map((w) => w.name);
  const units = collectUnits(rows, names, metric);
  // Sorted, so the sums (and every figure after them) do not depend on the order of the file's rows.
  const summaries = names.map((name) => summarize(Float64Array.from(units.outcomes.get(name)!).sort()));
  const empty = names.filter((_, i) => summaries[i].n < 2);
  if (empty.length) throw new DataError(`Variant(s) ${empty.join(', ')} have fewer than 2 units; wait for more traffic or check the variant names in the log.`, { column: 'variant', code: 'too-few-units' });
  const variants: VariantSummary[] = names.map((name, i) => {
    const s = summaries[i];
    if (metric === 'value') return { name, n: s.n, mean: s.mean, ci: meanCi(s, confidence) };
    return { name, n: s.n, rate: s.mean, ci: wilsonInterval(Math.round(s.mean * s.n), s.n, confidence) };
  });
  const pooledVariance = summaries.reduce((acc, s) => acc + s.variance * (s.n - 1), 0) / summaries.reduce((acc, s) => acc + s.n - 1, 0);
  const tau2 = options.tau2 ?? 0.01 * pooledVariance;
  const comparisons = names.slice(1).map((treatment, j): LiftResult => {
    const t = summaries[j + 1];
    const c = summaries[0];
    const test = metric === 'value'
      ? welchFromSummaries(t, c, confidence)
      : twoProportionZTest(Math.round(t.mean * t.n), t.n, Math.round(c.mean * c.n), c.n, confidence);
    return {
      control: names[0],
      treatment,
      lift: test.difference,
      liftCi: test.ci,
      relativeLift: t.mean / c.mean - 1,
      relativeLiftCi: relativeInterval(t, c, confidence),
      pValue: test.pValue,
      msprtPValue: sequentialPValue(units.arrival, names[0], treatment, tau2),
      significant: test.pValue < alpha,
    };
  });
  const srm = srmTest(summaries.map((s) => s.n), weights.map((w) => w.weight), srmThreshold);
  const peeking = plannedSampleSize !== undefined && summaries.some((s) => s.n < plannedSampleSize);
  const warnings: string[] = [];
  if (units.crossedUnits) warnings.push(`${units.crossedUnits} unit(s) appear under more than one variant and were left out; check that the router's salt and weights did not change mid-test.`);
  if (units.missingValues) warnings.push(`${units.missingValues} unit(s) have no value and were left out of the mean.`);
  const { control, treatment, ...lift } = comparisons[0];
  const analysis = { metric, control, treatment, variants, ...lift, srmPValue: srm.pValue, srmFlag: srm.flag, expectedN: srm.expected, peeking, plannedSampleSize, tau2, warnings, comparisons };
  return { ...analysis, verdict: experimentVerdict(analysis, weights, alpha, confidence) };
}
