import { describe, expect, test } from 'vitest';
import {
  delongTest,
  mcnemarTest,
  msprtLikelihoodRatio,
  pairedBootstrap,
  gather,
  pairedTTest,
  resampleIndices,
  rowsToDetect,
  sampleSizeTwoProportions,
  srmTest,
  twoProportionZTest,
  summarize,
  welchFromSummaries,
  wilcoxonTest,
  wilsonInterval,
} from '../../../../src/core/stats/tests';
import { rocAuc } from '../../../../src/core/evaluate';
import { createRng } from '../../../../src/core/stats/rng';
import { expectClose, reference } from './reference';

const aucFromScores = rocAuc;
/** The paired bootstrap of a metric difference, as compareModels runs it. */
const pairedBootstrapCi = (y: number[], a: number[], b: number[], metric: (y: ArrayLike<number>, p: ArrayLike<number>) => number, options: { seed?: number; resamples?: number }) =>
  pairedBootstrap(y.length, (idx) => {
    const yy = gather(y, idx);
    return metric(yy, gather(a, idx)) - metric(yy, gather(b, idx));
  }, options);

describe('mcnemarTest vs statsmodels 0.13.5 mcnemar(correction=True)', () => {
  test.each(reference.mcnemar)('b=$b c=$c exact=$exact', ({ b, c, exact, statistic, pValue }) => {
    const r = mcnemarTest(b, c, { exact });
    expectClose(r.statistic, statistic, 1e-12);
    expectClose(r.pValue, pValue, 1e-9);
  });
  test('chooses the exact test below 25 disagreements', () => {
    expect(mcnemarTest(10, 14).exact).toBe(true);
    expect(mcnemarTest(10, 15).exact).toBe(false);
  });
  test('rejects non-integer counts with the values in the message', () => {
    expect(() => mcnemarTest(1.5, 2)).toThrow(/b = 1.5/);
  });
});

describe('delongTest vs an O(mn) DeLong from the 1988 definitions', () => {
  test.each(reference.delong.map((c, i) => [i, c] as const))('case %d', (_, c) => {
    const r = delongTest(c.y, c.a, c.b);
    expectClose(r.aucA, c.aucA, 1e-12);
    expectClose(r.aucB, c.aucB, 1e-12);
    expectClose(r.standardError, c.standardError, 1e-9);
    expectClose(r.z, c.z, 1e-9);
    expectClose(r.pValue, c.pValue, 1e-9);
    expectClose(aucFromScores(c.y, c.a), c.aucA, 1e-12);
  });
  test('identical scores give z = 0 and p = 1', () => {
    const c = reference.delong[0];
    const r = delongTest(c.y, c.a, c.a);
    expect(r.z).toBe(0);
    expect(r.pValue).toBe(1);
  });
});

describe('paired tests vs SciPy 1.10.1', () => {
  test.each(reference.paired.map((c, i) => [i, c] as const))('pairedTTest / wilcoxonTest case %d', (_, c) => {
    const t = pairedTTest(c.a, c.b);
    // The interval rests on t quantiles, where SciPy itself is good to ~1e-10 (see distributions.test.ts).
    expectClose(t.statistic, c.t, 1e-9);
    expectClose(t.pValue, c.tP, 1e-9);
    expectClose(t.ci[0], c.ciLow, 1e-9, 1e-10);
    expectClose(t.ci[1], c.ciHigh, 1e-9, 1e-10);
    const w = wilcoxonTest(c.a, c.b);
    expectClose(w.statistic, c.wStatistic, 1e-12);
    expectClose(w.pValue, c.wP, 1e-9);
  });
  test('wilcoxon drops zero differences', () => {
    const c = reference.paired[1];
    expect(wilcoxonTest(c.a, c.b).zeros).toBeGreaterThanOrEqual(5);
  });
  test.each(reference.welch.map((c, i) => [i, c] as const))('welchTTest case %d', (_, c) => {
    const r = welchFromSummaries(summarize(c.a), summarize(c.b));
    expectClose(r.statistic, c.statistic, 1e-9);
    expectClose(r.pValue, c.pValue, 1e-9);
  });
});

