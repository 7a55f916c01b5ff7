import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { disposeModel, predict } from '../../../../src/core/models';
import { transformRecipe } from '../../../../src/core/recipe';
import { buildBundle, latencyGate, measureLatency, type LatencyReport } from '../../../../src/core/deploy';
import { breastCancer, importScorer, rowsOf, trainTiny, type Tiny } from './trainTiny';

describe('measureLatency', () => {
  test('percentiles come from per-call timings on the given clock; batches give rows/s', async () => {
    let t = 0;
    // Call i takes (i % 100) + 1 µs; a batch of 1000 rows takes 2 ms.
    const report = await measureLatency(
      (i) => void (t += ((i % 100) + 1) / 1000),
      () => void (t += 2),
      { path: 'fake', calls: 1000, warmup: 0, batches: 4, now: () => t },
    );
    expect(report.single.calls).toBe(1000);
    expect(report.single.p50Us).toBeCloseTo(50, 6);
    expect(report.single.p95Us).toBeCloseTo(95, 6);
    expect(report.single.p99Us).toBeCloseTo(99, 6);
    expect(report.single.meanUs).toBeCloseTo(50.5, 6);
    expect(report.batch).toEqual({ batchSize: 1000, batches: 4, rowsPerSecond: 500_000 });
  });

  test('at least 1000 calls, awaits promises, and groups calls per sample', async () => {
    let t = 0;
    let calls = 0;
    const report = await measureLatency(async () => ((calls++, (t += 0.01))), async () => (t += 1), { calls: 10, warmup: 5, callsPerSample: 10, now: () => t });
    expect(calls).toBe(1005);
    expect(report.single.calls).toBe(1000);
    expect(report.single.p99Us).toBeCloseTo(10, 6);
  });
});

describe('latencyGate', () => {
  const r = (path: string, p95Us: number, rowsPerSecond: number): LatencyReport => ({
    path,
    single: { calls: 1000, p50Us: p95Us / 2, p90Us: p95Us, p95Us, p99Us: p95Us * 2, meanUs: p95Us / 2 },
    batch: { batchSize: 1000, batches: 5, rowsPerSecond },
  });

  test('passes paths under the p95 budget and recommends the lowest p95, noting a faster batch path', () => {
    const gate = latencyGate([r('tfjs-wasm', 90, 400_000), r('scorer.mjs', 9, 150_000), r('tfjs-cpu', 12_000, 20_000)], { p95Ms: 10 });
    expect(gate.paths.map((p) => [p.path, p.pass])).toEqual([['tfjs-wasm', true], ['scorer.mjs', true], ['tfjs-cpu', false]]);
    expect(gate.pass).toBe(true);
    expect(gate.recommendation?.path).toBe('scorer.mjs');
    expect(gate.recommendation?.reason).toContain('For large batches tfjs-wasm is faster (400,000 rows/s)');
  });

  test('when nothing passes, it says so and names the closest path', () => {
    const gate = latencyGate([r('a', 20_000, 1), r('b', 15_000, 2)], { p95Ms: 10 });
    expect(gate.pass).toBe(false);
    expect(gate.recommendation).toMatchObject({ path: 'b', reason: expect.stringContaining('No path meets the 10 ms p95 budget') });
    expect(latencyGate([]).recommendation).toBeNull();
  });
});

describe('scorer.mjs of a 2×64 MLP', () => {
  let tiny: Tiny;
  beforeAll(async () => {
    tiny = await trainTiny(breastCancer(), 'diagnosis', { kind: 'mlp', seed: 9, options: { epochs: 3, layers: 2, units: 64 } });
  });
  afterAll(() => disposeModel(tiny.result.model));

  test('single-row and batch latency, next to TF.js predict (figures printed, not asserted)', async () => {
    const { result, files } = tiny;
    const bundle = buildBundle({ name: 'bc', version: 1, fitted: result.fitted, model: { kind: 'tf', modelKind: 'mlp', files: files! } });
    const scorer = await importScorer(strFromU8(bundle.files['scorer.mjs']));
    const rows = rowsOf(breastCancer());
    const batch = Array.from({ length: 1000 }, (_, i) => rows[i % rows.length]);
    const js = await measureLatency((i) => scorer.predictOne(rows[i % rows.length]), () => scorer.predict(batch), { path: 'scorer.mjs', calls: 20_000, warmup: 2000 });
    const x = transformRecipe(result.fitted, breastCancer());
    const d = x.featureNames.length;
    const tfjs = await measureLatency(
      (i) => predict(result.model, x.X.subarray((i % x.n) * d, ((i % x.n) + 1) * d), 1),
      () => predict(result.model, x.X.subarray(0, Math.min(1000, x.n) * d), Math.min(1000, x.n)),
      { path: 'tfjs-cpu predict (preprocessed rows)', calls: 1000, warmup: 100, batches: 3 },
    );
    console.log(JSON.stringify({ scorer: js, tfjs }, null, 1));
    const gate = latencyGate([js, tfjs], { p95Ms: 10 });
    expect(gate.paths).toHaveLength(2);
    expect(js.single.calls).toBe(20_000);
    expect(Number.isFinite(js.single.p99Us)).toBe(true);
  });
});
