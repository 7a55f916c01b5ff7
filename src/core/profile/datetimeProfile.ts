import type { NumericColumn } from '../table';
import { calendarCounts, inferFrequency } from './calendar';
import { calendarFromCounts, frequencyFromCounts } from './latticeCalendar';
import { countLattice } from './latticeCounts';
import { distinctCounts } from './latticeStats';
import { distinctSorted, scratchOf, type SortScratch } from './numericProfile';
import { scanFinite, sortScanned } from './sortFinite';
import type { ColumnProfile } from './types';

/** Profile of a datetime column (UTC epoch ms, NaN = missing); tall columns on a regular time lattice are counted, not sorted. */
export function datetimeProfile(column: NumericColumn, scratch?: SortScratch): ColumnProfile {
  const scan = scanFinite(column.values);
  const count = scan.finite;
  let min = count ? scan.min : NaN;
  let max = count ? scan.max : NaN;
  let distinct: number;
  let cal: ReturnType<typeof calendarCounts>;
  let frequency: ReturnType<typeof inferFrequency>;
  if (scan.countable) {
    const lattice = countLattice(column.values, scan);
    distinct = distinctCounts(lattice);
    cal = calendarFromCounts(lattice);
    frequency = frequencyFromCounts(lattice);
  } else {
    const sorted = sortScanned(column.values, scan, scratchOf(scratch));
    distinct = distinctSorted(sorted);
    // The sort keeps -0 before +0, which the scan's min and max do not tell apart.
    if (count) [min, max] = [sorted[0], sorted[count - 1]];
    cal = calendarCounts(sorted);
    frequency = inferFrequency(sorted);
  }
  return {
    name: column.name,
    type: 'datetime',
    count,
    missing: column.values.length - count,
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