describe('rates and traffic vs statsmodels / SciPy', () => {
  test.each(reference.twoProportion)('twoProportionZTest $xa/$na vs $xb/$nb', ({ xa, na, xb, nb, z, pValue, wilsonA }) => {
    const r = twoProportionZTest(xa, na, xb, nb);
    expectClose(r.z, z, 1e-9);
    expectClose(r.pValue, pValue, 1e-9);
    const [lo, hi] = wilsonInterval(xa, na);
    expectClose(lo, wilsonA[0], 1e-9, 1e-15);
    expectClose(hi, wilsonA[1], 1e-9);
  });
  test.each(reference.srm)('srmTest $observed vs $weights', ({ observed, weights, statistic, pValue }) => {
    const r = srmTest(observed, weights);
    expectClose(r.statistic, statistic, 1e-9);
    expectClose(r.pValue, pValue, 1e-9);
    expect(r.flag).toBe(pValue < 0.001);
  });
  test.each(reference.power)('sampleSizeTwoProportions p=$baselineRate mde=$mde', ({ baselineRate, mde, alpha, power, h, cohensH, classic }) => {
    const r = sampleSizeTwoProportions({ baselineRate, minimumDetectableEffect: mde, alpha, power });
    expectClose(r.h, h, 1e-12);
    expectClose(r.cohensH, cohensH, 1e-7);
    expectClose(r.classic, classic, 1e-9);
    expect(r.perVariant).toBe(Math.ceil(classic));
  });
});

describe('msprt', () => {
  test.each(reference.msprt)('likelihood ratio matches the paper form (θ=$estimate)', ({ estimate, variance, tau2, lambda }) => {
    expectClose(msprtLikelihoodRatio(estimate, variance, tau2), lambda, 1e-12);
  });
  test('under the null, peeking after every look rejects at α = 0.05 in well under 5 % of runs', () => {
    const rng = createRng(11);
    let rejections = 0;
    const runs = 400;
    for (let r = 0; r < runs; r++) {
      let sum = 0;
      let p = 1;
      for (let n = 1; n <= 500; n++) {
        sum += rng.normal();
        p = Math.min(p, 1 / msprtLikelihoodRatio(sum / n, 1 / n, 0.1));
      }
      if (p < 0.05) rejections++;
    }
    expect(rejections / runs).toBeLessThan(0.05);
  });
});

describe('rowsToDetect', () => {
  test('the required rows give the target z: |z|·√(N/n) = z_{α/2} + z_power', () => {
    const r = rowsToDetect(1.2, 1000);
    expect(r.required).toBe(Math.ceil(1000 * ((1.959963984540054 + 0.8416212335729143) / 1.2) ** 2));
    expect(r.extra).toBe(r.required - 1000);
    expect(rowsToDetect(4, 1000).extra).toBe(0);
    expect(rowsToDetect(0, 1000).extra).toBe(Infinity);
  });
});

describe('pairedBootstrapCi vs numpy on the same resample indices', () => {
  const b = reference.bootstrap;
  test('the index stream is the one the fixture reproduced', () => {
    const idx = resampleIndices(b.y.length, createRng(b.seed).next);
    expect(Array.from(idx.subarray(0, 10))).toEqual(b.firstIndices);
  });
  test('AUC difference CI (resamples with one class skipped)', () => {
    const r = pairedBootstrapCi(b.y, b.a, b.b, aucFromScores, { seed: b.seed, resamples: b.resamples });
    expectClose(r.estimate, b.auc.estimate, 1e-12);
    expect(r.validResamples).toBe(b.auc.valid);
    expectClose(r.ci[0], b.auc.ci[0], 1e-9);
    expectClose(r.ci[1], b.auc.ci[1], 1e-9);
  });
  test('MAE difference CI', () => {
    const mae = (y: ArrayLike<number>, p: ArrayLike<number>) => {
      let s = 0;
      for (let i = 0; i < y.length; i++) s += Math.abs(y[i] - p[i]);
      return s / y.length;
    };
    const r = pairedBootstrapCi(b.y, b.a, b.b, mae, { seed: b.seed, resamples: b.resamples });
    expectClose(r.estimate, b.mae.estimate, 1e-12);
    expectClose(r.ci[0], b.mae.ci[0], 1e-9);
    expectClose(r.ci[1], b.mae.ci[1], 1e-9);
  });
  test('refuses fewer than 1,000 resamples', () => {
    expect(() => pairedBootstrapCi(b.y, b.a, b.b, aucFromScores, { resamples: 200 })).toThrow(/1,000/);
  });
});
