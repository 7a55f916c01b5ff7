/**
 * The verdict against the baseline in words, graded by `baselineMargin` (no better within ±2 %,
 * barely better under 10 %, better beyond), so every screen says the same thing with the same size.
 */
import { baselineMargin, higherIsBetter, type BaselineGrade } from '../evaluate';
import { num, pct } from '../format';
import { metricName } from './metricNames';

/** A model's primary metric beside the baseline's, as stored with every run. */
export interface MetricPair {
  metric: string;
  model: number;
  baseline: number;
}

export interface BaselineWords {
  grade: BaselineGrade;
  /** "better than", "barely better than", "no better than", "worse than". */
  relation: string;
  /** How much, on the metric's own scale, e.g. "it closes 82 % of the gap to a perfect score"; '' when not better. */
  amount: string;
  /** Shows as a pass (✓) only when clearly better. */
  passes: boolean;
}

const RELATION: Record<BaselineGrade, string> = { better: 'better than', barely: 'barely better than', same: 'no better than', worse: 'worse than' };

/** Grades a metric pair and words it; `what` names the baseline's error in `amount` (default "the baseline's"). */
export function baselineWords(c: MetricPair, what = "the baseline's"): BaselineWords {
  const { grade, relative } = baselineMargin(c.metric, c.model, c.baseline);
  let amount = '';
  if (grade === 'better' || grade === 'barely') {
    if (c.metric === 'rmse') amount = `it removes ${pct(relative)} of ${what} squared error`;
    else if (!higherIsBetter(c.metric)) amount = `it cuts ${what} error by ${pct(relative)}`;
    else amount = `it closes ${pct(relative)} of the gap between the baseline and a perfect score`;
  }
  return { grade, relation: RELATION[grade], amount, passes: grade === 'better' };
}

/** "ROC AUC 0.91 against 0.5 for the baseline: better than the baseline; it closes 82 % of the gap…". */
export function comparisonSentence(c: MetricPair): string {
  const w = baselineWords(c);
  const head = `${metricName(c.metric)} ${num(c.model)} against ${num(c.baseline)} for the baseline: ${w.relation} the baseline`;
  if (w.grade === 'better') return `${head}; ${w.amount}.`;
  if (w.grade === 'barely') return `${head}; ${w.amount}, too little to rely on.`;
  return `${head}; check the target, the features and the recipe before trusting this model.`;
}
