/** Features that predict the target almost perfectly, for the target section and Prepare. */
import type { Report } from '../profile';
import { leakageSentence } from './headlineFixes';

const MEASURES: Record<string, string> = { pearson: '|Pearson r|', eta: 'η', cramers_v: 'Cramér\'s V' };

export interface LeakageWarning {
  column: string;
  sentence: string;
}

/**
 * One warning per `target_leakage` alert of the report: a single feature whose association with the
 * target (|Pearson r|, η or Cramér's V) reaches the leakage threshold (default 0.95). Row labels
 * (identifiers) match the target one-to-one by construction and are flagged as identifiers instead.
 */
export function leakageWarnings(report: Pick<Report, 'alerts' | 'target'>): LeakageWarning[] {
  const target = report.target;
  if (!target) return [];
  return report.alerts
    .filter((a) => a.type === 'target_leakage' && a.column !== undefined)
    .map((a) => {
      const measure = target.associations.find((x) => x.column === a.column)?.measure ?? '';
      return { column: a.column!, sentence: leakageSentence(a.column!, target.name, MEASURES[measure] ?? 'association', a.value) };
    });
}
