/**
 * The gate's checks, each a pure function of measured facts and the policy: the primary metric
 * (non-inferiority within a margin, by the paired test), improvement with confidence, latency,
 * size, schema and slices. A check passes, fails, is inconclusive, or is skipped by the policy.
 */
import type { ModelComparison } from '../abtest';
import { formatCi, formatCount, formatMetric, formatP, plural } from '../format';
import type { LatencyReport } from '../deploy';
import { metricName, num, pct } from '../explain';
import type { GatePolicy } from './gatePolicy';
import type { SliceComparison } from './compareSlices';

export type CheckStatus = 'pass' | 'fail' | 'inconclusive' | 'skipped';

export interface GateCheck {
  /** Stable name, used as the JUnit test case and the annotation title. */
  id: 'metric' | 'improvement' | 'latency' | 'size' | 'schema' | 'slices';
  title: string;
  status: CheckStatus;
  /** One sentence: the figures and the threshold. */
  summary: string;
  /** Further lines (the slices that lost, the new columns…). */
  details: string[];
}

/** What the gate measured about one model. */
export interface GateModel {
  name: string;
  /** Bundle size in bytes. */
  bytes: number;
  /** Columns its scorer needs. */
  inputs: string[];
  /** One-row scoring latency of its scorer.mjs on the test rows; null when not measured. */
  latency: LatencyReport | null;
  /** Its model.sql scoring the test rows in an embedded DuckDB, or why it could not; absent when SQL was not timed. */
  sql?: SqlScoring | { unavailable: string };
}

/** One run of a bundle's model.sql over the test rows in DuckDB (one thread). */
export interface SqlScoring {
  rows: number;
  /** The whole query, planning included, in ms. */
  ms: number;
  /** Of which planning the query (its EXPLAIN), in ms. */
  planMs: number;
}

const check = (id: GateCheck['id'], title: string, status: CheckStatus, summary: string, details: string[] = []): GateCheck => ({ id, title, status, summary, details });
const testName = (c: ModelComparison) => (c.delong ? 'DeLong' : c.mcnemar ? 'McNemar' : 'paired t-test');

/** Gain of the challenger in the metric's better direction (positive = better), with its interval so oriented. */
function orientedGain(c: ModelComparison): { gain: number; ci: [number, number]; champion: number; challenger: number } {
  const main = c.differences.find((d) => d.metric === c.primaryMetric)!;
  const sign = main.higherIsBetter ? 1 : -1;
  const ci: [number, number] = sign === 1 ? [main.ci[0], main.ci[1]] : [-main.ci[1], -main.ci[0]];
  return { gain: sign * main.difference, ci, champion: main.champion, challenger: main.challenger };
}

/**
 * Fails when the challenger is worse than the champion by more than the margin and the paired test
 * says the champion is better; inconclusive when it is that much worse but the test cannot tell.
 */
export function metricCheck(c: ModelComparison, policy: GatePolicy): GateCheck {
  const { gain, ci, champion, challenger } = orientedGain(c);
  const allowed = policy.metric.margin * Math.abs(champion);
  const name = metricName(c.primaryMetric);
  const figures = `${name} ${formatMetric(challenger)} against the champion’s ${formatMetric(champion)} (change ${formatMetric(gain)} in the better direction, ${formatCi(ci, policy.confidence)}; ${testName(c)} ${formatP(c.pValue)})`;
  const limit = `the allowed loss is ${formatMetric(allowed)} (${pct(policy.metric.margin)} of the champion’s value)`;
  if (-gain <= allowed) return check('metric', `Primary metric (${name})`, 'pass', `${figures}: within the margin; ${limit}.`);
  if (c.better === c.champion) return check('metric', `Primary metric (${name})`, 'fail', `${figures}: the challenger is worse by ${formatMetric(-gain)}, significantly, and ${limit}.`);
  return check('metric', `Primary metric (${name})`, 'inconclusive', `${figures}: worse by ${formatMetric(-gain)}, more than ${limit}, but the test cannot tell the models apart on these rows; score on more rows (about ${formatCount(c.rowsNeeded.required)} needed).`);
}

