import { describe, expect, test } from 'vitest';
import type { ModelComparison } from '../../../../src/core/abtest';
import { DEFAULT_POLICY, gateReport, type GateModel, type GatePolicy, type SliceComparison } from '../../../../src/core/gate';

/** A comparison on ROC AUC (higher is better) or RMSE with the given figures. */
function comparison(o: { champion: number; challenger: number; ci: [number, number]; p: number; better: 'A' | 'B' | null; metric?: 'rocAuc' | 'rmse' }): ModelComparison {
  const metric = o.metric ?? 'rocAuc';
  return {
    champion: 'A', challenger: 'B', primaryMetric: metric,
    differences: [{ metric, champion: o.champion, challenger: o.challenger, difference: o.challenger - o.champion, ci: o.ci, higherIsBetter: metric !== 'rmse' }],
    delong: { z: 0, pValue: o.p } as never, pValue: o.p, significant: o.better !== null, better: o.better,
    rowsNeeded: { required: 5000, extra: 4000 }, verdict: '', disagreements: [],
  };
}
const latency = (p99Us: number) => ({ path: 'scorer.mjs', single: { calls: 2000, p50Us: 5, p90Us: 6, p95Us: 7, p99Us, meanUs: 5 }, batch: { batchSize: 1000, batches: 2, rowsPerSecond: 1e6 } });
const model = (name: string, o: Partial<GateModel> = {}): GateModel => ({ name, bytes: 40_000, inputs: ['x1', 'x2'], latency: latency(20), ...o });
const policy = (edit: (p: GatePolicy) => void = () => {}) => {
  const p = structuredClone(DEFAULT_POLICY);
  edit(p);
  return p;
};
const run = (c: ModelComparison, o: { p?: GatePolicy; champion?: GateModel; challenger?: GateModel; slices?: SliceComparison[] | null } = {}) =>
  gateReport({ champion: o.champion ?? model('A'), challenger: o.challenger ?? model('B'), comparison: c, slices: o.slices ?? null, policy: o.p ?? policy(), test: { file: 't.csv', rows: 500, dropped: 0 } });
const status = (r: ReturnType<typeof run>, id: string) => r.checks.find((c) => c.id === id)!.status;

describe('metric check', () => {
  test('passes a better challenger', () => {
    const r = run(comparison({ champion: 0.8, challenger: 0.9, ci: [0.05, 0.15], p: 0.001, better: 'B' }));
    expect([r.verdict, r.exitCode, status(r, 'metric')]).toEqual(['pass', 0, 'pass']);
  });
  test('passes a challenger worse by less than the margin, even significantly', () => {
    expect(status(run(comparison({ champion: 0.9, challenger: 0.895, ci: [-0.008, -0.002], p: 0.01, better: 'A' })), 'metric')).toBe('pass');
  });
  test('fails a challenger significantly worse by more than the margin, saying by how much', () => {
    const r = run(comparison({ champion: 0.9, challenger: 0.8, ci: [-0.14, -0.06], p: 0.001, better: 'A' }));
    expect([r.verdict, r.exitCode]).toEqual(['fail', 1]);
    expect(r.checks[0].summary).toMatch(/worse by 0\.100, significantly, and the allowed loss is 0\.009/);
  });
  test('is inconclusive when worse beyond the margin but not significantly', () => {
    const r = run(comparison({ champion: 0.9, challenger: 0.87, ci: [-0.08, 0.02], p: 0.3, better: null }));
    expect([r.verdict, r.exitCode, status(r, 'metric')]).toEqual(['inconclusive', 3, 'inconclusive']);
    expect(r.checks[0].summary).toMatch(/about 5,000 needed/);
  });
  test('reads RMSE as lower is better', () => {
    expect(status(run(comparison({ metric: 'rmse', champion: 10, challenger: 12, ci: [1, 3], p: 0.001, better: 'A' })), 'metric')).toBe('fail');
    expect(status(run(comparison({ metric: 'rmse', champion: 10, challenger: 8, ci: [-3, -1], p: 0.001, better: 'B' })), 'metric')).toBe('pass');
  });
});

describe('improvement with confidence', () => {
  const required = policy((p) => (p.improvement.required = true));
  test('passes only when the challenger is significantly better', () => {
    expect(status(run(comparison({ champion: 0.8, challenger: 0.9, ci: [0.05, 0.15], p: 0.001, better: 'B' }), { p: required }), 'improvement')).toBe('pass');
    const r = run(comparison({ champion: 0.8, challenger: 0.81, ci: [-0.01, 0.03], p: 0.4, better: null }), { p: required });
    expect([r.verdict, r.exitCode, status(r, 'improvement')]).toEqual(['inconclusive', 3, 'inconclusive']);
  });
  test('needs the interval above the minimum', () => {
    const p = policy((q) => ((q.improvement.required = true), (q.improvement.minimum = 0.08)));
    expect(status(run(comparison({ champion: 0.8, challenger: 0.9, ci: [0.05, 0.15], p: 0.001, better: 'B' }), { p }), 'improvement')).toBe('inconclusive');
  });
  test('is skipped unless required', () => {
    expect(status(run(comparison({ champion: 0.8, challenger: 0.81, ci: [-0.01, 0.03], p: 0.4, better: null })), 'improvement')).toBe('skipped');
  });
});

