/** One candidate fix per alert (or statistic), with the priority that orders "the things to fix first". */
import type { Alert, AlertType, ColumnProfile, Report } from '../profile';
import { fixed, num, pct, plural } from '../format';

/** One action for the top of the Explore stage. */
export interface Fix {
  /** An imperative, e.g. 'Drop "id"'. */
  title: string;
  /** Why, in the data's own numbers, and what the fix achieves. */
  detail: string;
  column?: string;
  alertType?: AlertType;
  /** The recipe step kind that carries the fix out, where one does (Explore links it to Prepare). */
  step?: 'deduplicate';
}

export interface Candidate extends Fix {
  /** Lower comes first. */
  priority: number;
  /** A second column the fix also settles (the partner of a correlated pair). */
  related?: string;
}

/** Skewness beyond which a log transform is suggested, as the recipe proposer does. */
export const HEADLINE_SKEW = 2;

/** A column's name in a sentence, in the quotes every other message uses (the page shows text, not Markdown). */
const code = (name: string) => `"${name}"`;

/** The leakage warning, worded once for "Fix these first", the target section and Prepare. */
export function leakageSentence(column: string, target: string | undefined, measure: string, value: number): string {
  return `${code(column)} predicts ${target ? code(target) : 'the target'} almost perfectly (${measure} ${fixed(value, 2)}) — it may be recorded after the outcome (leakage). Drop it unless it will be known at prediction time: the model would shine in testing and fail in use.`;
}

const MEASURE_NAMES: Record<string, string> = { pearson: '|Pearson r|', eta: 'η', cramers_v: 'Cramér\'s V', association: 'association' };

/** The other column of a correlation alert and the measure that flagged it. */
function partnerOf(report: Report, alert: Alert): { column: string; measure: string } | undefined {
  const { pearson, cramers_v, eta } = report.correlations;
  const named = [[pearson, 'Pearson r'], [cramers_v, 'Cramér\'s V'], [eta, 'η']] as const;
  for (const [m, measure] of named) {
    if (!m) continue;
    const i = m.columns.indexOf(alert.column ?? '');
    if (i < 0) continue;
    const j = m.matrix[i].findIndex((r, k) => k !== i && r === alert.value);
    if (j >= 0) return { column: m.columns[j], measure };
  }
  return undefined;
}

function missingFix(alert: Alert, profile: ColumnProfile | undefined, target: string | undefined): Candidate {
  const col = alert.column!;
  const share = pct(alert.value);
  if (col === target) {
    return { priority: 2, title: `Rows without ${code(col)} cannot be used`, detail: `The target is missing in ${share} of rows; those rows are left out of training and testing. Check why they are empty.` };
  }
  if (alert.value >= 1) return { priority: 2, title: `Drop ${code(col)}`, detail: 'It is empty in every row, so it carries no information.' };
  if (alert.value > 0.5) {
    return { priority: 2, title: `Drop ${code(col)}`, detail: `It is missing in ${share} of rows, so filling it in would invent most of the column.` };
  }
  const numeric = profile?.numeric !== undefined;
  const fill = numeric ? 'the median' : 'the most frequent value';
  return { priority: 4, title: `Impute ${code(col)}`, detail: `It is missing in ${share} of rows. Fill it with ${fill} and add a missing indicator, in case being missing is informative.` };
}

