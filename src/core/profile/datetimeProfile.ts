import type { NumericColumn } from '../table/types';
import { calendarCounts, inferFrequency } from './calendar';
import { distinctSorted, sortFinite } from './numericProfile';
import type { ColumnProfile } from './types';

/** Profile of a datetime column (UTC epoch ms, NaN = missing). */
export function datetimeProfile(column: NumericColumn, scratch?: Float64Array): ColumnProfile {
  const { sorted } = sortFinite(column.values, scratch);
  const n = sorted.length;
  const count = n;
  const distinct = distinctSorted(sorted);
  const cal = calendarCounts(sorted);
  const min = n ? sorted[0] : NaN;
  const max = n ? sorted[n - 1] : NaN;
  const frequency = inferFrequency(sorted);
  return {
    name: column.name,
    type: 'datetime',
    count,
    missing: column.values.length - n,
    distinct,
    uniqueRatio: count ? distinct / count : 0,
    memoryBytes: column.values.byteLength,
    datetime: {
      min,
      max,
      rangeMs: max - min,
      frequency,
      byYear: cal.byYear,
      byMonth: cal.byMonth,
      byWeekday: cal.byWeekday,
      ...(cal.allMidnight ? {} : { byHour: cal.byHour }),
    },
  };
}
