/** Evaluation verdict for a regression: a typical error in the target's units, R², and the baseline. */
import { baselineWords } from './baselineWords';
import { leakCaution } from './leakage';
import { fixed, num, pct } from '../format';
import { rowNoun } from './rowNoun';
import type { RegressionSummaryInput } from './summaryInput';

export function regressionSummary(input: RegressionSummaryInput): string {
  const rows = rowNoun(input.datasetName);
  const amount = (x: number) => (input.unit ? `${num(x)} ${input.unit}` : num(x));
  const inTarget = input.unit ? '' : ` in ${input.target}`;
  const sentences: string[] = [];
  if (input.rmse === 0) {
    sentences.push(`Every test ${rows.one} was predicted exactly.`);
  } else {
    sentences.push(
      input.medianAe !== undefined
        ? `Off by ${amount(input.medianAe)}${inTarget} on a typical ${rows.one} (median absolute error).`
        : `Off by ${amount(input.mae)}${inTarget} per ${rows.one} on average (mean absolute error).`,
    );
    if (!Number.isFinite(input.r2)) sentences.push(`R² is not defined: ${input.target} is constant on the test ${rows.many}.`);
    else if (input.r2 < 0) sentences.push(`R² is ${fixed(input.r2, 2)}: the predictions are further off than the average would be.`);
    else sentences.push(`The model explains ${pct(input.r2)} of the variation in ${input.target} (R² ${fixed(input.r2, 2)}).`);
  }
  const caution = leakCaution(input.leaks ?? [], input.target, input.rmse === 0);
  if (caution) sentences.push(caution);
  const b = input.baseline;
  if (b && Number.isFinite(b.rmse)) {
    const versus = `(RMSE ${amount(input.rmse)} against ${amount(b.rmse)})`;
    const w = baselineWords(input.comparison ?? { metric: 'rmse', model: input.rmse, baseline: b.rmse }, 'its');
    if (w.grade === 'better') sentences.push(`Better than always predicting the average ${versus}: ${w.amount}.`);
    else if (w.grade === 'barely') sentences.push(`Barely better than always predicting the average ${versus}: ${w.amount}; the features add little so far.`);
    else if (w.grade === 'same') sentences.push(`No better than always predicting the average ${versus}: the features are not helping yet.`);
    else sentences.push(`Worse than always predicting the average ${versus}: do not use this model; check the target, the features and the recipe.`);
  }
  return sentences.join(' ');
}
