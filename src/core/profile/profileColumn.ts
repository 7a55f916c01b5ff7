import { isNumeric, type Column } from '../table/types';
import { booleanProfile } from './booleanProfile';
import { categoricalProfile } from './categoricalProfile';
import { datetimeProfile } from './datetimeProfile';
import { numericProfile } from './numericProfile';
import { textProfile } from './textProfile';
import type { ColumnProfile } from './types';

/** Statistics for one column, chosen by its `type`. */
export function profileColumn(column: Column): ColumnProfile {
  if (isNumeric(column)) {
    if (column.type === 'boolean') return booleanProfile(column);
    if (column.type === 'datetime') return datetimeProfile(column);
    return numericProfile(column);
  }
  if (column.type === 'text') return textProfile(column);
  return categoricalProfile(column);
}
