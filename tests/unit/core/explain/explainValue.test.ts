import { describe, expect, test } from 'vitest';
import { EXPLAIN_KEYS, explainValue, type ExplainKey } from '../../../../src/core/explain';

describe('explainValue', () => {
  test('the brief\'s example, exactly', () => {
    expect(explainValue('skewness', 3.1)).toBe('Skewness 3.1: most values are small with a long tail of large ones; linear models may do better after a log transform.');
  });

  test.each<[ExplainKey, number, string]>([
    ['skewness', 0.49, 'Skewness 0.49: roughly symmetric; no transform needed.'],
    ['skewness', 0.5, 'Skewness 0.5: somewhat lopsided, with a longer tail of large values; a transform is optional.'],
    ['skewness', 1, 'Skewness 1: somewhat lopsided, with a longer tail of large values; a transform is optional.'],
    ['skewness', -1.01, 'Skewness −1.01: most values are large with a long tail of small ones; a Yeo-Johnson transform can make it more symmetric.'],
    ['skewness', NaN, 'Skewness is not defined here: it needs at least 3 values that are not all equal.'],
    ['kurtosis', 3, 'Kurtosis 3: somewhat heavier tails than a bell curve: extreme values are a little more common.'],
    ['kurtosis', 3.01, 'Kurtosis 3.01: heavy tails: extreme values are far more common than in a bell curve; check the outliers and consider clipping.'],
    ['kurtosis', -1.2, 'Kurtosis −1.2: flatter than a bell curve, with short tails: extreme values are rare, as in an even spread.'],
    ['missingRatio', 0, 'No missing values: nothing to impute.'],
    ['missingRatio', 0.049, 'Missing 5 %: a few gaps; fill them with the median (numbers) or the most frequent value (categories).'],
    ['missingRatio', 0.05, 'Missing 5 %: impute it, and add a missing indicator in case being missing is itself informative.'],
    ['missingRatio', 0.6, 'Missing 60 %: most cells are empty; dropping the column is usually better than filling it in.'],
    ['missingRatio', 0.001, 'Missing 0.1 %: a few gaps; fill them with the median (numbers) or the most frequent value (categories).'],
    ['missingRatio', NaN, 'The missing share is not defined here: the column has no values.'],
    ['cv', 0.05, 'CV 0.05: values stay within about 5 % of the mean: very little variation.'],
    ['cv', 1, 'CV 1: values typically differ from the mean by about 100 % of it.'],
    ['cv', 1.5, 'CV 1.5: the spread is larger than the mean itself, so values range from tiny to very large; look at the histogram and consider a log transform.'],
    ['zerosRatio', 0.5, 'Zeros 50 %: mostly zero; a 0/1 "is non-zero" column may carry most of the signal, and the non-zero values may suit a log transform.'],
    ['outliersRatio', 0.02, 'Outliers 2 %: some extreme values; clipping to the 1st–99th percentile limits their pull on linear models.'],
    ['imbalance', 0.5, 'Imbalance 0.5: some categories are clearly more common than others.'],
    ['imbalance', 0.51, 'Imbalance 0.51: one category dominates; as a target, accuracy will look high even for a model that ignores the rare classes, so watch balanced accuracy.'],
    ['uniqueRatio', 1, 'Unique ratio 1: every value differs, like an identifier; a model cannot generalise from it, so drop it.'],
    ['pearson', -0.62, 'Pearson r −0.62: a strong negative linear relation: when one rises, the other tends to fall.'],
    ['pearson', 0.95, 'Pearson r 0.95: a very strong positive linear relation: when one rises, the other tends to rise; the two nearly repeat each other, so one may be redundant.'],
    ['cramersV', 0.05, "Cramér's V 0.05: knowing one column tells you almost nothing about the other."],
    ['targetAssociation', 0.95, 'Association with the target 0.95: almost perfect, which is suspicious: check that this value is known before the outcome, or it is leakage.'],
    ['rocAuc', 0.5, 'ROC AUC 0.5: a random positive row outscores a random negative one 50 % of the time, exactly as good as guessing.'],
    ['rocAuc', 0.87, 'ROC AUC 0.87: a random positive row outscores a random negative one 87 % of the time (50 % is guessing): good ranking.'],
    ['mcc', 0, 'MCC 0: no better than chance (0).'],
    ['mcc', -0.2, 'MCC −0.2: worse than chance: predictions tend to be the opposite of the truth.'],
    ['precision', 0.8, 'Precision 0.8: 80 % of the rows predicted as this class really are; the other 20 % are false alarms.'],
    ['recall', 1, 'Recall 1: the model finds every row that really is this class.'],
    ['r2', -0.3, 'R² −0.3: worse than always predicting the average; the model is misleading.'],
    ['r2', 0.82, 'R² 0.82: the model explains 82 % of the variation in the target; the rest is left unexplained.'],
    ['pValue', 0.049, 'p = 0.049: below 0.05, so a difference this large would rarely arise by chance alone: call it significant, then check it is large enough to matter.'],
    ['pValue', 0.05, 'p = 0.05: not below 0.05; a difference this large happens by chance 5 % of the time, so the data do not show a real difference (which does not prove there is none).'],
    ['pValue', 0.0002, 'p < 0.001: below 0.05, so a difference this large would rarely arise by chance alone: call it significant, then check it is large enough to matter.'],
    ['psi', 0.1, 'PSI 0.1: a moderate shift from training (0.1–0.25); keep watching it.'],
    ['psi', 0.25, 'PSI 0.25: a moderate shift from training (0.1–0.25); keep watching it.'],
    ['psi', 0.26, 'PSI 0.26: above 0.25, a major shift from training; check the source and consider retraining.'],
    ['throughput', 20000, 'Throughput 20,000 rows/s: scoring 1 million rows takes about 50 seconds at this rate.'],
  ])('%s %d', (key, value, expected) => {
    expect(explainValue(key, value)).toBe(expected);
  });

  test.each<[ExplainKey, number, Parameters<typeof explainValue>[2], string]>([
    ['accuracy', 0.94, { baseline: 0.44 }, 'Accuracy 94 %: right on 94 % of the test rows, 50 points above always guessing the most common class (44 %).'],
    ['accuracy', 0.44, { baseline: 0.44 }, 'Accuracy 44 %: right on 44 % of the test rows. That is no better than always guessing the most common class (44 %): the model has not learned anything useful yet.'],
    ['accuracy', 0.8, { classes: 3 }, 'Accuracy 80 %: right on 80 % of the test rows; guessing at random among 3 classes would score 33 %.'],
    ['accuracy', 1, {}, 'Accuracy 100 %: every test row is right; on held-out data that is rare, so rule out leakage first.'],
    ['balancedAccuracy', 0.25, { classes: 4 }, 'Balanced accuracy 25 %: the average share found of each class, no better than the 25 % any constant guess scores with 4 classes.'],
    ['logLoss', 0.3, { baseline: 1.05 }, 'Log loss 0.3 (0 is perfect, lower is better), better than the 1.05 of predicting the class shares.'],
    ['logLoss', 1.2, { classes: 3 }, 'Log loss 1.2 (0 is perfect, lower is better), no better than guessing every class equally likely (1.1).'],
    ['brier', 0.1, { classes: 2 }, 'Brier score 0.1 (0 is perfect, lower is better), better than the 0.25 of always saying 50 %.'],
    ['averagePrecision', 0.6, { positiveRate: 0.12 }, 'Average precision 0.6: 5 times the 0.12 that guessing scores (the share of positives).'],
    ['rmse', 3.1, { baseline: 7.8, unit: 'mpg' }, 'RMSE 3.1 mpg: a typical error, with large misses counting extra, 60 % less than always predicting the average (7.8 mpg).'],
    ['mae', 8, { baseline: 7.8, unit: 'mpg' }, 'MAE 8 mpg: predictions are off by 8 mpg on average. That is no better than always predicting the average (7.8 mpg): the features are not helping yet.'],
    ['explainedVariance', 0.8, { r2: 0.6 }, 'Explained variance 0.8: well above R² (0.6), so predictions are off by a roughly constant amount; the model is biased.'],
    ['uniqueRatio', 1, { columnType: 'float' }, 'Unique ratio 1: every value differs, which is normal for a precise measurement.'],
    ['uniqueRatio', 1, { columnType: 'integer' }, 'Unique ratio 1: every value differs: an identifier if the values are row numbers or codes (see the alerts), normal for a count or an amount such as a population.'],
    ['uniqueRatio', 0.95, { columnType: 'integer' }, 'Unique ratio 0.95: a mix of repeated and distinct values.'],
    ['pValue', 0.03, { alpha: 0.01 }, 'p = 0.03: not below 0.01; a difference this large happens by chance 3 % of the time, so the data do not show a real difference (which does not prove there is none).'],
    ['confidenceInterval', 0.02, { ci: [0.005, 0.035] }, '0.02, 95 % interval 0.005 to 0.035: the interval excludes 0, so the difference is likely real; its true size is plausibly anywhere in that range.'],
    ['confidenceInterval', 0.02, { ci: [-0.01, 0.05], confidence: 0.9 }, '0.02, 90 % interval −0.01 to 0.05: the interval includes 0, so the data cannot tell whether there is a difference at all.'],
    ['latencyP95', 10, { targetMs: 10 }, 'p95 latency 10 ms: 95 % of scoring calls finish within 10 ms, within the 10 ms target (100 % of it).'],
    ['latencyP95', 12.1, { targetMs: 10 }, 'p95 latency 12.1 ms: 95 % of scoring calls finish within 12.1 ms, over the 10 ms target by 2.1 ms; a smaller model or batching calls would help.'],
  ])('%s %d with context', (key, value, context, expected) => {
    expect(explainValue(key, value, context)).toBe(expected);
  });

  test.each(EXPLAIN_KEYS)('%s gives a full sentence for 0, a mid value and NaN', (key) => {
    for (const v of [0, 0.5, NaN]) {
      const text = explainValue(key, key === 'throughput' && v === 0 ? 1 : v);
      expect(text).toMatch(/^[A-Z'p].*\.$/);
      expect(text).not.toMatch(/undefined|NaN|null/);
    }
  });

  test('rejects a percentage passed where a share is expected, naming the key and the remedy', () => {
    expect(() => explainValue('missingRatio', 12)).toThrow("explainValue('missingRatio', 12): expected a value from 0 to 1 (a share: pass 0.12 for 12 %).");
    expect(() => explainValue('pearson', -1.5)).toThrow(RangeError);
    expect(() => explainValue('rmse', -1)).toThrow(RangeError);
  });
});