/** Requires the challenger to be better at the policy's confidence, by more than `improvement.minimum`. */
export function improvementCheck(c: ModelComparison, policy: GatePolicy): GateCheck {
  const title = 'Improvement with confidence';
  if (!policy.improvement.required) return check('improvement', title, 'skipped', 'Not required by the policy (improvement.required is false).');
  const { gain, ci } = orientedGain(c);
  const level = pct(policy.confidence);
  const figures = `change ${formatMetric(gain)} in ${metricName(c.primaryMetric)}, ${formatCi(ci, policy.confidence)}, ${testName(c)} ${formatP(c.pValue)}`;
  if (c.better === c.challenger && ci[0] > policy.improvement.minimum) return check('improvement', title, 'pass', `The challenger is better at ${level}: ${figures}.`);
  const status = c.better === c.champion ? 'fail' : 'inconclusive';
  const why = c.better === c.champion ? 'the champion is significantly better' : `the improvement is not shown at ${level}`;
  return check('improvement', title, status, `Required improvement above ${formatMetric(policy.improvement.minimum)} not shown: ${why} (${figures}).`);
}

const rate = (s: SqlScoring) => s.rows / (s.ms / 1000);

/** The SQL half of the latency check: the challenger's rate against the floor, the champion's beside it. */
function sqlFigures(champion: GateModel, challenger: GateModel, floor: number): { pass: boolean; summary: string; details: string[] } {
  const c = challenger.sql;
  if (!c) return { pass: true, summary: '', details: [] };
  if ('unavailable' in c) return { pass: false, summary: `model.sql could not be timed in DuckDB: ${c.unavailable}`, details: [] };
  const other = champion.sql && !('unavailable' in champion.sql) ? ` (champion ${formatCount(rate(champion.sql))} rows per second)` : '';
  const line = (who: string, s: SqlScoring) => `${who}: model.sql in DuckDB scored ${plural(s.rows, 'row')} in ${num(s.ms / 1000)} s, ${num(s.planMs / 1000)} s of it planning the query`;
  const details = [line('Challenger', c), ...(champion.sql && !('unavailable' in champion.sql) ? [line('Champion', champion.sql)] : [])];
  return { pass: rate(c) >= floor, summary: `model.sql in DuckDB ${formatCount(rate(c))} rows per second${other}; the floor is ${formatCount(floor)}`, details };
}

/**
 * The challenger's one-row p99 against the limit, and, where the policy sets a floor, its model.sql's
 * rate in an embedded DuckDB; the champion's figures are shown beside them.
 */
export function latencyCheck(champion: GateModel, challenger: GateModel, policy: GatePolicy): GateCheck {
  const title = policy.latency.sqlRowsPerSecond === null ? 'Latency (p99, one row)' : 'Latency (p99, one row; SQL in DuckDB)';
  const { p99Ms: limit, sqlRowsPerSecond: floor } = policy.latency;
  if (limit === null && floor === null) return check('latency', title, 'skipped', 'Skipped by the policy (latency.p99Ms and latency.sqlRowsPerSecond are null).');
  const sql = floor === null ? { pass: true, summary: '', details: [] } : sqlFigures(champion, challenger, floor);
  const measured = limit !== null && challenger.latency;
  if (!measured && !sql.summary) return check('latency', title, 'skipped', 'Not measured.');
  const parts: string[] = [];
  let pass = sql.pass;
  if (measured) {
    const ms = challenger.latency!.single.p99Us / 1000;
    const beside = champion.latency ? ` (champion ${num(champion.latency.single.p99Us / 1000)} ms)` : '';
    parts.push(`p99 ${num(ms)} ms over ${plural(challenger.latency!.single.calls, 'call')}${beside}; the limit is ${num(limit)} ms`);
    pass &&= ms <= limit;
  }
  if (sql.summary) parts.push(sql.summary);
  return check('latency', title, pass ? 'pass' : 'fail', `${parts.join('. ')}.`, sql.details);
}

