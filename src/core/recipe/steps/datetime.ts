import type { Table } from '../../table';
import type { DatePart, DatetimeStep, FittedStep } from '../types';
import { floatColumn, numericColumn, replaceColumn } from '../frame';

type FittedDatetime = Extract<FittedStep, { kind: 'datetime' }>;

const ALL_PARTS: DatePart[] = ['year', 'month', 'day', 'weekday', 'hour'];
/** Period of each cyclic part (month 1–12, weekday 0–6, hour 0–23). */
const PERIOD: Partial<Record<DatePart, number>> = { month: 12, weekday: 7, hour: 24 };

export function fitDatetime(step: DatetimeStep, table: Table, where: string): FittedDatetime {
  for (const name of step.columns) numericColumn(table, name, where);
  return { kind: 'datetime', parts: step.parts ?? ALL_PARTS, cyclic: step.cyclic ?? true, columns: step.columns };
}

function part(ms: number, p: DatePart): number {
  if (Number.isNaN(ms)) return NaN;
  const d = new Date(ms);
  if (p === 'year') return d.getUTCFullYear();
  if (p === 'month') return d.getUTCMonth() + 1;
  if (p === 'day') return d.getUTCDate();
  if (p === 'weekday') return d.getUTCDay();
  return d.getUTCHours();
}

/** The names a fitted step produces for one column, in order. */
export function datetimeNames(name: string, parts: DatePart[], cyclic: boolean): string[] {
  return parts.flatMap((p) => (cyclic && PERIOD[p] ? [`${name}_${p}_sin`, `${name}_${p}_cos`] : [`${name}_${p}`]));
}

export function applyDatetime(f: FittedDatetime, table: Table, where: string): Table {
  let out = table;
  for (const name of f.columns) {
    const ms = numericColumn(out, name, where).values;
    const produced = f.parts.flatMap((p) => {
      const raw = ms.map((v) => part(v, p));
      const period = PERIOD[p];
      if (!f.cyclic || !period) return [floatColumn(`${name}_${p}`, raw, 'integer')];
      return [
        floatColumn(`${name}_${p}_sin`, raw.map((v) => Math.sin((2 * Math.PI * v) / period))),
        floatColumn(`${name}_${p}_cos`, raw.map((v) => Math.cos((2 * Math.PI * v) / period))),
      ];
    });
    out = replaceColumn(out, name, produced);
  }
  return out;
}
