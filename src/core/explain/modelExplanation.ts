/**
 * A tree model's explanation as the evaluation page shows it: importance per input column (shuffle
 * drop beside split-gain share), feature values in words (category codes back to categories), the
 * raw score's scale in words, and one row's contributions laid out as a waterfall on round ticks.
 */
import type { ModelExplanation } from '../models';
import type { ExplainedRow } from '../models';
import type { FittedRecipe, Task } from '../recipe';
import { booleanFeatureWords, featureGroups, featureWords, isWaveFeature } from '../recipe/page';
import { niceTicks } from '../chart';
import { formatYear, isYearColumn } from '../format';

/** One input column: mean score lost when it is shuffled (± sd over repeats) and its share of split gain. */
export interface ImportanceRow {
  name: string;
  drop: number;
  sd: number;
  /** Share of all split gain (0..1) of the column's features; null when the model has no trees. */
  gain: number | null;
}

/** Permutation importance joined with split-gain share per input column, most important first. */
export function importanceRows(e: ModelExplanation, fitted: FittedRecipe): ImportanceRow[] {
  const gain = new Map((e.trees?.gain ?? []).map((g) => [g.feature, g.share]));
  const groups = new Map(featureGroups(fitted).map((g) => [g.name, g.columns]));
  const gainOf = (name: string): number | null => {
    if (!e.trees) return null;
    const columns = groups.get(name);
    if (!columns) return gain.get(name) ?? 0;
    return columns.reduce((sum, j) => sum + (gain.get(fitted.featureNames[j]) ?? 0), 0);
  };
  return e.permutation
    .map((p) => ({ name: p.name, drop: p.mean, sd: p.sd, gain: gainOf(p.name) }))
    .sort((a, b) => b.drop - a.drop || (b.gain ?? 0) - (a.gain ?? 0) || a.name.localeCompare(b.name));
}

/** What shuffling a column costs, in words: the main metric and the direction that is worse. */
export function permutationWords(task: Task): string {
  return task === 'regression' ? 'rise in RMSE' : task === 'binary' ? 'drop in ROC AUC' : 'rise in log loss';
}

/** The raw score the contributions add up to, in words: "log-odds of “yes”". */
export function scaleWords(scale: string, output: string): string {
  if (scale === 'log-odds') return `log-odds of “${output}”`;
  if (scale.startsWith('log-odds')) return `score of “${output}” (log-odds, before softmax)`;
  if (scale === 'probability') return `probability of “${output}”`;
  return `predicted ${output}`;
}

/** The unit of a contribution in a chart label: "log-odds, summed over classes", "probability", "in Miles_per_Gallon". */
export function scaleUnit(scale: string, target: string, classes = 1): string {
  if (scale.startsWith('log-odds')) return classes > 2 ? 'log-odds, summed over classes' : 'log-odds';
  if (scale === 'probability') return classes > 2 ? 'probability, summed over classes' : 'probability';
  return `in ${target}`;
}

/** The picker's label of an explained row: "Row 1,204 — largest error" (rows counted from 1, as the data grid does). */
export function rowLabel(r: ExplainedRow, fmt: (n: number) => string): string {
  return `Row ${fmt(r.row + 1)} — ${r.reason}`;
}

/**
 * A feature's value as a person reads it: a category for ordinal codes (below 0 or NaN = missing),
 * "yes"/"no" for one-hot columns, a boolean column's own words, a date part's sine or cosine to 4 decimals, the number otherwise.
 */
export function valueWords(fitted: FittedRecipe, feature: string, value: number, fmt: (n: number) => string): string {
  // A sine or cosine lies in [−1, 1]: cos(2π · 3/12) comes out as 6e−17, which is 0 to anyone reading it.
  if (Number.isFinite(value) && isWaveFeature(fitted, feature)) return fmt(Math.round(value * 1e4) / 1e4 || 0);
  for (const step of fitted.steps) {
    if (step.kind !== 'encode') continue;
    for (const col of step.columns) {
      if (step.method === 'ordinal' && col.name === feature) return Number.isFinite(value) && value >= 0 ? (col.vocabulary[value] ?? 'other') : 'missing';
      if (step.method === 'onehot' && feature.startsWith(`${col.name}=`)) return Number.isNaN(value) ? 'missing' : value > 0.5 ? 'yes' : 'no';
    }
  }
  if (Number.isNaN(value)) return 'missing';
  const words = booleanFeatureWords(fitted, feature);
  if (words && (value === 0 || value === 1)) return words[value];
  // A year reads without a thousands separator (2014, not 2,014).
  return isYearColumn(feature) && Number.isInteger(value) ? formatYear(value) : fmt(value);
}

/** One bar of the waterfall: the score goes from `from` to `to` because of `label` = `value`. */
export interface WaterfallBar {
  label: string;
  value: string;
  contribution: number;
  /** Standard error of an estimated contribution; undefined when exact. */
  se?: number;
  from: number;
  to: number;
}

export interface Waterfall {
  /** The expected raw score (the average over training rows) where the bars start. */
  start: number;
  /** This row's raw score, where the bars end. */
  end: number;
  bars: WaterfallBar[];
  domain: [number, number];
  ticks: number[];
  /** The probability the end score means, for log-odds of a binary model; null otherwise. */
  probability: number | null;
}

/** The row's largest contributions (at most `maxBars`, the rest summed into one bar) from the expected score to the row's score. */
export function rowWaterfall(row: ExplainedRow, e: { scale: string }, fitted: FittedRecipe, fmt: (n: number) => string, maxBars = 10): Waterfall {
  // The row's score is the expected score plus every contribution, whichever output it explains.
  const start = row.score - row.contributions.reduce((s, c) => s + c.contribution, 0);
  const shown = row.contributions.length > maxBars ? row.contributions.slice(0, maxBars - 1) : row.contributions;
  const rest = row.contributions.slice(shown.length);
  const words = featureWords(fitted);
  const items: Omit<WaterfallBar, 'from' | 'to'>[] = shown.map((c) => ({ label: words(c.feature), value: c.text ?? valueWords(fitted, c.feature, c.value, fmt), contribution: c.contribution, ...(c.se !== undefined ? { se: c.se } : {}) }));
  if (rest.length) {
    // Estimates of different columns are treated as independent when summed.
    const se = rest.every((c) => c.se !== undefined) ? { se: Math.sqrt(rest.reduce((s, c) => s + c.se! ** 2, 0)) } : {};
    items.push({ label: `${fmt(rest.length)} other ${rest.length === 1 ? 'feature' : 'features'}`, value: '', contribution: rest.reduce((s, c) => s + c.contribution, 0), ...se });
  }
  let at = start;
  const bars = items.map((item) => {
    const from = at;
    at += item.contribution;
    return { ...item, from, to: at };
  });
  const points = [start, row.score, ...bars.map((b) => b.to)];
  const { ticks, domain } = niceTicks(Math.min(...points), Math.max(...points), 4);
  return { start, end: row.score, bars, domain, ticks, probability: e.scale === 'log-odds' ? 1 / (1 + Math.exp(-row.score)) : null };
}

/** Position of `v` in `domain` as a percentage (0 at the left edge), for bars laid out with CSS. */
export function percentOf(v: number, domain: [number, number]): number {
  const span = domain[1] - domain[0];
  return span > 0 ? Math.min(100, Math.max(0, ((v - domain[0]) / span) * 100)) : 50;
}
