import type { Table } from '../../table';
import type { DatePart, DatetimeStep, FittedStep } from '../types';
import { floatColumn, numericColumn, replaceColumn } from '../frame';
import { ALL_PARTS, datetimeFeatures, PERIOD } from '../datetimeFeatures';

type FittedDatetime = Extract<FittedStep, { kind: 'datetime' }>;

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
  return datetimeFeatures(name, parts, cyclic).map((f) => f.feature);
}

export function applyDatetime(f: FittedDatetime, table: Table, where: string): Table {
  let out = table;
  for (const name of f.columns) {
    const ms = numericColumn(out, name, where).values;
    const raws = new Map<DatePart, typeof ms>();
    const produced = datetimeFeatures(name, f.parts, f.cyclic).map(({ feature, part: p, wave }) => {
      const raw = raws.get(p) ?? ms.map((v) => part(v, p));
      raws.set(p, raw);
      if (!wave) return floatColumn(feature, raw, 'integer');
      const period = PERIOD[p]!;
      const f = wave === 'sin' ? Math.sin : Math.cos;
      return floatColumn(feature, raw.map((v) => f((2 * Math.PI * v) / period)));
    });
    out = replaceColumn(out, name, produced);
  }
  return out;
}
