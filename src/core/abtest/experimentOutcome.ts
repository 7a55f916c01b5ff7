/** Which column of a joined experiment log holds the outcome, and whether it is a rate or a value. */
import { cellValue, DataError, type Table } from '../table';

export type OutcomeMetric = 'conversion' | 'value';

export interface ExperimentOutcome {
  column: string;
  metric: OutcomeMetric;
  /** How the metric was chosen, for the person reading the output. */
  reason: string;
}

const FLAGS = new Set(['0', '1', 'true', 'false']);

/** True when every non-missing value is 0/1 or true/false (a conversion flag). */
function isFlagColumn(table: Table, name: string): boolean {
  const column = table.columns.find((c) => c.name === name)!;
  let seen = false;
  for (let r = 0; r < table.rowCount; r++) {
    const v = cellValue(column, r);
    if (v === null) continue;
    if (!FLAGS.has(String(v).trim().toLowerCase())) return false;
    seen = true;
  }
  return seen;
}

/**
 * The outcome column: `outcome` when named, else a column called like `metric`, else `conversion`
 * or `value`. The metric is `metric` when forced, else a rate for a 0/1 or true/false column and a
 * mean otherwise. A missing column is an error listing the log's columns.
 */
export function experimentOutcome(table: Table, options: { outcome?: string; metric?: OutcomeMetric }): ExperimentOutcome {
  const names = table.columns.map((c) => c.name);
  const columns = `columns: ${names.join(', ')}`;
  let column = options.outcome;
  if (column !== undefined && !names.includes(column)) {
    throw new DataError(`"${table.name}" has no outcome column "${column}" (${columns}). Pass the outcome's column with --outcome COL.`, { file: table.name, column, code: 'no-outcome' });
  }
  column ??= [options.metric, 'conversion', 'value'].find((n) => n !== undefined && names.includes(n));
  if (column === undefined) {
    throw new DataError(`"${table.name}" has no conversion or value column (${columns}). Name the outcome column with --outcome COL.`, { file: table.name, column: options.metric ?? 'conversion', code: 'no-outcome' });
  }
  if (options.metric) return { column, metric: options.metric, reason: `--metric ${options.metric}` };
  const flag = isFlagColumn(table, column);
  return flag
    ? { column, metric: 'conversion', reason: 'all values are 0/1 or true/false, so the rate is compared' }
    : { column, metric: 'value', reason: 'the values are not all 0/1 or true/false, so the mean is compared' };
}
