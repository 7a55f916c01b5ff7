import type { Table } from '../../table';
import type { FittedStep, ScaleStep } from '../types';
import { numericColumn, quantileSorted, replaceColumn, sortedFinite } from '../frame';

type FittedScale = Extract<FittedStep, { kind: 'scale' }>;

/** Learns (center, scale) so that transform is (x − center) / scale; a zero scale becomes 1, as in sklearn. */
export function fitScale(step: ScaleStep, table: Table, where: string): FittedScale {
  const columns = step.columns.map((name) => {
    const sorted = sortedFinite(numericColumn(table, name, where).values);
    let center = 0;
    let scale = 1;
    if (sorted.length > 0) {
      if (step.method === 'standard') {
        center = sorted.reduce((s, v) => s + v, 0) / sorted.length;
        scale = Math.sqrt(sorted.reduce((s, v) => s + (v - center) ** 2, 0) / sorted.length);
      } else if (step.method === 'minmax') {
        center = sorted[0];
        scale = sorted[sorted.length - 1] - sorted[0];
      } else {
        center = quantileSorted(sorted, 0.5);
        scale = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
      }
    }
    // A scale that is zero up to rounding (a constant column, or sin of a month that never changes)
    // would blow rounding noise up by ~1e17, so it counts as zero, as sklearn's _handle_zeros_in_scale does.
    if (!(scale > 10 * Number.EPSILON * Math.max(1, Math.abs(center))) || !Number.isFinite(scale)) scale = 1;
    if (!Number.isFinite(center)) center = 0;
    return { name, center, scale };
  });
  return { kind: 'scale', method: step.method, columns };
}

export function applyScale(f: FittedScale, table: Table, where: string): Table {
  let out = table;
  for (const { name, center, scale } of f.columns) {
    const c = numericColumn(out, name, where);
    const values = c.values.map((v) => (v - center) / scale);
    out = replaceColumn(out, name, [{ ...c, type: 'float', values }]);
  }
  return out;
}
