import { isNumeric, type Column } from '../table';
import { booleanProfile } from './booleanProfile';
import { categoricalProfile } from './categoricalProfile';
import { datetimeProfile } from './datetimeProfile';
import { numericProfile, type SortScratch } from './numericProfile';
import { textProfile } from './textProfile';
import type { ColumnProfile } from './types';

/** Statistics for one column, chosen by its `type`. */
export function profileColumn(column: Column): ColumnProfile {
  return profileColumnInto(column);
}

/**
 * `profileColumn` with `scratch`: memory the numeric and datetime profiles may sort into (see
 * `sortFinite`), so that profiling many tall columns in a row reuses one buffer instead of leaving
 * a sorted copy per column for the garbage collector. Pass a function to have the buffer made only
 * when a column needs sorting.
 */
export function profileColumnInto(column: Column, scratch?: SortScratch): ColumnProfile {
  if (isNumeric(column)) {
    if (column.type === 'boolean') return booleanProfile(column);
    if (column.type === 'datetime') return datetimeProfile(column, scratch);
    return numericProfile(column, scratch);
  }
  if (column.type === 'text') return textProfile(column);
  return categoricalProfile(column);
}
