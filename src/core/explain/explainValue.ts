/** The "why it matters here" sentence under a figure's info control, generated from its value. */
import { METRIC_EXPLAINERS } from './values/metricValues';
import { PROFILE_EXPLAINERS } from './values/profileValues';
import { TEST_EXPLAINERS } from './values/testValues';
import type { ExplainContext } from './values/context';

const EXPLAINERS = { ...PROFILE_EXPLAINERS, ...METRIC_EXPLAINERS, ...TEST_EXPLAINERS };

/**
 * Figures `explainValue` can speak about. Ratios (`missingRatio`, `zerosRatio`, `outliersRatio`,
 * `mape`) are 0..1; latencies are milliseconds; correlations are −1..1 or 0..1.
 */
export type ExplainKey = keyof typeof EXPLAINERS;

export const EXPLAIN_KEYS = Object.keys(EXPLAINERS) as ExplainKey[];

const SHARE: [number, number] = [0, 1];
const SIGNED: [number, number] = [-1, 1];
const POSITIVE: [number, number] = [0, Infinity];
/** Allowed range per key; a value outside is a caller's bug (wrong units), not data to explain. */
const RANGES: Partial<Record<ExplainKey, [number, number]>> = {
  missingRatio: SHARE, zerosRatio: SHARE, outliersRatio: SHARE, imbalance: SHARE, uniqueRatio: SHARE,
  pearson: SIGNED, spearman: SIGNED, cramersV: SHARE, eta: SHARE, targetAssociation: SHARE,
  accuracy: SHARE, balancedAccuracy: SHARE, precision: SHARE, recall: SHARE, f1: SHARE, mcc: SIGNED,
  logLoss: POSITIVE, brier: [0, 2], rocAuc: SHARE, averagePrecision: SHARE,
  rmse: POSITIVE, mse: POSITIVE, mae: POSITIVE, medianAe: POSITIVE, mape: POSITIVE, r2: [-Infinity, 1], explainedVariance: [-Infinity, 1],
  pValue: SHARE, psi: POSITIVE, throughput: [Number.MIN_VALUE, Infinity], latencyP50: POSITIVE, latencyP95: POSITIVE, latencyP99: POSITIVE,
};
const TOLERANCE = 1e-9;

/**
 * One sentence saying what this value means for this data, e.g.
 * `explainValue('skewness', 3.1)` → "Skewness 3.1: most values are small with a long tail of large
 * ones; linear models may do better after a log transform." Context adds comparisons (the
 * baseline's value, the number of classes, a latency target). NaN reads as "not defined"; a value
 * outside the key's range (a percentage passed as 12 instead of 0.12) throws a RangeError.
 */
export function explainValue(key: ExplainKey, value: number, context: ExplainContext = {}): string {
  const explainer = EXPLAINERS[key];
  if (!explainer) throw new RangeError(`explainValue: unknown key '${String(key)}'; use one of ${EXPLAIN_KEYS.join(', ')}.`);
  const range = RANGES[key];
  if (Number.isNaN(value)) return explainer(value, context);
  if (range && !(value >= range[0] - TOLERANCE && value <= range[1] + TOLERANCE)) {
    const hint = range === SHARE ? ' (a share: pass 0.12 for 12 %)' : '';
    throw new RangeError(`explainValue('${key}', ${value}): expected a value from ${range[0]} to ${range[1]}${hint}.`);
  }
  return explainer(value, context);
}
