import { civilFromDays, DAY, frequencyFromGaps, gapTally } from './calendar';
import type { LatticeCounts } from './latticeCounts';

/** `calendarCounts` of the epoch-ms values the counts stand for: same counts, one step per occupied slot. */
export function calendarFromCounts(lattice: LatticeCounts): {
  byYear: { year: number; count: number }[];
  byMonth: number[];
  byWeekday: number[];
  byHour: number[];
  allMidnight: boolean;
} {
  const { min, step, counts } = lattice;
  const years = new Map<number, number>();
  const byMonth = new Array<number>(12).fill(0);
  const byWeekday = new Array<number>(7).fill(0);
  const byHour = new Array<number>(24).fill(0);
  let allMidnight = true;
  let day = NaN;
  let dayCount = 0;
  const closeDay = () => {
    if (dayCount === 0) return;
    const { year, month } = civilFromDays(day);
    years.set(year, (years.get(year) ?? 0) + dayCount);
    byMonth[month - 1] += dayCount;
    byWeekday[(((day + 3) % 7) + 7) % 7] += dayCount;
  };
  for (let s = 0; s < counts.length; s++) {
    const c = counts[s];
    if (c === 0) continue;
    const v = min + s * step;
    const days = Math.floor(v / DAY);
    if (days !== day) {
      closeDay();
      day = days;
      dayCount = 0;
    }
    const msOfDay = v - days * DAY;
    if (msOfDay !== 0) allMidnight = false;
    byHour[Math.floor(msOfDay / 3_600_000)] += c;
    dayCount += c;
  }
  closeDay();
  const byYear = [...years].sort((a, b) => a[0] - b[0]).map(([year, count]) => ({ year, count }));
  return { byYear, byMonth, byWeekday, byHour, allMidnight };
}

/** `inferFrequency` from the counts: the gaps between neighbouring occupied slots. */
export function frequencyFromCounts(lattice: LatticeCounts): { label: string; ms: number } | null {
  const { min, step, counts } = lattice;
  const tally = gapTally();
  for (let s = 0; s < counts.length; s++) if (counts[s] !== 0) tally.add(min + s * step);
  return frequencyFromGaps(tally.gaps());
}
