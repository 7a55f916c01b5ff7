import type { DatePart } from './types';

/** The parts a datetime step makes when it names none. */
export const ALL_PARTS: DatePart[] = ['year', 'month', 'day', 'weekday', 'hour'];

/** Period of each cyclic part (month 1–12, weekday 0–6, hour 0–23). */
export const PERIOD: Partial<Record<DatePart, number>> = { month: 12, weekday: 7, hour: 24 };

/** One feature a datetime step makes of a column: its name, the part, and sine or cosine for a cyclic part. */
export interface DatetimeFeature {
  feature: string;
  part: DatePart;
  wave: 'sin' | 'cos' | null;
}

/** The features a fitted datetime step produces for one column, in order. */
export function datetimeFeatures(name: string, parts: DatePart[], cyclic: boolean): DatetimeFeature[] {
  return parts.flatMap((part): DatetimeFeature[] =>
    cyclic && PERIOD[part]
      ? [{ feature: `${name}_${part}_sin`, part, wave: 'sin' }, { feature: `${name}_${part}_cos`, part, wave: 'cos' }]
      : [{ feature: `${name}_${part}`, part, wave: null }],
  );
}