describe('latency, size, schema and slices', () => {
  const even = comparison({ champion: 0.8, challenger: 0.8, ci: [-0.01, 0.01], p: 0.9, better: null });
  test('latency fails above the p99 limit and is skipped by null', () => {
    const slow = run(even, { challenger: model('B', { latency: latency(25_000) }) });
    expect(status(slow, 'latency')).toBe('fail');
    expect(slow.checks.find((c) => c.id === 'latency')!.summary).toMatch(/p99 25 ms over 2,000 calls \(champion 0\.02 ms\); the limit is 10 ms/);
    expect(status(run(even, { challenger: model('B', { latency: latency(25_000) }), p: policy((p) => (p.latency.p99Ms = null)) }), 'latency')).toBe('skipped');
  });
  test('size fails over the limit or past the growth ratio', () => {
    expect(status(run(even, { challenger: model('B', { bytes: 60 * 1024 * 1024 }) }), 'size')).toBe('fail');
    expect(status(run(even, { challenger: model('B', { bytes: 130_000 }) }), 'size')).toBe('fail');
    expect(status(run(even, { challenger: model('B', { bytes: 110_000 }) }), 'size')).toBe('pass');
  });
  test('schema refuses a new column unless allowed', () => {
    const wider = model('B', { inputs: ['x1', 'x2', 'income'] });
    const r = run(even, { challenger: wider });
    expect(status(r, 'schema')).toBe('fail');
    expect(r.checks.find((c) => c.id === 'schema')!.summary).toMatch(/needs 1 column the champion did not: income/);
    expect(status(run(even, { challenger: wider, p: policy((p) => (p.schema.allowNewColumns = ['income'])) }), 'schema')).toBe('pass');
    expect(status(run(even, { challenger: model('B', { inputs: ['x1'] }) }), 'schema')).toBe('pass');
  });
  test('slices fail when one loses more than the margin of its champion value', () => {
    const slice = (label: string, champion: number, challenger: number): SliceComparison => ({ column: 'seg', label, rows: 80, metric: 'rocAuc', champion, challenger, loss: champion - challenger });
    const r = run(even, { slices: [slice('a', 0.9, 0.89), slice('b', 0.9, 0.8)] });
    const check = r.checks.find((c) => c.id === 'slices')!;
    expect(check.status).toBe('fail');
    expect(check.summary).toMatch(/1 slice of 2 loses more than 5 %.*seg = b \(80 rows\): ROC AUC 0\.800 against 0\.900/);
    expect(status(run(even, { slices: [slice('a', 0.9, 0.89)] }), 'slices')).toBe('pass');
    expect(status(run(even, { slices: [] }), 'slices')).toBe('skipped');
  });
  test('a fail outranks an inconclusive check', () => {
    const r = run(comparison({ champion: 0.9, challenger: 0.87, ci: [-0.08, 0.02], p: 0.3, better: null }), { challenger: model('B', { bytes: 60 * 1024 * 1024 }) });
    expect([r.verdict, r.exitCode]).toEqual(['fail', 1]);
  });
});

describe('latency check with model.sql timed in DuckDB', () => {
  const even = comparison({ champion: 0.8, challenger: 0.8, ci: [-0.01, 0.01], p: 0.9, better: null });
  const floor = (rows: number) => policy((p) => (p.latency.sqlRowsPerSecond = rows));
  const sql = (rows: number, ms: number) => ({ rows, ms, planMs: ms / 4 });
  test('passes a challenger whose SQL scores at or above the floor, with both rates in the summary', () => {
    const r = run(even, { p: floor(1000), champion: model('A', { sql: sql(2000, 1000) }), challenger: model('B', { sql: sql(2000, 500) }) });
    const c = r.checks.find((x) => x.id === 'latency')!;
    expect(c.status).toBe('pass');
    expect(c.title).toBe('Latency (p99, one row; SQL in DuckDB)');
    expect(c.summary).toMatch(/p99 0\.02 ms .*\. model\.sql in DuckDB 4,000 rows per second \(champion 2,000 rows per second\); the floor is 1,000\.$/);
    expect(c.details[0]).toMatch(/^Challenger: model\.sql in DuckDB scored 2,000 rows in 0\.5 s, 0\.125 s of it planning the query$/);
  });
  test('fails below the floor even when the one-row p99 passes, and when the SQL could not run', () => {
    expect(status(run(even, { p: floor(10_000), challenger: model('B', { sql: sql(2000, 500) }) }), 'latency')).toBe('fail');
    const refused = run(even, { p: floor(1), challenger: model('B', { sql: { unavailable: 'the bundle has no model.sql' } }) });
    expect(status(refused, 'latency')).toBe('fail');
    expect(refused.checks.find((x) => x.id === 'latency')!.summary).toMatch(/model\.sql could not be timed in DuckDB: the bundle has no model\.sql/);
  });
  test('times SQL alone when the p99 limit is null, and is skipped only when both are', () => {
    const sqlOnly = policy((p) => ((p.latency.p99Ms = null), (p.latency.sqlRowsPerSecond = 100)));
    const r = run(even, { p: sqlOnly, challenger: model('B', { latency: latency(25_000), sql: sql(1000, 100) }) });
    expect(status(r, 'latency')).toBe('pass');
    expect(r.checks.find((x) => x.id === 'latency')!.summary).not.toMatch(/p99/);
    expect(status(run(even, { p: policy((p) => (p.latency.p99Ms = null)), challenger: model('B', { sql: sql(10, 1e6) }) }), 'latency')).toBe('skipped');
  });
});
