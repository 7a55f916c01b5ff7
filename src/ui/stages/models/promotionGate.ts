import { higherIsBetter } from '../../../core/evaluate';

/**
 * An MLflow-style promotion gate: the candidate must beat the current holder of the alias on
 * `metric` by at least `minAbsolute` (metric units) and/or `minRelative` (a fraction, 0.01 = 1 %),
 * in the metric's better direction (lower for rmse, logLoss…; higher otherwise).
 */
export interface PromotionGate {
  metric: string;
  minAbsolute?: number;
  minRelative?: number;
}

export interface GateResult {
  pass: boolean;
  /** A sentence for the confirmation, naming both values and the margin. */
  message: string;
}

const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

/** Checks `candidate` against `incumbent` (undefined when no version holds the alias: passes). */
export function checkGate(gate: PromotionGate, candidate: number | undefined, incumbent: number | undefined): GateResult {
  const { metric } = gate;
  if (candidate === undefined || !Number.isFinite(candidate)) {
    return { pass: false, message: `The candidate has no ${metric}; pick a metric both versions report.` };
  }
  if (incumbent === undefined || !Number.isFinite(incumbent)) {
    return { pass: true, message: `No current holder reports ${metric}; the gate has nothing to compare against.` };
  }
  const gain = higherIsBetter(metric) ? candidate - incumbent : incumbent - candidate;
  const relative = incumbent === 0 ? (gain > 0 ? Infinity : 0) : gain / Math.abs(incumbent);
  const needs: string[] = [];
  if (gate.minAbsolute !== undefined && !(gain >= gate.minAbsolute)) needs.push(`at least ${fmt(gate.minAbsolute)} better`);
  if (gate.minRelative !== undefined && !(relative >= gate.minRelative)) needs.push(`at least ${fmt(gate.minRelative * 100)} % better`);
  const direction = higherIsBetter(metric) ? 'higher is better' : 'lower is better';
  const summary = `${metric} ${fmt(candidate)} vs ${fmt(incumbent)} now (${direction}; ${gain >= 0 ? '+' : ''}${fmt(gain)}, ${fmt(relative * 100)} %)`;
  return needs.length === 0
    ? { pass: true, message: `${summary}: passes the gate.` }
    : { pass: false, message: `${summary}: the gate needs ${needs.join(' and ')}.` };
}