/** The fix for one alert, or undefined for alerts not worth a headline. */
export function fixForAlert(alert: Alert, report: Report): Candidate | undefined {
  const col = alert.column ?? '';
  const target = report.target?.name;
  const profile = report.columns.find((c) => c.name === col);
  const base = { column: alert.column, alertType: alert.type };
  switch (alert.type) {
    case 'target_leakage': {
      const measure = report.target?.associations.find((a) => a.column === col)?.measure ?? 'association';
      return { ...base, priority: 0, title: `Check ${code(col)} for target leakage`, detail: leakageSentence(col, target, MEASURE_NAMES[measure] ?? measure, alert.value) };
    }
    case 'duplicates': {
      const n = report.dataset.duplicateRows;
      return { ...base, priority: 1, step: 'deduplicate', title: `Remove ${plural(n, 'duplicate row')}`, detail: `${plural(n, 'row')} (${pct(alert.value)}) repeat an earlier row exactly; left in, copies land in both the training and the test split and flatter the test score. If they are copies, add a "Remove duplicate rows" step to the recipe; keep them if the repeats are real events.` };
    }
    case 'missing':
      return { ...base, ...missingFix(alert, profile, target) };
    case 'unique':
      if (col === target) return undefined;
      return { ...base, priority: 3, title: `Drop ${code(col)}`, detail: 'It labels rows (every value is unique, and it is text or an integer code, not a measurement), so it cannot generalise: a model would memorise rows instead of learning patterns.' };
    case 'constant':
      if (col === target) return { ...base, priority: 0, title: `Choose another target than ${code(col)}`, detail: 'It has one value only, so there is nothing to predict.' };
      return { ...base, priority: 3, title: `Drop ${code(col)}`, detail: 'It has the same value in every row, so it carries no information.' };
    case 'date_as_text':
      return { ...base, priority: 5, title: `Parse ${code(col)} as a date`, detail: `${pct(alert.value)} of its values look like dates but were read as text; as a datetime the recipe can turn it into year, month and weekday features.` };
    case 'mixed_types':
      return { ...base, priority: 5, title: `Clean ${code(col)}`, detail: `It mixes numbers (${pct(alert.value)}) with other values, so it was read as text; strip units or notes at the source, or derive a numeric column.` };
    case 'infinite':
      return { ...base, priority: 5, title: `Replace the infinite values in ${code(col)}`, detail: `${pct(alert.value)} of its values are ±∞, usually from a division by zero; models cannot use them. Treat them as missing or fix the source.` };
    case 'skewed':
      return { ...base, priority: 6, title: `Log-transform ${code(col)}`, detail: `Its skewness is ${fixed(alert.value, 1)}: a few huge values dominate. A log transform compresses the tail for linear models and networks.` };
    case 'high_correlation': {
      const partner = partnerOf(report, alert);
      const pair = partner ? `${code(col)} and ${code(partner.column)}` : `${code(col)} and its look-alike`;
      return { ...base, priority: 7, related: partner?.column, title: `Keep one of ${pair}`, detail: `They carry almost the same information (${partner?.measure ?? 'association'} ${fixed(alert.value, 3)}); keeping both makes linear-model coefficients unstable and adds nothing.` };
    }
    case 'imbalance':
      if (col !== target) return undefined;
      return { ...base, priority: 6, title: `Mind the imbalance of ${code(col)}`, detail: `One class dominates (imbalance ${fixed(alert.value, 2)}): judge models by balanced accuracy and per-class recall, and try balanced class weights.` };
    case 'high_cardinality':
      return { ...base, priority: 8, title: `Limit the categories of ${code(col)}`, detail: `It has ${num(alert.value)} distinct values; one-hot encode only the most frequent ones (top-K) or use an embedding.` };
    default:
      return undefined;
  }
}

/** Skewed columns below the alert threshold that the recipe would still log-transform. */
export function skewFixes(report: Report, alerted: Set<string>): Candidate[] {
  return report.columns
    .filter((c) => c.numeric && Math.abs(c.numeric.skewness) > HEADLINE_SKEW && !alerted.has(c.name) && c.name !== report.target?.name)
    .map((c) => {
      const s = c.numeric!.skewness;
      const action = s > 0 && c.numeric!.min >= 0 ? 'Log-transform' : 'Yeo-Johnson-transform';
      return {
        priority: 9, column: c.name, title: `${action} ${code(c.name)}`,
        detail: `Its skewness is ${fixed(s, 1)}: most values sit at one end with a long tail; ${action === 'Log-transform' ? 'a log' : 'a Yeo-Johnson'} transform helps linear models and networks.`,
      };
    });
}
