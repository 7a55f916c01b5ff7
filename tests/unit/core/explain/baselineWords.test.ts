/** The verdict against the baseline has margins and says how much, the same way in every sentence. */
import { describe, expect, test } from 'vitest';
import { baselineMargin, compareToBaseline } from '../../../../src/core/evaluate';
import { baselineWords, comparisonSentence, evaluationSummary } from '../../../../src/core/explain';

describe('baselineMargin', () => {
  test.each<[string, number, number, string]>([
    ['rmse', 7.8 * Math.sqrt(0.96), 7.8, 'barely'], // R² 0.04 against the mean
    ['rmse', 7.8 * Math.sqrt(0.995), 7.8, 'same'],
    ['rmse', 4.2, 7.8, 'better'],
    ['rmse', 8.2, 7.8, 'worse'],
    ['rocAuc', 0.505, 0.5, 'same'],
    ['rocAuc', 0.52, 0.5, 'barely'],
    ['rocAuc', 0.91, 0.5, 'better'],
    ['logLoss', 1.08, 1.1, 'same'],
    ['logLoss', 1.02, 1.1, 'barely'],
    ['logLoss', 0.3, 1.1, 'better'],
    ['accuracy', 0.45, 0.44, 'same'],
    ['r2', 0.04, 0, 'barely'],
    ['mae', 0, 0, 'same'],
    ['rocAuc', NaN, 0.5, 'same'],
  ])('%s %f against %f is %s', (metric, model, baseline, grade) => {
    expect(baselineMargin(metric, model, baseline).grade).toBe(grade);
  });

  test('compareToBaseline does not count an improvement within noise as beating the baseline', () => {
    expect(compareToBaseline('rocAuc', 0.505, 0.5).beatsBaseline).toBe(false);
    expect(compareToBaseline('rocAuc', 0.52, 0.5).beatsBaseline).toBe(true);
  });
});

describe('the verdict in words', () => {
  test('R² 0.04 reads "barely better than the mean", never a pass', () => {
    const pair = { metric: 'rmse', model: 7.8 * Math.sqrt(0.96), baseline: 7.8 };
    expect(baselineWords(pair).passes).toBe(false);
    expect(comparisonSentence(pair)).toBe('RMSE 7.64 against 7.8 for the baseline: barely better than the baseline; it removes 4 % of the baseline\'s squared error, too little to rely on.');
    const summary = evaluationSummary({ task: 'regression', target: 'price', rmse: pair.model, mae: 6, r2: 0.04, baseline: { rmse: 7.8, mae: 6.1, r2: 0 } });
    expect(summary).toContain('Barely better than always predicting the average (RMSE 7.64 against 7.8): it removes 4 % of its squared error; the features add little so far.');
  });

  test('a clear improvement says how much', () => {
    expect(comparisonSentence({ metric: 'rocAuc', model: 0.91, baseline: 0.5 })).toBe('ROC AUC 0.91 against 0.5 for the baseline: better than the baseline; it closes 82 % of the gap between the baseline and a perfect score.');
  });

  test('the summary and the badge never disagree: graded on the same primary metric', () => {
    // Accuracy beats the majority guess, but ROC AUC is at chance: both sentences say "no better".
    const comparison = { metric: 'rocAuc', model: 0.503, baseline: 0.5 };
    const summary = evaluationSummary({ task: 'binary', target: 'churn', classes: ['no', 'yes'], confusion: [[60, 10], [15, 15]], accuracy: 0.75, baselineAccuracy: 0.7, baselineClass: 'no', comparison });
    const badge = comparisonSentence(comparison);
    expect(summary).toContain("No better than always guessing 'no' (70 %) by ROC AUC (0.503 against 0.5)");
    expect(summary).not.toMatch(/Better than/);
    expect(badge).toContain('no better than the baseline');
  });
});
