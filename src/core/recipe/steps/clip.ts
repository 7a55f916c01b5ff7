import type { Table } from '../../table';
import type { ClipStep, FittedStep } from '../types';
import { numericColumn, quantileSorted, replaceColumn, sortedFinite } from '../frame';

type FittedClip = Extract<FittedStep, { kind: 'clip' }>;

export function fitClip(step: ClipStep, table: Table, where: string): FittedClip {
  return {
    kind: 'clip',
    columns: step.columns.map((name) => {
      const sorted = sortedFinite(numericColumn(table, name, where).values);
      const lower = quantileSorted(sorted, step.lower ?? 0.01);
      const upper = quantileSorted(sorted, step.upper ?? 0.99);
      return { name, lower: Number.isNaN(lower) ? -Infinity : lower, upper: Number.isNaN(upper) ? Infinity : upper };
    }),
  };
}

/** Missing values stay missing. */
export function applyClip(f: FittedClip, table: Table, where: string): Table {
  let out = table;
  for (const { name, lower, upper } of f.columns) {
    const c = numericColumn(out, name, where);
    out = replaceColumn(out, name, [{ ...c, values: c.values.map((v) => Math.min(upper, Math.max(lower, v))) }]);
  }
  return out;
}
