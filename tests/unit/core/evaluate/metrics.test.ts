import { describe, expect, test } from 'vitest';
import reference from '../../../fixtures/evaluate/reference.json';
import {
  argmaxRows,
  calibrationBins,
  evaluateClassification,
  evaluateRegression,
  metricsAtThreshold,
  prCurve,
  probaColumn,
  regressionMetrics,
  reportMetrics,
  rocCurve,
} from '../../../../src/core/evaluate';

const TOL = 1e-9;

function expectClose(actual: number, expected: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOL);
}
function expectAllClose(actual: ArrayLike<number>, expected: number[], what: string) {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], `${what}[${i}]`);
}

describe.each(['binary', 'multiclass'] as const)('evaluateClassification (%s) vs scikit-learn 1.2.1', (name) => {
  const fx = reference[name];
  const classes = Array.from({ length: fx.k }, (_, c) => `c${c}`);
  const report = evaluateClassification(fx.y, fx.proba, classes);
  const e = fx.expected as Record<string, unknown>;
  const scalars = [
    'accuracy', 'balancedAccuracy', 'macroPrecision', 'macroRecall', 'macroF1', 'weightedPrecision',
    'weightedRecall', 'weightedF1', 'mcc', 'logLoss', 'rocAuc', 'averagePrecision', 'brier',
  ] as const;
  test.each(scalars)('%s', (metric) => {
    expectClose(report.metrics[metric], e[metric] as number, metric);
  });
  test.each(['precision', 'recall', 'f1', 'support'] as const)('per-class %s', (metric) => {
    expectAllClose(report.metrics[metric], e[metric] as number[], metric);
  });
  test('confusion matrix, counts and normalised', () => {
    expect(report.confusion).toEqual(e.confusion);
    report.confusionNormalized.forEach((row, i) => expectAllClose(row, (e.confusionNormalized as number[][])[i], `row ${i}`));
  });
});

describe('binary curves vs scikit-learn 1.2.1', () => {
  const fx = reference.binary;
  const score = probaColumn(fx.proba, 2, 1);
  test('rocCurve matches roc_curve(drop_intermediate=False)', () => {
    const roc = rocCurve(fx.y, score);
    expectAllClose(roc.fpr, fx.expected.roc.fpr, 'fpr');
    expectAllClose(roc.tpr, fx.expected.roc.tpr, 'tpr');
  });
  test('prCurve matches precision_recall_curve (reversed)', () => {
    const pr = prCurve(fx.y, score);
    expectAllClose(pr.precision, fx.expected.pr.precision, 'precision');
    expectAllClose(pr.recall, fx.expected.pr.recall, 'recall');
  });
  test('calibrationBins matches calibration_curve(uniform, 10) on non-empty bins', () => {
    const bins = calibrationBins(fx.y, score, 10).filter((b) => b.count > 0);
    expectAllClose(bins.map((b) => b.fractionPositive), fx.expected.calibration.fractionPositive, 'prob_true');
    expectAllClose(bins.map((b) => b.meanPredicted), fx.expected.calibration.meanPredicted, 'prob_pred');
  });
  test('metricsAtThreshold(0.3), read off the ROC curve, matches sklearn on the scores', () => {
    const positives = fx.y.filter((v: number) => v === 1).length;
    const m = metricsAtThreshold(rocCurve(fx.y, score), positives, fx.y.length - positives, 0.3);
    const e = fx.expected['atThreshold0.3'];
    expectClose(m.precision, e.precision, 'precision');
    expectClose(m.recall, e.recall, 'recall');
    expectClose(m.f1, e.f1, 'f1');
    expectClose(m.accuracy, e.accuracy, 'accuracy');
    expect(m.confusion).toEqual(e.confusion);
  });
  test('gains end at 100% with lift 1, and the first decile lifts above 1 for an informative score', () => {
    const report = evaluateClassification(fx.y, fx.proba, ['a', 'b']);
    const last = report.gains[report.gains.length - 1];
    expect(last.fraction).toBe(1);
    expect(last.gain).toBe(1);
    expectClose(last.lift, 1, 'lift');
    expect(report.gains[0].lift).toBeGreaterThan(1.3);
  });
});

describe('regressionMetrics vs scikit-learn 1.2.1 / scipy 1.10.1', () => {
  const fx = reference.regression;
  const m = regressionMetrics(fx.y, fx.pred);
  // sklearn's MAPE divides by max(|y|, eps): with the fixture's zero target it reports ~1e15, which the studio hides.
  test.each((Object.keys(fx.expected) as (keyof typeof fx.expected)[]).filter((k) => k !== 'mape'))('%s', (metric) => {
    expectClose(m[metric], fx.expected[metric], metric);
  });
  test('MAPE is hidden, with the reason, when a target is 0', () => {
    const zeros = Array.from(fx.y).filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(0);
    expect(m.mape).toBeNaN();
    expect(m.notDefined).toEqual([{ metric: 'mape', reason: `MAPE is not defined because ${zeros === 1 ? '1 target is' : `${zeros} targets are`} 0: an error relative to 0 has no size.` }]);
    expect(reportMetrics(evaluateRegression(fx.y, fx.pred))).not.toHaveProperty('mape');
    expect(reportMetrics(evaluateRegression(fx.y, fx.pred))).toHaveProperty('rmse');
  });
  test('MAPE without zero targets: the mean of |error| / |truth|', () => {
    const r = regressionMetrics([2, -4, 10], [1, -5, 12]);
    expectClose(r.mape, (0.5 + 0.25 + 0.2) / 3, 'mape');
    expect(r.notDefined).toBeUndefined();
    expect(reportMetrics(evaluateRegression([2, -4, 10], [1, -5, 12]))).toHaveProperty('mape');
  });
  test('a constant target gives r2 = 1 when perfect and 0 otherwise (sklearn force_finite)', () => {
    expect(regressionMetrics([2, 2, 2], [2, 2, 2]).r2).toBe(1);
    expect(regressionMetrics([2, 2, 2], [1, 2, 3]).r2).toBe(0);
  });
});

test('argmaxRows picks the larger probability, the lower class on ties', () => {
  expect(Array.from(argmaxRows([0.2, 0.8, 0.5, 0.5, 0.9, 0.1], 2))).toEqual([1, 0, 0]);
});
