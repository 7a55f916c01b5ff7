/**
 * Splits that keep every row of a group (a country, a patient, a store) on one side. Rows of one
 * group are alike, so a random split that tests on a group it also trained on flatters the model;
 * a group split measures how it does on groups it has never seen.
 */
import { shuffleInPlace, type Rng } from '../stats';
import { cellText, type Table } from '../table';
import { RecipeError } from './errors';
import { findColumn } from './frame';

/** The group of each listed row; a missing value is a group of its own. */
export function groupLabels(table: Table, column: string, rows: ArrayLike<number>): string[] {
  const c = findColumn(table, column, 'The group split');
  return Array.from(rows, (i) => cellText(c, i) || '\u0000missing');
}

/** Positions 0…n−1 grouped by label, the groups in sorted-label order (so only the seed shuffles them). */
function groupPositions(labels: readonly string[]): number[][] {
  const groups = new Map<string, number[]>();
  labels.forEach((label, p) => {
    let g = groups.get(label);
    if (!g) groups.set(label, (g = []));
    g.push(p);
  });
  return [...groups.keys()].sort().map((k) => groups.get(k)!);
}

/**
 * Positions (into `labels`) of the test rows: whole groups, taken in seeded random order while each
 * brings the test size nearer `fraction` of the rows. At least one group lands on each side.
 */
export function groupTestPositions(labels: readonly string[], fraction: number, rng: Rng, column: string): number[] {
  const groups = shuffleInPlace(groupPositions(labels), rng);
  if (groups.length < 2) throw new RecipeError(`The group split needs at least 2 values in '${column}'; it has ${groups.length}. Pick another group column or another split.`, { column });
  const target = Math.round(labels.length * fraction);
  const test: number[][] = [];
  let size = 0;
  for (const g of groups) {
    if (Math.abs(size + g.length - target) < Math.abs(size - target)) {
      test.push(g);
      size += g.length;
    }
  }
  if (!test.length) test.push(groups.reduce((a, b) => (b.length < a.length ? b : a)));
  return test.flat();
}

/**
 * The fold of each position for group k-fold: groups in seeded random order, largest first, each
 * into the fold with the fewest rows so far, so fold sizes stay close even with uneven groups.
 */
export function groupFoldOf(labels: readonly string[], k: number, rng: Rng): Int32Array {
  const groups = shuffleInPlace(groupPositions(labels), rng);
  if (groups.length < k) throw new RecipeError(`Group k-fold needs at least ${k} groups for ${k} folds; the training rows have ${groups.length}. Use fewer folds or another split.`);
  groups.sort((a, b) => b.length - a.length);
  const sizes = new Array<number>(k).fill(0);
  const foldOf = new Int32Array(labels.length);
  for (const g of groups) {
    const f = sizes.indexOf(Math.min(...sizes));
    for (const p of g) foldOf[p] = f;
    sizes[f] += g.length;
  }
  return foldOf;
}
