/** Sensible default preprocessing for a table and target, for the user to edit. */
import { isIdentifierLike, isNumeric, type Column, type ColumnType, type Table } from '../table';
import type { DatePart, Recipe, Step } from './types';
import { sortedFinite, targetColumn } from './frame';
import { datetimeNames } from './steps';
import { inferTask } from './task';

/** What proposeRecipe reads from a profile when one is at hand; anything missing is computed. */
export interface ProfileLike {
  columns?: { name: string; type?: ColumnType; missing?: number; skewness?: number }[];
}

/** Skewness above this (with no negative values) earns a log transform. */
export const LOG_SKEW = 2;

/**
 * Proposes: drop identifiers (the shared `isIdentifierLike` rule) and constant columns; turn free text into
 * TF-IDF word features (text step, defaults); expand datetimes; log-transform
 * heavily right-skewed non-negative numbers; median-impute numbers (with an indicator where values
 * are missing); fill missing categories with "(missing)"; one-hot the top 20 categories;
 * standard-scale numbers. Split: stratified for classification, random otherwise; seed 42.
 */
export function proposeRecipe(table: Table, profile: ProfileLike | undefined, target: string): Recipe {
  const { task } = inferTask(targetColumn(table, target));
  const info = new Map((profile?.columns ?? []).map((c) => [c.name, c]));
  const drop: string[] = [];
  const dates: string[] = [];
  const logs: string[] = [];
  const numbers: string[] = [];
  const missingNumbers = new Set<string>();
  const categories: string[] = [];
  const missingCategories: string[] = [];
  const flags: string[] = [];
  const texts: string[] = [];
  let hourly = false;
  for (const c of table.columns) {
    if (c.name === target) continue;
    const type = info.get(c.name)?.type ?? c.type;
    const missing = info.get(c.name)?.missing ?? countMissing(c);
    if (type === 'text' && !isNumeric(c) && !isConstant(c)) texts.push(c.name);
    else if (type === 'identifier' || type === 'text' || isConstant(c) || looksLikeId(c, type, missing)) {
      drop.push(c.name);
    } else if (type === 'datetime' && isNumeric(c)) {
      dates.push(c.name);
      hourly ||= c.values.some((v) => !Number.isNaN(v) && v % 86_400_000 !== 0);
    } else if (isNumeric(c)) {
      if (c.type === 'boolean') flags.push(c.name);
      else numbers.push(c.name);
      if (missing > 0) missingNumbers.add(c.name);
      const sorted = sortedFinite(c.values);
      if (c.type !== 'boolean' && sorted[0] >= 0 && (info.get(c.name)?.skewness ?? skewness(sorted)) > LOG_SKEW) logs.push(c.name);
    } else {
      categories.push(c.name);
      if (missing > 0) missingCategories.push(c.name);
    }
  }
  const parts: DatePart[] = hourly ? ['year', 'month', 'day', 'weekday', 'hour'] : ['year', 'month', 'day', 'weekday'];
  const dateColumns = dates.flatMap((d) => datetimeNames(d, parts, true));
  const imputed = [...numbers, ...flags];
  const steps: Step[] = [];
  // No deduplicate step by default: repeated rows are often real events (discrete measurements, the
  // same order twice), and removing them silently can shrink a table by half. Explore's advice adds
  // the step when the person says the repeats are copies.
  if (drop.length) steps.push({ kind: 'drop', columns: drop });
  if (dates.length) steps.push({ kind: 'datetime', columns: dates, parts, cyclic: true });
  if (logs.length) steps.push({ kind: 'power', method: 'log', columns: logs });
  const withIndicator = imputed.filter((c) => missingNumbers.has(c));
  const without = [...imputed.filter((c) => !missingNumbers.has(c)), ...dateColumns];
  if (withIndicator.length) steps.push({ kind: 'impute', strategy: 'median', indicator: true, columns: withIndicator });
  // Imputing columns with no gaps in this data still protects scoring data that has them.
  if (without.length) steps.push({ kind: 'impute', strategy: 'median', columns: without });
  if (missingCategories.length) steps.push({ kind: 'impute', strategy: 'constant', value: '(missing)', columns: missingCategories });
  if (categories.length) steps.push({ kind: 'encode', method: 'onehot', topK: 20, columns: categories });
  if (texts.length) steps.push({ kind: 'text', columns: texts });
  const scaled = [...numbers, ...dateColumns];
  if (scaled.length) steps.push({ kind: 'scale', method: 'standard', columns: scaled });
  return {
    version: 1,
    target,
    task,
    steps,
    split: { method: task === 'regression' ? 'random' : 'stratified', testFraction: 0.2, seed: 42, folds: 'auto' },
  };
}

function countMissing(c: Column): number {
  let n = 0;
  if (isNumeric(c)) for (const v of c.values) n += Number.isNaN(v) ? 1 : 0;
  else for (const code of c.codes) n += code < 0 ? 1 : 0;
  return n;
}

function isConstant(c: Column): boolean {
  if (isNumeric(c)) return sortedFinite(c.values).every((v, _, a) => v === a[0]);
  return new Set(Array.from(c.codes).filter((x) => x >= 0)).size <= 1;
}

/** The shared identifier rule (`isIdentifierLike`), fed from a scan of the column. */
function looksLikeId(c: Column, type: ColumnType, missing: number): boolean {
  if (!isNumeric(c)) {
    const present = Array.from(c.codes).filter((x) => x >= 0);
    return isIdentifierLike({ name: c.name, type, count: present.length, missing, distinct: new Set(present).size });
  }
  if (type !== 'integer' || missing > 0) return false;
  const sorted = sortedFinite(c.values);
  let distinct = sorted.length ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return isIdentifierLike({ name: c.name, type, count: sorted.length, missing, distinct, min: sorted[0], max: sorted[sorted.length - 1] });
}

/** Sample skewness g1 of sorted finite values. */
function skewness(values: Float64Array): number {
  const n = values.length;
  if (n < 3) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  let m2 = 0;
  let m3 = 0;
  for (const v of values) {
    m2 += (v - mean) ** 2;
    m3 += (v - mean) ** 3;
  }
  m2 /= n;
  m3 /= n;
  return m2 === 0 ? 0 : m3 / m2 ** 1.5;
}
