import { describe, expect, test } from 'vitest';
import { analyzeExperiment, assignVariant, planRouter, type ExperimentRow } from '../../../../src/core/abtest';
import { createRng } from '../../../../src/core/stats/rng';
import { expectClose, reference } from './reference';

const e = reference.experiment;
const names = ['control', 'treatment'];
const rows: ExperimentRow[] = e.variant.map((v: number, i: number) => ({ unitId: `u${i}`, variant: names[v], conversion: e.conversion[i], value: e.value[i] }));
const weights = [{ name: 'control', weight: 80 }, { name: 'treatment', weight: 20 }];

describe('analyzeExperiment vs statsmodels / SciPy', () => {
  test('conversion: rates, Wilson intervals, pooled z p-value, SRM', () => {
    const a = analyzeExperiment(rows, { weights, metric: 'conversion' });
    expect(a.variants.map((v) => v.n)).toEqual(e.n);
    a.variants.forEach((v, i) => {
      expectClose(v.rate!, e.rates[i], 1e-12);
      expectClose(v.ci[0], e.wilson[i][0], 1e-9);
      expectClose(v.ci[1], e.wilson[i][1], 1e-9);
    });
    expectClose(a.lift, e.rates[1] - e.rates[0], 1e-12);
    expectClose(a.relativeLift, e.rates[1] / e.rates[0] - 1, 1e-12);
    expectClose(a.pValue, e.conversionP, 1e-9);
    expectClose(a.srmPValue, e.srmP, 1e-9);
    expect(a.srmFlag).toBe(false);
    expect(a.liftCi[0]).toBeLessThan(a.lift);
    expect(a.relativeLiftCi[0]).toBeLessThan(a.relativeLift);
    expect(a.relativeLiftCi[1]).toBeGreaterThan(a.relativeLift);
    expect(a.msprtPValue).toBeGreaterThan(0);
    expect(a.msprtPValue).toBeLessThanOrEqual(1);
    expect(a.verdict).toMatch(a.significant ? /^(treatment|control) wins: treatment vs control conversion \d+\.\d\d % vs/ : /^No significant difference/);
  });

  test('value: Welch p-value and the JSON shape', () => {
    const a = analyzeExperiment(rows, { weights, metric: 'value' });
    expectClose(a.pValue, e.valueP, 1e-9);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['variants', 'lift', 'liftCi', 'relativeLift', 'relativeLiftCi', 'pValue', 'srmPValue', 'srmFlag', 'verdict', 'msprtPValue']));
    expect(a.variants[0]).toHaveProperty('mean');
    expect(JSON.parse(JSON.stringify(a)).variants[1].n).toBe(e.n[1]);
  });
});

describe('analyzeExperiment flags', () => {
  test('a broken split raises the SRM flag and the verdict says so', () => {
    const skewed = rows.filter((r, i) => r.variant === 'control' || i % 3 !== 0);
    const a = analyzeExperiment(skewed, { weights, metric: 'conversion' });
    expect(a.srmFlag).toBe(true);
    expect(a.srmPValue).toBeLessThan(0.001);
    expect(a.verdict).toMatch(/^Sample ratio mismatch \(p < 0\.001\): the split 2,\d{3} \/ \d{3} does not match the weights 80\/20/);
  });

  test('short of the planned size: peeking warning pointing to the always-valid p-value', () => {
    const a = analyzeExperiment(rows, { weights, metric: 'conversion', plannedSampleSize: 5000 });
    expect(a.peeking).toBe(true);
    expect(a.verdict).toContain('has not reached its planned 5,000 units per variant');
    expect(analyzeExperiment(rows, { weights, metric: 'conversion', plannedSampleSize: 100 }).peeking).toBe(false);
  });

  test('units are collapsed: repeated rows count once, crossed units are left out with a warning', () => {
    const extra: ExperimentRow[] = [...rows, { unitId: 'u0', variant: rows[0].variant, conversion: 1 }, { unitId: 'u1', variant: rows[1].variant === 'control' ? 'treatment' : 'control' }];
    const a = analyzeExperiment(extra, { weights, metric: 'conversion' });
    expect(a.variants[0].n + a.variants[1].n).toBe(rows.length - 1);
    expect(a.warnings[0]).toMatch(/^1 unit\(s\) appear under more than one variant/);
  });

  test('an unknown variant is an error naming the row', () => {
    expect(() => analyzeExperiment([...rows, { unitId: 'x', variant: 'ghost', conversion: 0 }], { weights, metric: 'conversion' })).toThrow(/Row 3001 has variant "ghost"/);
  });

  test('a clear effect on routed traffic: significant, and the always-valid p-value agrees', () => {
    const config = planRouter({ weights: [{ name: 'A', weight: 50 }, { name: 'B', weight: 50 }], salt: 'lift' });
    const rng = createRng(9);
    const traffic = Array.from({ length: 8000 }, (_, i) => {
      const variant = assignVariant(config, `id${i}`);
      return { unitId: `id${i}`, variant, conversion: rng.next() < (variant === 'B' ? 0.13 : 0.1) ? 1 : 0 };
    });
    const a = analyzeExperiment(traffic, { weights: [{ name: 'A', weight: 50 }, { name: 'B', weight: 50 }], metric: 'conversion' });
    expect(a.srmFlag).toBe(false);
    expect(a.significant).toBe(true);
    expect(a.lift).toBeGreaterThan(0);
    expect(a.msprtPValue).toBeLessThan(0.05);
    expect(a.msprtPValue).toBeGreaterThanOrEqual(a.pValue);
    expect(a.verdict).toMatch(/^B wins: B vs A conversion/);
  });

  test('A/A traffic: always-valid p-value stays above 0.05 in at least 95 % of 60 runs', () => {
    let falseAlarms = 0;
    for (let run = 0; run < 60; run++) {
      const rng = createRng(100 + run);
      const traffic = Array.from({ length: 2000 }, (_, i) => ({ unitId: `${i}`, variant: i % 2 ? 'B' : 'A', conversion: rng.next() < 0.2 ? 1 : 0 }));
      const a = analyzeExperiment(traffic, { weights: [{ name: 'A', weight: 1 }, { name: 'B', weight: 1 }], metric: 'conversion', tau2: 0.0004 });
      if (a.msprtPValue < 0.05) falseAlarms++;
    }
    expect(falseAlarms).toBeLessThanOrEqual(3);
  });
});
