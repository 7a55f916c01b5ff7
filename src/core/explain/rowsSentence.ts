import { formatCount, plural } from '../format';

export interface RowCounts {
  train: number;
  test: number;
  missingTarget: number;
  unseenClass?: number;
  removedByRowSteps?: number;
}

/**
 * Which rows a run was trained and tested on, and which it left out and why, as the evaluation
 * page and `modelbench train --format table` say it: "Tested on 40 held-out rows (trained on 158);
 * 2 rows without a target were left out."
 */
export function rowsSentence(rows: RowCounts): string {
  const parts = [`Tested on ${plural(rows.test, 'held-out row')} (trained on ${formatCount(rows.train)})`];
  if (rows.missingTarget) parts.push(`${plural(rows.missingTarget, 'row')} without a target ${rows.missingTarget === 1 ? 'was' : 'were'} left out`);
  if (rows.unseenClass) parts.push(`${plural(rows.unseenClass, 'test row')} whose class never occurred in training ${rows.unseenClass === 1 ? 'was' : 'were'} left out`);
  if (rows.removedByRowSteps) parts.push(`the recipe's row steps left out ${plural(rows.removedByRowSteps, 'row')}`);
  return `${parts.join('; ')}.`;
}
