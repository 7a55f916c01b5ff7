/** "Why it matters here" sentences for p-values, intervals, drift and latency. */
import { formatP, num, pct, withUnit } from '../../format';
import type { ExplainContext } from './context';

type Explainer = (value: number, context: ExplainContext) => string;

const measured = (label: string, f: Explainer): Explainer => (v, c) => (Number.isNaN(v) ? `${label} was not measured.` : f(v, c));

const pValue: Explainer = (v, c) => {
  const alpha = c.alpha ?? 0.05;
  if (!Number.isFinite(v)) return 'The p-value is not defined here: there is no variation to test.';
  const head = formatP(v);
  if (v < alpha) return `${head}: below ${num(alpha)}, so a difference this large would rarely arise by chance alone: call it significant, then check it is large enough to matter.`;
  return `${head}: not below ${num(alpha)}; a difference this large happens by chance ${pct(v)} of the time, so the data do not show a real difference (which does not prove there is none).`;
};

const confidenceInterval: Explainer = (v, c) => {
  const level = pct(c.confidence ?? 0.95);
  if (!c.ci) return `Estimate ${withUnit(v, c.unit)}; no ${level} interval was given, so its precision is unknown.`;
  const [lo, hi] = c.ci;
  const head = `${withUnit(v, c.unit)}, ${level} interval ${withUnit(lo, c.unit)} to ${withUnit(hi, c.unit)}`;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return `${head}: the interval could not be computed, so treat the estimate with caution.`;
  if (lo > 0 || hi < 0) return `${head}: the interval excludes 0, so the difference is likely real; its true size is plausibly anywhere in that range.`;
  return `${head}: the interval includes 0, so the data cannot tell whether there is a difference at all.`;
};

const psi: Explainer = (v) => {
  if (!Number.isFinite(v)) return 'PSI is not defined here: one of the distributions is empty.';
  const head = `PSI ${num(v, 2)}`;
  if (v < 0.1) return `${head}: below 0.1, the feature looks the same as in training.`;
  if (v <= 0.25) return `${head}: a moderate shift from training (0.1–0.25); keep watching it.`;
  return `${head}: above 0.25, a major shift from training; check the source and consider retraining.`;
};

const latency = (label: string, share: string): Explainer => (v, c) => {
  const head = `${label} ${withUnit(v, 'ms')}: ${share} of scoring calls finish within ${withUnit(v, 'ms')}`;
  const t = c.targetMs;
  if (t === undefined) return `${head}.`;
  if (v <= t) return `${head}, within the ${withUnit(t, 'ms')} target (${pct(v / t)} of it).`;
  return `${head}, over the ${withUnit(t, 'ms')} target by ${withUnit(v - t, 'ms')}; a smaller model or batching calls would help.`;
};

/** Seconds as "40 seconds", "3.5 minutes", "2.1 hours". */
function duration(seconds: number): string {
  if (seconds < 90) return `${num(seconds, 2)} seconds`;
  if (seconds < 5400) return `${num(seconds / 60, 2)} minutes`;
  return `${num(seconds / 3600, 2)} hours`;
}

const throughput: Explainer = (v) =>
  `Throughput ${num(v)} rows/s: scoring 1 million rows takes about ${duration(1e6 / v)} at this rate.`;

export const TEST_EXPLAINERS = {
  pValue, psi,
  confidenceInterval: measured('The estimate', confidenceInterval),
  throughput: measured('Throughput', throughput),
  latencyP50: measured('p50 latency', latency('p50 latency', 'half')),
  latencyP95: measured('p95 latency', latency('p95 latency', '95 %')),
  latencyP99: measured('p99 latency', latency('p99 latency', '99 %')),
} satisfies Record<string, Explainer>;
