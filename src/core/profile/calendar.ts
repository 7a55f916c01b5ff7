export const DAY = 86_400_000;

/** Year and month (1-12) of a day count since 1970-01-01 (Hinnant's civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month };
}

/** Counts by UTC year, month, weekday (0 = Monday) and hour for epoch-ms values. */
export function calendarCounts(sorted: Float64Array): {
  byYear: { year: number; count: number }[];
  byMonth: number[];
  byWeekday: number[];
  byHour: number[];
  allMidnight: boolean;
} {
  const years = new Map<number, number>();
  const byMonth = new Array<number>(12).fill(0);
  const byWeekday = new Array<number>(7).fill(0);
  const byHour = new Array<number>(24).fill(0);
  let allMidnight = true;
  let i = 0;
  const n = sorted.length;
  while (i < n) {
    // Values are sorted, so one calendar lookup serves a whole day.
    const days = Math.floor(sorted[i] / DAY);
    const dayEnd = (days + 1) * DAY;
    let j = i;
    while (j < n && sorted[j] < dayEnd) {
      const msOfDay = sorted[j] - days * DAY;
      if (msOfDay !== 0) allMidnight = false;
      byHour[Math.floor(msOfDay / 3_600_000)]++;
      j++;
    }
    const c = j - i;
    const { year, month } = civilFromDays(days);
    years.set(year, (years.get(year) ?? 0) + c);
    byMonth[month - 1] += c;
    byWeekday[(((days + 3) % 7) + 7) % 7] += c;
    i = j;
  }
  const byYear = [...years].sort((a, b) => a[0] - b[0]).map(([year, count]) => ({ year, count }));
  return { byYear, byMonth, byWeekday, byHour, allMidnight };
}

const NAMED: [number, number, string][] = [
  [1000, 1000, 'secondly'],
  [60_000, 60_000, 'minutely'],
  [3_600_000, 3_600_000, 'hourly'],
  [DAY, DAY, 'daily'],
  [7 * DAY, 7 * DAY, 'weekly'],
  [28 * DAY, 31 * DAY, 'monthly'],
  [89 * DAY, 92 * DAY, 'quarterly'],
  [365 * DAY, 366 * DAY, 'yearly'],
];

/** Human label for a gap in ms: a named frequency, else "every N ms/s/min/h/days". */
export function frequencyLabel(ms: number): string {
  for (const [lo, hi, label] of NAMED) if (ms >= lo && ms <= hi) return label;
  if (ms % DAY === 0) return `every ${ms / DAY} days`;
  if (ms % 3_600_000 === 0) return `every ${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `every ${ms / 60_000} min`;
  if (ms % 1000 === 0) return `every ${ms / 1000} s`;
  return `every ${ms} ms`;
}

/**
 * Most common positive gap between consecutive distinct sorted times. Gaps of 28-31 days
 * (and 89-92, 365-366) are pooled so calendar months count as one frequency.
 */
export function inferFrequency(sorted: Float64Array): { label: string; ms: number } | null {
  const tally = gapTally();
  for (let i = 0; i < sorted.length; i++) tally.add(sorted[i]);
  return frequencyFromGaps(tally.gaps());
}

/**
 * Counts the gaps between consecutive distinct values fed in ascending order (repeats are skipped).
 * Runs of equal gaps (regular series) touch the map once per run.
 */
export function gapTally(): { add(value: number): void; gaps(): Map<number, number> } {
  const gaps = new Map<number, number>();
  let prev = NaN;
  let runGap = NaN;
  let run = 0;
  const flush = () => {
    if (run) gaps.set(runGap, (gaps.get(runGap) ?? 0) + run);
    run = 0;
  };
  return {
    add(v) {
      if (v === prev) return;
      if (prev === prev) {
        const g = v - prev;
        if (g === runGap) run++;
        else {
          flush();
          runGap = g;
          run = 1;
        }
      }
      prev = v;
    },
    gaps() {
      flush();
      return gaps;
    },
  };
}

/** The most common gap of `gaps` (gap in ms → how often it occurs), calendar months and years pooled; null when empty. */
export function frequencyFromGaps(gaps: Map<number, number>): { label: string; ms: number } | null {
  if (gaps.size === 0) return null;
  const pooled = new Map<string, { count: number; ms: number; best: number }>();
  for (const [g, c] of gaps) {
    const label = frequencyLabel(g);
    const entry = pooled.get(label) ?? { count: 0, ms: g, best: 0 };
    entry.count += c;
    if (c > entry.best) {
      entry.best = c;
      entry.ms = g;
    }
    pooled.set(label, entry);
  }
  let best: [string, { count: number; ms: number }] | null = null;
  for (const e of pooled) if (!best || e[1].count > best[1].count) best = e;
  return best ? { label: best[0], ms: best[1].ms } : null;
}
