import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareModels, rowCounts, scoreOrder, weightedAuc } from '../../../../src/core/abtest';
import { rocAuc as aucFromScores } from '../../../../src/core/evaluate';
import { gather, resampleIndices } from '../../../../src/core/stats/tests';
import { createRng } from '../../../../src/core/stats/rng';
import { expectClose, reference } from './reference';

describe('weightedAuc', () => {
  test('property: AUC over resample counts equals AUC of the gathered resample', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 60 }), fc.integer(), (n, seed) => {
        const rng = createRng(seed);
        const y = Float64Array.from({ length: n }, (_, i) => (i < 2 ? i : rng.int(2)));
        const s = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 4) / 4);
        const idx = resampleIndices(n, rng.next);
        const expected = aucFromScores(gather(y, idx), gather(s, idx));
        const actual = weightedAuc(scoreOrder(s), s, y, rowCounts(idx, n));
        if (Number.isNaN(expected)) expect(actual).toBeNaN();
        else expect(actual).toBeCloseTo(expected, 12);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});

describe('compareModels', () => {
  test('binary: AUC, bootstrap CI (same indices as numpy), DeLong and verdict', () => {
    const b = reference.bootstrap;
    const report = compareModels({
      yTrue: b.y,
      task: 'binary',
      predictions: [
        { name: 'champion', scores: b.b },
        { name: 'challenger', scores: b.a },
      ],
      seed: b.seed,
      resamples: b.resamples,
    });
    const c = report.comparisons[0];
    const auc = c.differences.find((d) => d.metric === 'rocAuc')!;
    expectClose(auc.difference, b.auc.estimate, 1e-12);
    expectClose(auc.ci[0], b.auc.ci[0], 1e-9);
    expectClose(auc.ci[1], b.auc.ci[1], 1e-9);
    expect(c.primaryMetric).toBe('rocAuc');
    expect(c.delong!.difference).toBeCloseTo(b.auc.estimate, 12);
    expect(c.pValue).toBe(c.delong!.pValue);
    const sig = c.delong!.pValue < 0.05 && (auc.ci[0] > 0 || auc.ci[1] < 0);
    expect(c.significant).toBe(sig);
    expect(c.verdict).toMatch(sig ? /^challenger is better than champion on AUC by \d/ : /^No significant difference on AUC/);
    expect(c.disagreements).toHaveLength(20);
    const gaps = c.disagreements.map((d) => Math.abs(d.champion - d.challenger));
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeLessThanOrEqual(gaps[i - 1]);
    expect(c.disagreements[0].champion).toBe(b.b[c.disagreements[0].index]);
  });

  test('binary with a clearly better challenger says so, with CI and p in the sentence', () => {
    const rng = createRng(5);
    const n = 2000;
    const y = Array.from({ length: n }, () => rng.int(2));
    const champion = y.map((v) => v + rng.normal() * 1.5);
    const challenger = y.map((v) => v + rng.normal() * 0.7);
    const c = compareModels({ yTrue: y, task: 'binary', predictions: [{ name: 'v1', scores: champion }, { name: 'v2', scores: challenger }], resamples: 1000 }).comparisons[0];
    expect(c.better).toBe('v2');
    expect(c.verdict).toMatch(/^v2 is better than v1 on AUC by 0\.\d{3} \(95 % CI 0\.\d{3}–0\.\d{3}, p < 0\.001\) on 2,000 rows\.$/);
    expect(c.rowsNeeded.extra).toBe(0);
    expect(c.mcnemar!.c).toBeGreaterThan(c.mcnemar!.b);
  });

  test('regression: RMSE/MAE vs scikit-learn, paired t and Wilcoxon on squared errors vs SciPy', () => {
    const r = reference.compare.regression;
    const report = compareModels({ yTrue: r.y, task: 'regression', predictions: [{ name: 'old', values: r.champion }, { name: 'new', values: r.challenger }], resamples: 1000 });
    expectClose(report.models[0].metrics.rmse, r.rmse[0], 1e-12);
    expectClose(report.models[1].metrics.rmse, r.rmse[1], 1e-12);
    expectClose(report.models[1].metrics.mae, r.mae[1], 1e-12);
    const c = report.comparisons[0];
    expectClose(c.pairedT!.pValue, r.tP, 1e-9);
    expectClose(c.wilcoxon!.pValue, r.wP, 1e-9);
    expect(c.primaryMetric).toBe('rmse');
    const rmse = c.differences[0];
    expect(rmse.higherIsBetter).toBe(false);
    if (c.significant) expect(c.verdict).toMatch(/on RMSE by \d/);
    else expect(c.verdict).toMatch(/more rows would be needed|borderline/);
  });

  test('multiclass: accuracy vs scikit-learn and McNemar vs statsmodels from probabilities', () => {
    const m = reference.compare.multiclass;
    const report = compareModels({ yTrue: m.y, task: 'multiclass', predictions: [{ name: 'a', probabilities: m.champion }, { name: 'b', probabilities: m.challenger }] });
    expectClose(report.models[0].metrics.accuracy, m.accuracy[0], 1e-12);
    expectClose(report.models[1].metrics.accuracy, m.accuracy[1], 1e-12);
    const c = report.comparisons[0];
    expect([c.mcnemar!.b, c.mcnemar!.c]).toEqual([m.b, m.c]);
    expectClose(c.pValue, m.pValue, 1e-9);
    expect(c.differences.map((d) => d.metric)).toEqual(['accuracy']);
  });

  test('identical models: no difference, infinite rows needed', () => {
    const y = Array.from({ length: 50 }, (_, i) => i % 2);
    const s = y.map((v, i) => v * 0.3 + (i % 7) / 10);
    const c = compareModels({ yTrue: y, task: 'binary', predictions: [{ name: 'a', scores: s }, { name: 'b', scores: s }], resamples: 1000 }).comparisons[0];
    expect(c.significant).toBe(false);
    expect(c.rowsNeeded.extra).toBe(Infinity);
    expect(c.verdict).toContain('no amount of rows');
    expect(c.disagreements).toEqual([]);
  });

  test('errors name the model and the expected length', () => {
    expect(() => compareModels({ yTrue: new Array(20).fill(0), task: 'regression', predictions: [{ name: 'a', values: new Array(20).fill(0) }, { name: 'b', values: [1, 2] }] })).toThrow(/Model "b": values has 2 values; expected 20/);
    expect(() => compareModels({ yTrue: [0, 1], task: 'binary', predictions: [{ name: 'a', scores: [0, 1] }] })).toThrow(/champion and at least one challenger/);
  });
});
