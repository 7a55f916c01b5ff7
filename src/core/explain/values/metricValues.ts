/** "Why it matters here" sentences for classification and regression metrics. */
import { num, pct, withUnit } from '../../format';
import type { ExplainContext } from './context';

type Explainer = (value: number, context: ExplainContext) => string;

const undefinedMetric = (label: string) => `${label} is not defined here: the test rows lack a class it needs.`;

const accuracy: Explainer = (v, c) => {
  if (!Number.isFinite(v)) return undefinedMetric('Accuracy');
  const head = v >= 1 ? 'Accuracy 100 %: every test row is right; on held-out data that is rare, so rule out leakage first' : `Accuracy ${pct(v)}: right on ${pct(v)} of the test rows`;
  if (c.baseline !== undefined) {
    const gap = Math.round((v - c.baseline) * 100);
    if (v <= c.baseline) return `${head}. That is no better than always guessing the most common class (${pct(c.baseline)}): the model has not learned anything useful yet.`;
    return `${head}, ${gap} points above always guessing the most common class (${pct(c.baseline)}).`;
  }
  if (c.classes) return `${head}; guessing at random among ${c.classes} classes would score ${pct(1 / c.classes)}.`;
  return `${head}.`;
};

const balancedAccuracy: Explainer = (v, c) => {
  if (!Number.isFinite(v)) return undefinedMetric('Balanced accuracy');
  const head = `Balanced accuracy ${pct(v)}: the average share found of each class`;
  if (c.classes === undefined) return `${head}; a constant guess scores 1 ÷ the number of classes (50 % with two).`;
  const k = c.classes;
  const chance = 1 / k;
  if (v <= chance) return `${head}, no better than the ${pct(chance)} any constant guess scores with ${k} classes.`;
  return `${head}; a constant guess scores ${pct(chance)} with ${k} classes.`;
};

const precision: Explainer = (v) => {
  if (!Number.isFinite(v)) return undefinedMetric('Precision');
  const head = `Precision ${num(v, 2)}`;
  if (v >= 1) return `${head}: every row predicted as this class really is one: no false alarms.`;
  if (v <= 0) return `${head}: none of the rows predicted as this class really is one: every such prediction is a false alarm.`;
  return `${head}: ${pct(v)} of the rows predicted as this class really are; the other ${pct(1 - v)} are false alarms.`;
};
const recall: Explainer = (v) => {
  if (!Number.isFinite(v)) return undefinedMetric('Recall');
  const head = `Recall ${num(v, 2)}`;
  if (v >= 1) return `${head}: the model finds every row that really is this class.`;
  if (v <= 0) return `${head}: the model finds none of the rows that really are this class.`;
  return `${head}: the model finds ${pct(v)} of the rows that really are this class and misses the other ${pct(1 - v)}.`;
};
const f1: Explainer = (v) =>
  !Number.isFinite(v) ? undefinedMetric('F1') : `F1 ${num(v, 2)}: ${v >= 0.8 ? 'both precision and recall are high' : v >= 0.5 ? 'a middling balance of false alarms and misses' : 'false alarms, misses or both are frequent'}; it is high only when both precision and recall are.`;

const mcc: Explainer = (v) => {
  if (!Number.isFinite(v)) return undefinedMetric('MCC');
  const head = `MCC ${num(v, 2)}`;
  if (v >= 1) return `${head}: perfect agreement between predictions and truth.`;
  if (v < 0) return `${head}: worse than chance: predictions tend to be the opposite of the truth.`;
  if (v < 0.1) return `${head}: no better than chance (0).`;
  const word = v < 0.3 ? 'weak' : v < 0.7 ? 'moderate' : 'strong';
  return `${head}: a ${word} agreement between predictions and truth (0 is chance, 1 perfect), fair even when classes are imbalanced.`;
};

/** A lower-is-better score compared with the baseline's. */
function versusBaseline(head: string, v: number, baseline: number | undefined, reference: string): string {
  if (baseline === undefined) return `${head}.`;
  if (v >= baseline) return `${head}, no better than ${reference} (${num(baseline)}).`;
  return `${head}, better than the ${num(baseline)} of ${reference}.`;
}

const logLoss: Explainer = (v, c) => {
  if (!Number.isFinite(v)) return undefinedMetric('Log loss');
  const reference = c.baseline ?? (c.classes ? Math.log(c.classes) : undefined);
  const name = c.baseline !== undefined ? 'predicting the class shares' : 'guessing every class equally likely';
  return versusBaseline(`Log loss ${num(v)} (0 is perfect, lower is better)`, v, reference, name);
};

const brier: Explainer = (v, c) => {
  if (!Number.isFinite(v)) return undefinedMetric('Brier score');
  const reference = c.baseline ?? (c.classes === 2 ? 0.25 : undefined);
  const name = c.baseline !== undefined ? 'predicting the class shares' : 'always saying 50 %';
  return versusBaseline(`Brier score ${num(v)} (0 is perfect, lower is better)`, v, reference, name);
};

