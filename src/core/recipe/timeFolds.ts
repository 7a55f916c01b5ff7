/** Row order by a time column, for the time split and its cross-validation. */
import { isNumeric, type Table } from '../table';
import { RecipeError } from './errors';
import { findColumn } from './frame';
import type { Split } from './split';
import type { SplitSpec } from './types';

/**
 * `rows` ordered by the split's time column, ties by row; missing times sort first, so they train
 * rather than leak into the "future".
 */
export function timeOrder(table: Table, spec: SplitSpec, rows: ArrayLike<number>): number[] {
  const column = findColumn(table, spec.timeColumn ?? '', 'The time split');
  if (!isNumeric(column)) throw new RecipeError(`Time split column '${column.name}' is ${column.type}; pick a datetime or numeric column.`);
  const t = (i: number) => (Number.isNaN(column.values[i]) ? -Infinity : column.values[i]);
  return Array.from(rows).sort((a, b) => t(a) - t(b) || a - b);
}

/**
 * Cross-validation that respects time, as scikit-learn's TimeSeriesSplit: the rows in time order cut
 * into k + 1 blocks, and fold i trains on blocks 0..i and tests on block i + 1. Random folds would
 * score a model on times between its training times, as the time split exists to avoid.
 */
export function timeFolds(table: Table, spec: SplitSpec, rows: ArrayLike<number>, k: number): Split[] {
  const ordered = timeOrder(table, spec, rows);
  const size = Math.floor(ordered.length / (k + 1));
  if (!(k >= 2) || size < 1) throw new RecipeError(`Cannot make ${k} time-ordered folds from ${ordered.length} rows; use 2 to ${Math.max(2, ordered.length - 1)} folds.`);
  return Array.from({ length: k }, (_, i) => {
    const end = ordered.length - (k - i) * size;
    return { train: Int32Array.from(ordered.slice(0, end)), test: Int32Array.from(ordered.slice(end, end + size)), missingTarget: 0 };
  });
}
