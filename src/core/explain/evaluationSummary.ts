/** The plain-language verdict that opens the evaluation page, generated from the actual numbers. */
import { classificationSummary } from './classificationSummary';
import { regressionSummary } from './regressionSummary';
import type { ClassificationSummaryInput, RegressionSummaryInput } from './summaryInput';

export type SummaryInput = ClassificationSummaryInput | RegressionSummaryInput;

/**
 * E.g. "Right on 94 % of the test penguins. Every Gentoo penguin was right; 3 Chinstrap penguins
 * were predicted as Adelie. Better than always guessing 'Adelie' (44 %)." or "Off by 3.1 mpg on a typical car
 * (median absolute error). …". Says plainly when the model does not beat its baseline.
 */
export function evaluationSummary(input: SummaryInput): string {
  return input.task === 'regression' ? regressionSummary(input) : classificationSummary(input);
}
