import type { ClassificationReport } from '../evaluate';
import type { GlossaryKey } from './glossary';

/** A chart the evaluation draws, as its "Reading the charts" line names it, with the entry that explains it. */
export interface ChartGuide {
  label: string;
  term: GlossaryKey;
}

/**
 * The curves the evaluation of a classifier draws, in the order it draws them. Calibration, gains
 * and lift describe one positive class, so only a binary report carries them; a multiclass one
 * lists only its one-vs-rest ROC and precision–recall curves rather than promise charts it lacks.
 */
export function classificationCharts(report: Pick<ClassificationReport, 'roc' | 'pr' | 'calibration' | 'gains'>): ChartGuide[] {
  return [
    ...(report.roc.length ? [{ label: 'ROC', term: 'chart.roc' as const }] : []),
    ...(report.pr.length ? [{ label: 'precision–recall', term: 'chart.pr' as const }] : []),
    ...(report.calibration.length ? [{ label: 'calibration', term: 'chart.calibration' as const }] : []),
    ...(report.gains.length ? [{ label: 'gains', term: 'chart.gains' as const }, { label: 'lift', term: 'lift' as const }] : []),
  ];
}
