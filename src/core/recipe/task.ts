/** Choosing the learning task from the target column, and encoding the target as y. */
import { booleanWord, isNumeric, type Column } from '../table';
import type { Task } from './types';
import { RecipeError } from './errors';

export interface TaskInference {
  task: Task;
  /** Class labels in code order (classification). */
  classes?: string[];
  /** Why, in a sentence for the UI. */
  reason: string;
}

/** Integer targets with at most this many distinct values are treated as classes. */
export const MAX_INTEGER_CLASSES = 10;

/**
 * Rules, in order:
 * - text, categorical, identifier or boolean → classification: 2 classes binary, more multiclass;
 * - integer-valued numbers with ≤ 10 distinct values → classification (2 → binary);
 * - other numbers → regression; datetimes cannot be a target.
 * Fewer than two distinct values is an error.
 */
export function inferTask(column: Column): TaskInference {
  const labels = targetLabels(column);
  if (column.type === 'datetime') {
    throw new RecipeError(`Target '${column.name}' is a datetime; pick a numeric or categorical target, or derive one (e.g. the year).`, { column: column.name });
  }
  if (labels.length === 0) {
    throw new RecipeError(`Target '${column.name}' is empty in every row, so there is nothing to learn. Pick the column that holds what to predict, or fill this one in the file.`, { column: column.name });
  }
  if (labels.length === 1) {
    throw new RecipeError(`Target '${column.name}' holds one value ('${labels[0]}') in every row; a model needs at least two different values to learn from. Pick another target, or add rows with other values.`, { column: column.name });
  }
  const classification = (why: string): TaskInference => ({
    task: labels.length === 2 ? 'binary' : 'multiclass',
    classes: labels,
    reason: `${why}: ${labels.length} classes.`,
  });
  if (!isNumeric(column)) return classification(`'${column.name}' is ${column.type}`);
  if (column.type === 'boolean') return classification(`'${column.name}' is boolean`);
  const integral = column.values.every((v) => Number.isNaN(v) || Number.isInteger(v));
  if (integral && labels.length <= MAX_INTEGER_CLASSES) {
    return classification(`'${column.name}' holds whole numbers with at most ${MAX_INTEGER_CLASSES} distinct values`);
  }
  return { task: 'regression', reason: `'${column.name}' is numeric with ${integral ? 'more than ' + MAX_INTEGER_CLASSES : 'fractional'} values.` };
}

/** Distinct non-missing labels, sorted (numbers numerically, strings by code unit like sklearn). */
export function targetLabels(column: Column): string[] {
  if (isNumeric(column)) {
    const distinct = [...new Set(column.values)].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    return distinct.map((v) => labelOf(column, v));
  }
  const used = new Set<string>();
  for (const code of column.codes) if (code >= 0) used.add(column.dictionary[code]);
  return [...used].sort();
}

function labelOf(column: Column, v: number): string {
  return column.type === 'boolean' ? booleanWord(column, v) : String(v);
}

/** The label of row i, or null when missing. */
export function rowLabel(column: Column, i: number): string | null {
  if (isNumeric(column)) return Number.isNaN(column.values[i]) ? null : labelOf(column, column.values[i]);
  return column.codes[i] < 0 ? null : column.dictionary[column.codes[i]];
}

/** Whether row i of the target is missing. */
export function targetMissing(column: Column, i: number): boolean {
  return isNumeric(column) ? Number.isNaN(column.values[i]) : column.codes[i] < 0;
}

/** Checks that a user-chosen task fits the target column. */
export function checkTask(column: Column, task: Task): void {
  if (task === 'regression' && !isNumeric(column)) {
    throw new RecipeError(`Task is regression but target '${column.name}' is ${column.type}; choose classification or a numeric target.`, { column: column.name });
  }
  if (task === 'binary' && targetLabels(column).length !== 2) {
    throw new RecipeError(`Task is binary but target '${column.name}' has ${targetLabels(column).length} classes; choose multiclass.`, { column: column.name });
  }
}
