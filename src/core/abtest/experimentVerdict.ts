import type { ExperimentAnalysis } from './analyzeExperiment';
import { formatCount, formatP, formatMetric } from '../format';
import type { VariantWeight } from './trafficRanges';

const pct = (x: number) => `${(x * 100).toFixed(2).replace('-', '−')} %`;
const pts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(2)} pts`;
const signed = (x: number) => (x >= 0 ? `+${formatMetric(x)}` : formatMetric(x));

/**
 * The experiment in one or two sentences. An SRM flag overrides everything (the split itself is
 * broken); a run short of its planned size points to the always-valid p-value instead.
 */
export function experimentVerdict(a: Omit<ExperimentAnalysis, 'verdict'>, weights: readonly VariantWeight[], alpha: number, confidence: number): string {
  if (a.srmFlag) {
    const split = a.variants.map((v) => formatCount(v.n)).join(' / ');
    return `Sample ratio mismatch (${formatP(a.srmPValue)}): the split ${split} does not match the weights ${weights.map((w) => w.weight).join('/')}, so the lift cannot be trusted; check assignment and logging before reading it.`;
  }
  const control = a.variants.find((v) => v.name === a.control)!;
  const treatment = a.variants.find((v) => v.name === a.treatment)!;
  const rate = a.metric === 'conversion';
  const level = `${Math.round(confidence * 100)} % CI`;
  const value = (v: typeof control) => (rate ? pct(v.rate!) : formatMetric(v.mean!));
  const lift = rate
    ? `lift ${pts(a.lift)}, ${level} ${pts(a.liftCi[0])} to ${pts(a.liftCi[1])}`
    : `lift ${signed(a.lift)}, ${level} ${signed(a.liftCi[0])} to ${signed(a.liftCi[1])}`;
  const relative = Number.isFinite(a.relativeLift) ? `, relative ${a.relativeLift >= 0 ? '+' : '−'}${Math.abs(a.relativeLift * 100).toFixed(1)} %` : '';
  const numbers = `${a.metric} ${value(treatment)} vs ${value(control)} (${lift}${relative}, ${formatP(a.pValue)})`;
  const head = a.significant
    ? `${a.lift > 0 ? a.treatment : a.control} wins: ${a.treatment} vs ${a.control} ${numbers}.`
    : `No significant difference at α = ${alpha}: ${a.treatment} vs ${a.control} ${numbers}.`;
  if (!a.peeking) return head;
  const verdictNow = a.msprtPValue < alpha ? 'it already shows a difference' : 'it does not yet show a difference';
  return `${head} The test has not reached its planned ${formatCount(a.plannedSampleSize!)} units per variant, so read the always-valid p-value instead (${formatP(a.msprtPValue)}): ${verdictNow}.`;
}
