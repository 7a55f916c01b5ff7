import { describe, expect, test } from 'vitest';
import { evaluationSummary, type ClassificationSummaryInput } from '../../../../src/core/explain';

const penguins = ['Adelie', 'Chinstrap', 'Gentoo'];
const classification = (confusion: number[][], extra: Partial<ClassificationSummaryInput> = {}): ClassificationSummaryInput => {
  const n = confusion.flat().reduce((s, v) => s + v, 0);
  const correct = confusion.reduce((s, row, i) => s + row[i], 0);
  return { task: 'multiclass', target: 'Species', datasetName: 'penguins.json', classes: penguins, confusion, accuracy: correct / n, ...extra };
};

describe('evaluationSummary: classification', () => {
  test('the brief\'s example: accuracy, a perfect class, the largest confusion, the baseline', () => {
    const input = classification([[30, 0, 1], [3, 11, 0], [0, 0, 24]], { baselineAccuracy: 0.44, baselineClass: 'Adelie' });
    expect(evaluationSummary(input)).toBe("Right on 94 % of the test penguins. Every Gentoo penguin was right; 3 Chinstrap penguins were predicted as Adelie. Better than always guessing 'Adelie' (44 %).");
  });

  test('a perfect score warns about leakage', () => {
    const input = classification([[30, 0, 0], [0, 14, 0], [0, 0, 24]], { baselineAccuracy: 0.44, baselineClass: 'Adelie' });
    expect(evaluationSummary(input)).toBe("Right on every one of the 68 test penguins. A perfect test score is rare: make sure no column gives the answer away (target leakage). Better than always guessing 'Adelie' (44 %).");
  });

  test('worse than the baseline says so plainly', () => {
    const input = classification([[10, 10, 10], [5, 5, 4], [8, 8, 8]], { baselineAccuracy: 0.44, baselineClass: 'Adelie' });
    expect(evaluationSummary(input)).toBe("Right on 34 % of the test penguins. 10 Adelie penguins were predicted as Chinstrap. Worse than always guessing 'Adelie' (44 %): do not use this model; check the target, the features and the recipe.");
  });

  test('equal to the baseline: no better', () => {
    const input = classification([[30, 0, 0], [14, 0, 0], [24, 0, 0]], { baselineAccuracy: 30 / 68, baselineClass: 'Adelie' });
    expect(evaluationSummary(input)).toBe("Right on 44 % of the test penguins. It never predicts 'Chinstrap', so 14 Chinstrap penguins were missed. It never predicts 'Gentoo', so 24 Gentoo penguins were missed. Every Adelie penguin was right. No better than always guessing 'Adelie' (44 %): the model has not learned anything useful yet.");
  });

  test('one class never predicted, one confusion of a single row', () => {
    const input = classification([[29, 0, 1], [14, 0, 0], [0, 0, 24]], { baselineAccuracy: 0.44, baselineClass: 'Adelie' });
    expect(evaluationSummary(input)).toBe("Right on 78 % of the test penguins. It never predicts 'Chinstrap', so 14 Chinstrap penguins were missed. Every Gentoo penguin was right; 1 Adelie penguin was predicted as Gentoo. Better than always guessing 'Adelie' (44 %).");
  });

  test('labels that are not nouns are quoted and counted with the row noun', () => {
    const input = { task: 'binary' as const, target: 'diagnosis', datasetName: 'breast-cancer.csv', classes: ['B', 'M'], confusion: [[70, 2], [4, 38]], accuracy: 108 / 114, baselineAccuracy: 72 / 114, baselineClass: 'B' };
    expect(evaluationSummary(input)).toBe("Right on 95 % of the test rows. 4 'M' rows were predicted as 'B'. Better than always guessing 'B' (63 %).");
  });

  test('graded better on ROC AUC with no better accuracy than the guess, it says both instead of a bare "better"', () => {
    const input = { task: 'binary' as const, target: 'churned', datasetName: 'de.csv', classes: ['N', 'Y'], confusion: [[48, 2], [8, 2]], accuracy: 50 / 60, baselineAccuracy: 50 / 60, baselineClass: 'N', comparison: { metric: 'rocAuc', model: 0.948, baseline: 0.5 } };
    expect(evaluationSummary(input)).toBe("Right on 83 % of the test rows. 8 'Y' rows were predicted as 'N'. Its calls are right no more often than always guessing 'N' (83 %), but it tells the classes apart better by ROC AUC (0.948 against 0.5): a decision threshold set below turns that into more right calls.");
  });

  test('place names are never made plural (the cars sample by origin): the label qualifies the row noun', () => {
    const input = { task: 'multiclass' as const, target: 'Origin', datasetName: 'cars.json', classes: ['Europe', 'Japan', 'USA'], confusion: [[4, 7, 4], [2, 13, 1], [1, 2, 48]], accuracy: 65 / 82, baselineAccuracy: 51 / 82, baselineClass: 'USA' };
    expect(evaluationSummary(input)).toBe("Right on 79 % of the test cars. 7 Europe cars were predicted as Japan. Better than always guessing 'USA' (62 %).");
  });

  test('no test rows', () => {
    expect(evaluationSummary(classification([[0, 0, 0], [0, 0, 0], [0, 0, 0]], { accuracy: NaN }))).toBe('There are no test penguins to judge the model on: check the split.');
  });
});

describe('evaluationSummary: regression', () => {
  const cars = { task: 'regression' as const, target: 'Miles_per_Gallon', datasetName: 'cars.json', unit: 'mpg', rmse: 4.2, mae: 3.3, medianAe: 3.1, r2: 0.71 };

  test('typical error in the unit, R², and the baseline', () => {
    expect(evaluationSummary({ ...cars, baseline: { rmse: 7.8, mae: 6.5, r2: -0.01 } })).toBe(
      'Off by 3.1 mpg on a typical car (median absolute error). The model explains 71 % of the variation in Miles_per_Gallon (R² 0.71). Better than always predicting the average (RMSE 4.2 mpg against 7.8 mpg): it removes 71 % of its squared error.',
    );
  });

  test('without a unit or median error it names the target and uses the MAE', () => {
    const input = { task: 'regression' as const, target: 'temp_max', datasetName: 'seattle-weather.csv', rmse: 9, mae: 7.5, r2: -0.2, baseline: { rmse: 8.1, mae: 6.9, r2: 0 } };
    expect(evaluationSummary(input)).toBe(
      'Off by 7.5 in temp_max per row on average (mean absolute error). R² is −0.20: the predictions are further off than the average would be. Worse than always predicting the average (RMSE 9 against 8.1): do not use this model; check the target, the features and the recipe.',
    );
  });

  test('a perfect fit warns about leakage', () => {
    expect(evaluationSummary({ ...cars, rmse: 0, mae: 0, medianAe: 0, r2: 1 })).toBe('Every test car was predicted exactly. A perfect test score is rare: make sure no column gives the answer away (target leakage).');
  });
});
