/** Features that predict the target almost perfectly: the target section, Prepare, and the evaluation's verdict. */
import type { Report } from '../profile';
import { featureGroups } from '../recipe/page';
import type { FittedRecipe } from '../recipe';
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

/**
 * The evaluation's word on a score that leaking columns may explain: `leaks` are model inputs the
 * exploration flagged. A perfect score names them as the likely reason; any other score warns
 * that it will not hold in use if they are recorded after the outcome. Without leaks, the perfect
 * score's general caution.
 */
export function leakCaution(leaks: readonly string[], target: string, perfect: boolean): string | null {
  if (leaks.length === 0) return perfect ? 'A perfect test score is rare: make sure no column gives the answer away (target leakage).' : null;
  const names = leaks.map((c) => `"${c}"`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const each = leaks.length === 1 ? 'predicts' : 'each predict';
  const it = leaks.length === 1 ? 'it' : 'them';
  return perfect
    ? `A perfect test score is rare: ${list} ${each} "${target}" almost perfectly on ${leaks.length === 1 ? 'its' : 'their'} own, so the model likely reads the answer from ${it}. Drop ${it} in Prepare unless ${leaks.length === 1 ? 'it is' : 'they are'} known at prediction time.`
    : `${list} ${each} "${target}" almost perfectly on ${leaks.length === 1 ? 'its' : 'their'} own: if ${leaks.length === 1 ? 'it is' : 'they are'} recorded after the outcome, these scores will not hold in use. Drop ${it} in Prepare unless ${leaks.length === 1 ? 'it is' : 'they are'} known at prediction time.`;
}

/** The columns a model reads that the exploration (profiled with the model's target) flagged as leaking it. */
export function leaksInModel(report: Pick<Report, 'alerts' | 'target'> | null | undefined, fitted: FittedRecipe): string[] {
  if (!report || report.target?.name !== fitted.target) return [];
  // A dropped column stays in the input schema but feeds no feature.
  const inputs = new Set(featureGroups(fitted).map((g) => g.name));
  return leakageWarnings(report).map((w) => w.column).filter((c) => inputs.has(c));
}
