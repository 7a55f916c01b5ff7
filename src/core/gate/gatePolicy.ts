/**
 * The gate's policy: the thresholds a challenger must meet to replace the champion. Read from a
 * JSON file (every key optional; missing keys take the defaults) and validated with messages that
 * name the key, the value and the fix.
 */

/** Thresholds of `modelbench gate`. Margins are fractions of the champion's value (0.01 = 1 %). */
export interface GatePolicy {
  /** Confidence of the paired test, the bootstrap intervals and the improvement rule. Default 0.95. */
  confidence: number;
  metric: {
    /** The challenger's primary metric may be worse than the champion's by at most this share of it. Default 0.01. */
    margin: number;
  };
  improvement: {
    /** Require the challenger to be better than the champion at `confidence` (else inconclusive). Default false. */
    required: boolean;
    /** The improvement's interval must lie above this many metric units. Default 0. */
    minimum: number;
  };
  latency: {
    /** Largest allowed p99 of one-row scoring with the challenger's scorer.mjs on the test rows, in ms; null skips. Default 10. */
    p99Ms: number | null;
    /**
     * Smallest allowed rate at which the challenger's model.sql scores the test rows in an embedded
     * DuckDB (one thread, planning included), in rows per second; null leaves SQL untimed. Default null.
     */
    sqlRowsPerSecond: number | null;
  };
  size: {
    /** Largest allowed bundle, in bytes; null skips. Default 52,428,800 (50 MiB). */
    maxBytes: number | null;
    /** Largest allowed ratio of the challenger's bundle to the champion's; null skips. Default 3. */
    maxGrowth: number | null;
  };
  schema: {
    /** Columns the challenger may need that the champion did not; `true` allows any. Default none. */
    allowNewColumns: string[] | true;
  };
  slices: {
    /** No slice may lose more than this share of the champion's value on it. Default 0.05; null skips. */
    margin: number | null;
    /** Slices with fewer test rows are not judged. Default 30. */
    minRows: number;
    /** Columns to slice by; null slices every category and number column of the test file. Default null. */
    columns: string[] | null;
  };
}

export const DEFAULT_POLICY: GatePolicy = {
  confidence: 0.95,
  metric: { margin: 0.01 },
  improvement: { required: false, minimum: 0 },
  latency: { p99Ms: 10, sqlRowsPerSecond: null },
  size: { maxBytes: 50 * 1024 * 1024, maxGrowth: 3 },
  schema: { allowNewColumns: [] },
  slices: { margin: 0.05, minRows: 30, columns: null },
};

/** A policy file that cannot be used; the message names the file, the key and the fix. */
export class GatePolicyError extends RangeError {
  override name = 'GatePolicyError';
}

type Rule = (value: unknown) => string | null;
const number = (min: number, max: number, exclusiveMin = false): Rule => (v) =>
  typeof v === 'number' && Number.isFinite(v) && (exclusiveMin ? v > min : v >= min) && v <= max ? null : `a number ${exclusiveMin ? 'above' : 'from'} ${min} ${max === Infinity ? 'upwards' : `to ${max}`}`;
const orNull = (rule: Rule): Rule => (v) => (v === null ? null : rule(v) && `${rule(v)}, or null to skip the check`);
const whole: Rule = (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? null : 'a whole number of at least 1');
const bool: Rule = (v) => (typeof v === 'boolean' ? null : 'true or false');
const names: Rule = (v) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? null : 'a list of column names');

const RULES: Record<string, Record<string, Rule>> = {
  metric: { margin: number(0, 1) },
  improvement: { required: bool, minimum: number(-Infinity, Infinity) },
  latency: { p99Ms: orNull(number(0, Infinity, true)), sqlRowsPerSecond: orNull(number(0, Infinity, true)) },
  size: { maxBytes: orNull(whole), maxGrowth: orNull(number(0, Infinity, true)) },
  schema: { allowNewColumns: (v) => (v === true ? null : names(v) && `${names(v)}, or true to allow any`) },
  slices: { margin: orNull(number(0, 1)), minRows: whole, columns: (v) => (v === null ? null : names(v) && `${names(v)}, or null for every column`) },
};

const shown = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/**
 * Reads a policy from the text of a JSON file (`source` names it in messages). Unknown keys are
 * refused so a typo cannot silently leave a default in force.
 */
export function parseGatePolicy(text: string, source: string): GatePolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new GatePolicyError(`${source} is not valid JSON (${(e as Error).message}); fix it, or start from the defaults that \`modelbench gate --help\` prints.`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new GatePolicyError(`${source} must hold one JSON object such as {"metric": {"margin": 0.01}}; got ${shown(raw)}.`);
  const policy = structuredClone(DEFAULT_POLICY) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'confidence') {
      const problem = number(0.5, 0.999)(value);
      if (problem) throw new GatePolicyError(`${source}: "confidence" must be ${problem} (0.95 means 95 %); got ${shown(value)}.`);
      policy.confidence = value;
      continue;
    }
    const rules = RULES[key];
    if (!rules) throw new GatePolicyError(`${source}: unknown key "${key}"; the keys are confidence, ${Object.keys(RULES).join(', ')}.`);
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new GatePolicyError(`${source}: "${key}" must be an object such as ${JSON.stringify(DEFAULT_POLICY[key as keyof GatePolicy])}; got ${shown(value)}.`);
    const section = policy[key] as Record<string, unknown>;
    for (const [field, v] of Object.entries(value)) {
      const rule = rules[field];
      if (!rule) throw new GatePolicyError(`${source}: unknown key "${key}.${field}"; "${key}" takes ${Object.keys(rules).join(', ')}.`);
      const problem = rule(v);
      if (problem) throw new GatePolicyError(`${source}: "${key}.${field}" must be ${problem}; got ${shown(v)}.`);
      section[field] = v;
    }
  }
  return policy as unknown as GatePolicy;
}
