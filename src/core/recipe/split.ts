/** Seeded train/test splits and k folds over row indices. */
import { createRng, shuffleInPlace } from '../stats';
import type { Table } from '../table';
import type { SplitSpec } from './types';
import { RecipeError } from './errors';
import { targetColumn } from './frame';
import { rowLabel, targetMissing } from './task';
import { groupFoldOf, groupLabels, groupTestPositions } from './groupSplit';
import { timeOrder } from './timeFolds';
import { formatCount } from '../format';

export interface Split {
  train: Int32Array;
  test: Int32Array;
  /** Rows left out of both because the target is missing. */
  missingTarget: number;
  /** Group split: the group column and how many of its values went to each side. */
  groups?: { column: string; train: number; test: number };
}

/** Below this many rows, `folds: 'auto'` means 5-fold cross-validation. */
export const AUTO_CV_ROWS = 20_000;

export function resolveFolds(spec: SplitSpec, rows: number): number {
  if (spec.folds === undefined || spec.folds === 'auto') return rows < AUTO_CV_ROWS ? 5 : 0;
  return spec.folds;
}

/** Splits the rows that have a target into train and test, as `spec` says. */
export function splitRows(table: Table, target: string, spec: SplitSpec): Split {
  const y = targetColumn(table, target);
  const rows: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (!targetMissing(y, i)) rows.push(i);
  const fraction = spec.testFraction;
  if (!(fraction > 0 && fraction < 1)) {
    throw new RecipeError(`Test fraction ${fraction} must be between 0 and 1 (e.g. 0.2).`);
  }
  const missingTarget = table.rowCount - rows.length;
  const rng = createRng(spec.seed);
  let test: number[];
  let groups: Split['groups'];
  if (spec.method === 'group') {
    const column = spec.groupColumn ?? '';
    const labels = groupLabels(table, column, rows);
    const positions = groupTestPositions(labels, fraction, rng, column);
    test = positions.map((p) => rows[p]);
    const testGroups = new Set(positions.map((p) => labels[p])).size;
    groups = { column, train: new Set(labels).size - testGroups, test: testGroups };
  } else if (spec.method === 'time') {
    const ordered = timeOrder(table, spec, rows);
    test = ordered.slice(ordered.length - Math.round(ordered.length * fraction));
  } else if (spec.method === 'stratified') {
    test = [];
    for (const group of groupBy(rows, (i) => rowLabel(y, i) ?? '')) {
      shuffleInPlace(group, rng);
      test.push(...group.slice(0, Math.round(group.length * fraction)));
    }
  } else {
    test = shuffleInPlace([...rows], rng).slice(0, Math.round(rows.length * fraction));
  }
  const testSet = new Set(test);
  return {
    train: Int32Array.from(rows.filter((i) => !testSet.has(i))),
    test: Int32Array.from(test).sort(),
    missingTarget,
    ...(groups ? { groups } : {}),
  };
}

function groupBy(rows: number[], key: (i: number) => string): number[][] {
  const groups = new Map<string, number[]>();
  for (const i of rows) {
    const k = key(i);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(i);
  }
  return [...groups.keys()].sort().map((k) => groups.get(k)!);
}

/**
 * k folds over `rows` (source row indices): each fold's test part is about 1/k of the rows;
 * with `strata` (a label per row of `rows`) class proportions are kept in each fold; with `groups`
 * (a group per row of `rows`, see {@link foldGroups}) no group is split across folds.
 */
export function kFolds(rows: ArrayLike<number>, k: number, seed: number, strata?: (string | null)[], groups?: string[]): Split[] {
  if (!(k >= 2) || k > rows.length) throw new RecipeError(`Cannot make ${k} folds from ${rows.length} rows; use 2 to ${rows.length} folds.`);
  const rng = createRng(seed);
  const positions = Array.from({ length: rows.length }, (_, p) => p);
  // Group k-fold: every group's rows share a fold (class shares are then left to chance).
  const foldOf = groups ? groupFoldOf(groups, k, rng) : new Int32Array(rows.length);
  let offset = 0;
  for (const group of groups ? [] : strata ? groupBy(positions, (p) => strata[p] ?? '') : [positions]) {
    shuffleInPlace(group, rng);
    group.forEach((p, j) => (foldOf[p] = (j + offset) % k));
    offset += group.length;
  }
  return Array.from({ length: k }, (_, f) => ({
    train: Int32Array.from(positions.filter((p) => foldOf[p] !== f), (p) => rows[p]),
    test: Int32Array.from(positions.filter((p) => foldOf[p] === f), (p) => rows[p]),
    missingTarget: 0,
  }));
}

/** The group of each of `rows` when the split keeps groups together, for {@link kFolds}. */
export function foldGroups(table: Table, spec: SplitSpec, rows: ArrayLike<number>): string[] | undefined {
  return spec.method === 'group' ? groupLabels(table, spec.groupColumn ?? '', rows) : undefined;
}

/** One line for Prepare: the rows on each side and, for a group split, the groups on each side. */
export function describeSplit(split: Split): string {
  const n = (x: number) => formatCount(x);
  const share = Math.round((100 * split.test.length) / Math.max(1, split.train.length + split.test.length));
  const rows = `${n(split.train.length)} rows for training, ${n(split.test.length)} for testing (${share} %)`;
  if (!split.groups) return `${rows}.`;
  const { column, train, test } = split.groups;
  return `${rows}; ${n(train)} ${column} values in training and ${n(test)} in testing, none on both sides.`;
}
