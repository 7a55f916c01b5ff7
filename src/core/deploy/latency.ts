import { formatCount } from '../format';
/** Options for `measureLatency`. */
export interface LatencyOptions {
  /** Name of the scoring path in the report (e.g. `scorer.mjs`, `tfjs-wasm`). Default `path`. */
  path?: string;
  /** Timed single-row calls; at least 1000. Default 2000. */
  calls?: number;
  /** Untimed calls first, to let JITs and backends settle. Default 200. */
  warmup?: number;
  /** Rows per batch call. Default 1000. */
  batchSize?: number;
  /** Timed batch calls. Default 5. */
  batches?: number;
  /**
   * Single-row calls per timing sample. Default 1. Browsers coarsen `performance.now()` (to 100 µs
   * without cross-origin isolation), so there a group of, say, 20 calls per sample gives
   * percentiles of the group mean instead of noise.
   */
  callsPerSample?: number;
  /** Clock in milliseconds. Default `performance.now`. */
  now?: () => number;
}

export interface LatencyReport {
  path: string;
  single: { calls: number; p50Us: number; p90Us: number; p95Us: number; p99Us: number; meanUs: number };
  batch: { batchSize: number; batches: number; rowsPerSecond: number };
}

const percentile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/**
 * Times `predictOne` (single-row calls, one timing per sample) and `predictBatch` (rows per
 * second). Both may be synchronous or return a promise; a promise is awaited inside the timing.
 */
export async function measureLatency(
  predictOne: (i: number) => unknown,
  predictBatch: (size: number) => unknown,
  options: LatencyOptions = {},
): Promise<LatencyReport> {
  const calls = Math.max(1000, options.calls ?? 2000);
  const warmup = options.warmup ?? 200;
  const group = Math.max(1, options.callsPerSample ?? 1);
  const batchSize = options.batchSize ?? 1000;
  const batches = options.batches ?? 5;
  const now = options.now ?? (() => performance.now());
  const settle = async (v: unknown) => {
    if (v && typeof (v as Promise<unknown>).then === 'function') await v;
  };
  for (let i = 0; i < warmup; i++) await settle(predictOne(i));
  const samples = new Float64Array(Math.ceil(calls / group));
  let call = 0;
  for (let s = 0; s < samples.length; s++) {
    const t0 = now();
    for (let j = 0; j < group; j++) {
      const v = predictOne(call++);
      if (v && typeof (v as Promise<unknown>).then === 'function') await v;
    }
    samples[s] = ((now() - t0) * 1000) / group;
  }
  const sorted = samples.slice().sort();
  await settle(predictBatch(batchSize));
  const t0 = now();
  for (let b = 0; b < batches; b++) await settle(predictBatch(batchSize));
  const seconds = (now() - t0) / 1000;
  return {
    path: options.path ?? 'path',
    single: {
      calls: samples.length * group,
      p50Us: percentile(sorted, 0.5),
      p90Us: percentile(sorted, 0.9),
      p95Us: percentile(sorted, 0.95),
      p99Us: percentile(sorted, 0.99),
      meanUs: samples.reduce((a, b) => a + b, 0) / samples.length,
    },
    batch: { batchSize, batches, rowsPerSecond: seconds > 0 ? (batchSize * batches) / seconds : Infinity },
  };
}

export interface GateResult {
  threshold: { p95Ms: number };
  paths: { path: string; p95Ms: number; rowsPerSecond: number; pass: boolean }[];
  /** True when at least one path passes. */
  pass: boolean;
  /** The passing path with the lowest single-row p95 (or the fastest overall when none passes), and why. */
  recommendation: { path: string; reason: string } | null;
}

/** Pass/fail of each measured path against a single-row p95 budget (default 10 ms). */
export function latencyGate(reports: readonly LatencyReport[], options: { p95Ms?: number } = {}): GateResult {
  const p95Ms = options.p95Ms ?? 10;
  const paths = reports.map((r) => ({ path: r.path, p95Ms: r.single.p95Us / 1000, rowsPerSecond: r.batch.rowsPerSecond, pass: r.single.p95Us / 1000 <= p95Ms }));
  const byP95 = [...paths].sort((a, b) => a.p95Ms - b.p95Ms);
  const best = byP95.find((p) => p.pass) ?? byP95[0];
  const fastestBatch = [...paths].sort((a, b) => b.rowsPerSecond - a.rowsPerSecond)[0];
  let recommendation: GateResult['recommendation'] = null;
  if (best) {
    const batchNote = fastestBatch && fastestBatch.path !== best.path ? ` For large batches ${fastestBatch.path} is faster (${formatCount(fastestBatch.rowsPerSecond)} rows/s).` : '';
    recommendation = best.pass
      ? { path: best.path, reason: `Lowest single-row p95 (${best.p95Ms.toFixed(3)} ms) within the ${p95Ms} ms budget.${batchNote}` }
      : { path: best.path, reason: `No path meets the ${p95Ms} ms p95 budget; ${best.path} comes closest (${best.p95Ms.toFixed(3)} ms). Use a smaller model or batch requests.${batchNote}` };
  }
  return { threshold: { p95Ms }, paths, pass: paths.some((p) => p.pass), recommendation };
}
