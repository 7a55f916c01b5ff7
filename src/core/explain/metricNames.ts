/** Metric keys in words, and the verdict against the baseline written with them. */
import type { BaselineComparison } from '../evaluate';
import { num } from './format';

export const METRIC_NAMES: Readonly<Record<string, string>> = {
  accuracy: 'Accuracy', balancedAccuracy: 'Balanced accuracy', macroPrecision: 'Precision (macro)', macroRecall: 'Recall (macro)',
  macroF1: 'F1 (macro)', weightedPrecision: 'Precision (weighted)', weightedRecall: 'Recall (weighted)', weightedF1: 'F1 (weighted)',
  rocAuc: 'ROC AUC', averagePrecision: 'PR AUC (average precision)', logLoss: 'Log loss', brier: 'Brier score', mcc: 'Matthews correlation',
  rmse: 'RMSE', mae: 'MAE', mape: 'MAPE', medianAe: 'Median absolute error', r2: 'R²', explainedVariance: 'Explained variance', spearman: 'Spearman',
};

/** "ROC AUC" for `rocAuc`; an unknown key as given. */
export const metricName = (key: string): string => METRIC_NAMES[key] ?? key;

/** "ROC AUC 0.991 against 0.5 for the baseline: beats the baseline." */
export function comparisonSentence(c: BaselineComparison): string {
  const head = `${metricName(c.metric)} ${num(c.model)} against ${num(c.baseline)} for the baseline`;
  return c.beatsBaseline ? `${head}: beats the baseline.` : `${head}: does not beat it; check the target, the features and the recipe before trusting this model.`;
}
