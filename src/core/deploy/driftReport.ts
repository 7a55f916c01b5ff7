import type { Table } from '../table';
import { psi, type DriftBand, type DriftColumn, type PsiResult } from './psi';

export interface DriftReport {
  /** One entry per feature present in both, largest PSI first. */
  features: PsiResult[];
  /** Training columns absent from the new table, and columns that could not be compared (type changed). */
  skipped: { column: string; reason: string }[];
  counts: Record<DriftBand, number>;
  /** The worst band among the features. */
  band: DriftBand;
}

/**
 * PSI of every profiled training column against the same column of `table`, ranked. `columns`
 * restricts the comparison (e.g. to the model's inputs); the target is best left out.
 */
export function driftReport(training: { readonly columns: readonly DriftColumn[] }, table: Table, columns?: readonly string[]): DriftReport {
  const wanted = columns ? new Set(columns) : null;
  const features: PsiResult[] = [];
  const skipped: DriftReport['skipped'] = [];
  for (const profile of training.columns) {
    if (wanted && !wanted.has(profile.name)) continue;
    const column = table.columns.find((c) => c.name === profile.name);
    if (!column) {
      skipped.push({ column: profile.name, reason: 'not in the new table' });
      continue;
    }
    try {
      features.push(psi(profile, column));
    } catch (e) {
      skipped.push({ column: profile.name, reason: (e as Error).message });
    }
  }
  features.sort((a, b) => b.psi - a.psi);
  const counts: Record<DriftBand, number> = { stable: 0, moderate: 0, major: 0 };
  for (const f of features) counts[f.band]++;
  const band: DriftBand = counts.major ? 'major' : counts.moderate ? 'moderate' : 'stable';
  return { features, skipped, counts, band };
}