const mb = (bytes: number) => `${num(bytes / (1024 * 1024))} MiB`;

export function sizeCheck(champion: GateModel, challenger: GateModel, policy: GatePolicy): GateCheck {
  const { maxBytes, maxGrowth } = policy.size;
  const title = 'Bundle size';
  if (maxBytes === null && maxGrowth === null) return check('size', title, 'skipped', 'Skipped by the policy (size.maxBytes and size.maxGrowth are null).');
  const problems: string[] = [];
  if (maxBytes !== null && challenger.bytes > maxBytes) problems.push(`larger than the ${mb(maxBytes)} limit`);
  const growth = challenger.bytes / Math.max(1, champion.bytes);
  if (maxGrowth !== null && growth > maxGrowth) problems.push(`${num(growth)} times the champion’s, above the allowed ${num(maxGrowth)} times`);
  const figures = `${mb(challenger.bytes)} against the champion’s ${mb(champion.bytes)}`;
  return problems.length ? check('size', title, 'fail', `${figures}: ${problems.join('; ')}.`) : check('size', title, 'pass', `${figures}: within the limits.`);
}

/** The challenger may need no column the champion did not, unless the policy allows it. */
export function schemaCheck(champion: GateModel, challenger: GateModel, policy: GatePolicy): GateCheck {
  const title = 'Input columns';
  const had = new Set(champion.inputs);
  const added = challenger.inputs.filter((c) => !had.has(c));
  const allow = policy.schema.allowNewColumns;
  const refused = allow === true ? [] : added.filter((c) => !allow.includes(c));
  const dropped = champion.inputs.filter((c) => !challenger.inputs.includes(c));
  const details = [...(added.length ? [`New: ${added.join(', ')}`] : []), ...(dropped.length ? [`No longer needed: ${dropped.join(', ')}`] : [])];
  if (refused.length) return check('schema', title, 'fail', `The challenger needs ${plural(refused.length, 'column')} the champion did not: ${refused.join(', ')}. Callers do not send ${refused.length === 1 ? 'it' : 'them'} yet; add ${refused.length === 1 ? 'it' : 'them'} to schema.allowNewColumns once they do.`, details);
  return check('schema', title, 'pass', added.length ? `The new columns ${added.join(', ')} are allowed by the policy.` : 'The challenger needs no column the champion did not.', details);
}

/** No slice of at least `slices.minRows` test rows may lose more than the margin of the champion's value on it. */
export function sliceCheck(slices: SliceComparison[] | null, policy: GatePolicy): GateCheck {
  const title = 'Slices';
  if (policy.slices.margin === null) return check('slices', title, 'skipped', 'Skipped by the policy (slices.margin is null).');
  if (!slices || slices.length === 0) return check('slices', title, 'skipped', `No slice of the test file has at least ${plural(policy.slices.minRows, 'row')} with the metric defined.`);
  const margin = policy.slices.margin;
  const lost = slices.filter((s) => s.loss > margin * Math.abs(s.champion)).sort((a, b) => b.loss - a.loss);
  const line = (s: SliceComparison) => `${s.column} = ${s.label} (${plural(s.rows, 'row')}): ${metricName(s.metric)} ${formatMetric(s.challenger)} against ${formatMetric(s.champion)}, a loss of ${formatMetric(s.loss)}`;
  if (lost.length === 0) return check('slices', title, 'pass', `None of ${plural(slices.length, 'slice')} loses more than ${pct(margin)} of the champion’s value.`);
  return check('slices', title, 'fail', `${plural(lost.length, 'slice')} of ${num(slices.length)} lose${lost.length === 1 ? 's' : ''} more than ${pct(margin)} of the champion’s value; the worst is ${line(lost[0])}.`, lost.slice(0, 20).map(line));
}
