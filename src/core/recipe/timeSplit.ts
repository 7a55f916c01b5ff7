/**
 * Spotting rows observed over time, where a random split tests a model on days between the days it
 * learned from: the score then flatters any use that predicts later rows than the training ones
 * (forecasting, next month's churn). Offered, never applied on its own.
 */
import { datetimeWords, isNumeric, type Table } from '../table';

export interface TimeSuggestion {
  /** The datetime column to split on. */
  column: string;
  /** One line for the person choosing the split. */
  reason: string;
}

/** Fewer distinct times than this are categories of a kind (a few years, a season), not a timeline. */
const MIN_TIMES = 30;

/** The datetime column with the most distinct times (at least 30), or null when the table has none. */
export function suggestTimeSplit(table: Table, target: string): TimeSuggestion | null {
  let best: { column: string; distinct: number; first: number; last: number } | null = null;
  for (const c of table.columns) {
    if (c.name === target || c.type !== 'datetime' || !isNumeric(c)) continue;
    const seen = new Set<number>();
    let first = Infinity;
    let last = -Infinity;
    for (const v of c.values) {
      if (v !== v) continue;
      seen.add(v);
      if (v < first) first = v;
      if (v > last) last = v;
    }
    if (seen.size >= MIN_TIMES && (!best || seen.size > best.distinct)) best = { column: c.name, distinct: seen.size, first, last };
  }
  if (!best) return null;
  return {
    column: best.column,
    reason: `"${best.column}" runs from ${datetimeWords(best.first)} to ${datetimeWords(best.last)}. If the model will predict rows later than the ones it learns from, test it on the latest rows: a random split tests it on times between its training times, and scores it better than it will do.`,
  };
}
