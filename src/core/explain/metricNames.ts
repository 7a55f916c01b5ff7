/** Metric keys in words. */

export const METRIC_NAMES: Readonly<Record<string, string>> = {
  accuracy: 'Accuracy', balancedAccuracy: 'Balanced accuracy', macroPrecision: 'Precision (macro)', macroRecall: 'Recall (macro)',
  macroF1: 'F1 (macro)', weightedPrecision: 'Precision (weighted)', weightedRecall: 'Recall (weighted)', weightedF1: 'F1 (weighted)',
  rocAuc: 'ROC AUC', averagePrecision: 'PR AUC (average precision)', logLoss: 'Log loss', brier: 'Brier score', mcc: 'Matthews correlation',
  rmse: 'RMSE', mse: 'MSE', mae: 'MAE', mape: 'MAPE', medianAe: 'Median absolute error', r2: 'R²', explainedVariance: 'Explained variance', spearman: 'Spearman',
};

/** "ROC AUC" for `rocAuc`; an unknown key as given. */
export const metricName = (key: string): string => METRIC_NAMES[key] ?? key;
