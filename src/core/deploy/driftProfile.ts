import type { ColumnProfile } from '../profile';
import type { DriftColumn } from './psi';

/** The training profile a run keeps for drift: per input column, only what PSI reads. */
export interface DriftProfile {
  columns: DriftColumn[];
}

/**
 * The slim drift profile of `columns` (the model's inputs) from a full training profile. A stored
 * run carries this instead of the whole report: PSI gives the same figures from either.
 */
export function driftProfile(report: { columns: readonly ColumnProfile[] }, columns: readonly string[]): DriftProfile {
  const wanted = new Set(columns);
  return {
    columns: report.columns
      .filter((c) => wanted.has(c.name))
      .map((c): DriftColumn => ({
        name: c.name,
        type: c.type,
        missing: c.missing,
        ...(c.numeric ? { numeric: { histogram: { edges: [...c.numeric.histogram.edges], counts: [...c.numeric.histogram.counts] } } } : {}),
        ...(c.boolean ? { boolean: { true: c.boolean.true, false: c.boolean.false } } : {}),
        ...(c.datetime ? { datetime: { byYear: c.datetime.byYear.map((y) => ({ ...y })) } } : {}),
        ...(c.categorical ? { categorical: { top: c.categorical.top.map((t) => ({ ...t })), other: c.categorical.other } } : {}),
      })),
  };
}
