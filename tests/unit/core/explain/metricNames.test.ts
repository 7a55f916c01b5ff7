import { describe, expect, test } from 'vitest';
import { evaluateClassification, evaluateRegression, reportMetrics } from '../../../../src/core/evaluate';
import { METRIC_NAMES } from '../../../../src/core/explain';

// Every metric a run's flat record carries reaches the runs table and the card as a column header:
// each must have words, not its key ("mse" showed as a header).
describe('METRIC_NAMES', () => {
  const y = [3, 1.5, 4, 2, 5, 3.5];
  const pred = [2.5, 1, 4.5, 2, 4, 3];
  test('names every regression metric', () => {
    const keys = Object.keys(reportMetrics(evaluateRegression(y, pred)));
    expect(keys.length).toBeGreaterThan(5);
    expect(keys.filter((k) => !METRIC_NAMES[k])).toEqual([]);
  });
  test.each([2, 3])('names every classification metric (%i classes)', (k) => {
    const yTrue = [0, 1, 0, 1, k - 1, 0, 1, k - 1];
    const proba = yTrue.flatMap((c, i) => Array.from({ length: k }, (_, j) => (j === (i % 3 === 0 ? (c + 1) % k : c) ? 0.7 : 0.3 / (k - 1))));
    const keys = Object.keys(reportMetrics(evaluateClassification(yTrue, proba, Array.from({ length: k }, (_, j) => `c${j}`))));
    expect(keys.length).toBeGreaterThan(5);
    expect(keys.filter((key) => !METRIC_NAMES[key])).toEqual([]);
  });
});
