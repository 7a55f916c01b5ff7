/**
 * `train --drop COL[,COL…]`: columns left out of the recipe (a drop step, as Prepare's "Drop"
 * button adds), and the warning that names a column the profile found leaking the target, with
 * the flag that leaves it out.
 */
import { leakageWarnings } from '../core/explain';
import type { Report } from '../core/profile';
import { withColumnDropped, type Recipe } from '../core/recipe';
import type { Table } from '../core/table';

/** The column names of a `--drop` value ("a,b"; spaces and empty items ignored), or a message naming what is wrong. */
export function readDropFlag(value: string | undefined, target: string): string[] | { error: string } {
  if (value === undefined) return [];
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) return { error: '--drop needs the columns to leave out, separated by commas (e.g. --drop id,notes).' };
  if (names.includes(target)) return { error: `--drop ${target}: that is the target column; choose another --target to leave it out.` };
  return names;
}

/** `recipe` with each of `drop` dropped; an error naming a column the file does not have. */
export function withDrops(recipe: Recipe, table: Pick<Table, 'columns'>, drop: readonly string[], file: string): Recipe | { error: string } {
  const have = new Set(table.columns.map((c) => c.name));
  const unknown = drop.find((name) => !have.has(name));
  if (unknown !== undefined) {
    const names = table.columns.map((c) => `"${c.name}"`);
    return { error: `--drop ${unknown}: "${file}" has no column "${unknown}". Its columns are ${names.slice(0, 30).join(', ')}${names.length > 30 ? `, and ${names.length - 30} more` : ''}.` };
  }
  return drop.reduce((r, name) => ({ ...r, steps: withColumnDropped(r.steps, name) }), recipe);
}

/** One stderr line per column the profile says predicts the target almost perfectly, and which the recipe still uses. */
export function leakageNotes(report: Pick<Report, 'alerts' | 'target'>, drop: readonly string[]): string[] {
  return leakageWarnings(report)
    .filter((w) => !drop.includes(w.column))
    .map((w) => `warning: ${w.sentence} Pass --drop ${/^[\w.-]+$/.test(w.column) ? w.column : JSON.stringify(w.column)} to leave it out.`);
}