const rocAuc: Explainer = (v) => {
  if (!Number.isFinite(v)) return undefinedMetric('ROC AUC');
  const head = `ROC AUC ${num(v, 2)}: a random positive row outscores a random negative one ${pct(v)} of the time`;
  if (v >= 1) return `${head}: the classes are perfectly separated, which is rare; rule out leakage.`;
  if (v < 0.5) return `${head}, worse than guessing (50 %): the scores may be inverted.`;
  if (v === 0.5) return `${head}, exactly as good as guessing.`;
  const word = v < 0.7 ? 'weak' : v < 0.8 ? 'fair' : v < 0.9 ? 'good' : 'excellent';
  return `${head} (50 % is guessing): ${word} ranking.`;
};

const averagePrecision: Explainer = (v, c) => {
  if (!Number.isFinite(v)) return undefinedMetric('Average precision');
  const head = `Average precision ${num(v, 2)}`;
  if (c.positiveRate === undefined) return `${head}: 1 is perfect; guessing scores the share of positive rows.`;
  if (v <= c.positiveRate) return `${head}: no better than guessing, which scores ${num(c.positiveRate, 2)} (the share of positives).`;
  return `${head}: ${num(v / c.positiveRate, 2)} times the ${num(c.positiveRate, 2)} that guessing scores (the share of positives).`;
};

/** An error in the target's units, compared with the baseline's. */
const errorMetric = (label: string, meaning: string): Explainer => (v, c) => {
  if (!Number.isFinite(v)) return `${label} is not defined here: there are no test rows.`;
  const head = `${label} ${withUnit(v, c.unit)}: ${meaning.replace('{v}', withUnit(v, c.unit))}`;
  if (c.baseline === undefined) return `${head}.`;
  if (v >= c.baseline) return `${head}. That is no better than always predicting the average (${withUnit(c.baseline, c.unit)}): the features are not helping yet.`;
  const cut = c.baseline > 0 ? 1 - v / c.baseline : 0;
  return `${head}, ${pct(cut)} less than always predicting the average (${withUnit(c.baseline, c.unit)}).`;
};

const mse: Explainer = (v, c) => {
  if (!Number.isFinite(v)) return 'MSE is not defined here: there are no test rows.';
  const root = withUnit(Math.sqrt(v), c.unit);
  const versus = c.baseline === undefined ? '' : v >= c.baseline ? `; no better than always predicting the average (${num(c.baseline)})` : `; always predicting the average gives ${num(c.baseline)}`;
  return `MSE ${num(v)}: in squared units, so read its square root instead: a typical error of ${root}${versus}.`;
};

const mape: Explainer = (v, c) => {
  if (!Number.isFinite(v)) return 'MAPE is not defined here: there are no test rows.';
  const versus = c.baseline === undefined ? '' : v >= c.baseline ? `, no better than always predicting the average (${pct(c.baseline)})` : `; always predicting the average is off by ${pct(c.baseline)}`;
  return `MAPE ${pct(v)}: predictions are off by ${pct(v)} of the true value on average${versus}; unreliable when true values are near 0.`;
};

const r2: Explainer = (v) => {
  if (!Number.isFinite(v)) return 'R² is not defined here: the target is constant on the test rows.';
  const head = `R² ${num(v, 2)}`;
  if (v < 0) return `${head}: worse than always predicting the average; the model is misleading.`;
  if (v === 0) return `${head}: no better than always predicting the average.`;
  if (v >= 1) return `${head}: every prediction is exact, which is rare on test rows; rule out leakage.`;
  return `${head}: the model explains ${pct(v)} of the variation in the target; the rest is left unexplained.`;
};

const explainedVariance: Explainer = (v, c) => {
  if (!Number.isFinite(v)) return 'Explained variance is not defined here: the target is constant on the test rows.';
  const head = `Explained variance ${num(v, 2)}`;
  const r2Value = c.r2;
  if (r2Value !== undefined && v - r2Value > 0.05) return `${head}: well above R² (${num(r2Value, 2)}), so predictions are off by a roughly constant amount; the model is biased.`;
  return `${head}: the share of the target's variation the predictions follow, ignoring any constant offset.`;
};

export const METRIC_EXPLAINERS = {
  accuracy, balancedAccuracy, precision, recall, f1, mcc, logLoss, brier, rocAuc, averagePrecision,
  rmse: errorMetric('RMSE', 'a typical error, with large misses counting extra'),
  mae: errorMetric('MAE', 'predictions are off by {v} on average'),
  medianAe: errorMetric('Median absolute error', 'half of the predictions are closer than {v}'),
  mse, mape, r2, explainedVariance,
} satisfies Record<string, Explainer>;
