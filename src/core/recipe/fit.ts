/** Fitting a recipe on training rows, and applying the fitted recipe to any table. */
import { isBooleanPair, isNumeric, type Column, type Table } from '../table';
import type { FittedRecipe, Recipe, Transformed } from './types';
import { RecipeError } from './errors';
import { findColumn, subsetRows, targetColumn } from './frame';
import { applyStep, encodedNames, fitStep, outlineText, textRows, textTail, type TextRows } from './steps';
import { denseRows, sparseFeatures } from './sparseFeatures';
import { isColumnStep, isRowStep, keepRows } from './rowSteps';
import { noInputsError } from './noInputs';
import { checkTask, rowLabel, targetLabels, targetMissing } from './task';

const where = (i: number, kind: string) => `Step ${i + 1} (${kind})`;

/** The feature columns (all but the target) of the rows that have a target. */
function featureRows(table: Table, target: string, rows?: ArrayLike<number>) {
  const y = table.columns.find((c) => c.name === target);
  const all = rows ?? Int32Array.from({ length: table.rowCount }, (_, i) => i);
  const kept: number[] = [];
  for (let r = 0; r < all.length; r++) if (!y || !targetMissing(y, all[r])) kept.push(all[r]);
  const features = { ...table, columns: table.columns.filter((c) => c.name !== target) };
  return { y, kept, missingTarget: all.length - kept.length, features };
}

/**
 * Learns every step's parameters from `trainRows` of `table` (default: all rows). Rows with a
 * missing target, or removed by a row step, are left out. The target is never visible to the steps.
 * Row steps are kept aside in `rowSteps`, out of the fitted `steps` that the scorer replays.
 */
export function fitRecipe(table: Table, recipe: Recipe, trainRows?: ArrayLike<number>): FittedRecipe {
  const yColumn = targetColumn(table, recipe.target);
  checkTask(yColumn, recipe.task);
  const { kept: withTarget, features } = featureRows(table, recipe.target, trainRows);
  const { kept } = keepRows(table, recipe.steps, withTarget);
  if (withTarget.length === 0) throw new RecipeError(`No training rows have a value for target '${recipe.target}'.`);
  if (kept.length === 0) throw new RecipeError(`The recipe's row steps (deduplicate, filter) leave no training rows; loosen or remove them.`);
  const inputs = subsetRows(features, kept);
  let current = inputs;
  const steps = recipe.steps.flatMap((step, i) => {
    if (!isColumnStep(step)) return [];
    const fitted = fitStep(step, current, where(i, step.kind));
    // Only names and types matter past the last step that reads columns: a trailing text step's terms are not materialised.
    current = fitted.kind === 'text' && textTail(recipe.steps, i, isColumnStep) ? outlineText(fitted, current, where(i, step.kind)) : applyStep(fitted, current, where(i, step.kind));
    return [fitted];
  });
  const rowSteps = recipe.steps.filter(isRowStep);
  const text = current.columns.find((c) => !isNumeric(c));
  if (text) {
    throw new RecipeError(`Column '${text.name}' is still ${text.type} after the recipe; add an encode step for it or drop it.`, { column: text.name });
  }
  const featureNames = current.columns.map((c) => c.name);
  if (featureNames.length === 0) throw noInputsError(inputs, recipe.steps, recipe.target);
  const classes = recipe.task === 'regression' ? undefined : targetLabels(subsetRows({ ...table, columns: [yColumn] }, kept).columns[0]);
  const embeddings = steps.flatMap((s) =>
    s.kind === 'encode' && s.method === 'embedding'
      ? s.columns.map((c) => ({ feature: featureNames.indexOf(encodedNames('embedding', c)[0]), size: c.vocabulary.length + 1 }))
      : [],
  );
  return {
    version: 1,
    target: recipe.target,
    task: recipe.task,
    ...(classes ? { classes } : {}),
    inputSchema: features.columns.map((c) => ({ name: c.name, type: c.type, ...((c.type === 'datetime' || c.type === 'boolean') && isNumeric(c) && c.format ? { format: c.format } : {}) })),
    steps,
    featureNames,
    embeddings: embeddings.filter((e) => e.feature >= 0),
    trainRows: kept.length,
    ...(rowSteps.length ? { rowSteps: structuredClone(rowSteps) } : {}),
  };
}

/**
 * Applies fitted parameters to `rows` of `table` (default all). Rows without a target, or whose
 * class was not seen in training, or removed by the recipe's row steps, are left out and counted;
 * a table without the target column (scoring) keeps every row and returns no `y`.
 */
export function transformRecipe(fitted: FittedRecipe, table: Table, rows?: ArrayLike<number>): Transformed {
  const { y: yColumn, kept: withTarget, missingTarget, features } = featureRows(table, fitted.target, rows);
  // Row steps belong to training and evaluation, which carry the target; scoring keeps every row.
  const { kept, removed } = yColumn && fitted.rowSteps ? keepRows(table, fitted.rowSteps, withTarget) : { kept: withTarget, removed: 0 };
  const classIndex = new Map((fitted.classes ?? []).map((c, i) => [c, i]));
  const labelOf = classLabeller(fitted, yColumn);
  let used = kept;
  let unseenClass = 0;
  if (yColumn && fitted.classes) {
    used = kept.filter((i) => classIndex.has(labelOf(i)!));
    unseenClass = kept.length - used.length;
  }
  const missing = fitted.inputSchema.filter((c) => !features.columns.some((f) => f.name === c.name));
  if (missing.length > 0) {
    const named = table.name ? `'${table.name}'` : 'The table';
    throw new RecipeError(`${named} lacks column(s) ${missing.map((c) => `'${c.name}'`).join(', ')} that the model was trained with; add them (empty is fine) or retrain on this file's columns.`);
  }
  let current = subsetRows({ ...features, columns: fitted.inputSchema.map((c) => findColumn(features, c.name, 'The input')) }, used);
  // Trailing text steps go straight into X as sparse rows, never as a dense column per term.
  const sparse: TextRows[] = [];
  fitted.steps.forEach((step, i) => {
    if (step.kind === 'text' && textTail(fitted.steps, i)) sparse.push(...textRows(step, current, where(i, step.kind)));
    else current = applyStep(step, current, where(i, step.kind));
  });
  const n = used.length;
  const d = fitted.featureNames.length;
  const valuesOf = (name: string) => {
    const column = findColumn(current, name, 'The fitted feature list');
    if (!isNumeric(column)) throw new RecipeError(`Feature '${name}' is ${column.type} after the recipe; refit the recipe.`, { column: name });
    return column.values;
  };
  let y: Float32Array | Int32Array | undefined;
  if (yColumn) {
    if (fitted.classes) y = Int32Array.from(used, (i) => classIndex.get(labelOf(i)!)!);
    else if (isNumeric(yColumn)) y = Float32Array.from(used, (i) => yColumn.values[i]);
  }
  const rest = { n, featureNames: fitted.featureNames, ...(y ? { y } : {}), rows: Int32Array.from(used), missingTarget, unseenClass, ...(removed ? { removedByRowSteps: removed } : {}) };
  if (sparse.length) {
    const matrix = sparseFeatures(sparse, fitted.featureNames, n, valuesOf);
    let X: Float32Array | undefined;
    return { get X() { return (X ??= denseRows(matrix)); }, sparse: matrix, ...rest };
  }
  const X = new Float32Array(n * d);
  fitted.featureNames.forEach((name, j) => {
    const values = valuesOf(name);
    for (let i = 0; i < n; i++) X[i * d + j] = values[i];
  });
  return { X, ...rest };
}

/**
 * The class label of each row of the target: a boolean target by value (the file at hand may write
 * "yes" where training wrote "Yes", or true where an older model says "true"), others by label.
 */
function classLabeller(fitted: FittedRecipe, y: Column | null | undefined): (i: number) => string | null {
  const classes = fitted.classes;
  if (y && isNumeric(y) && y.type === 'boolean' && classes && isBooleanPair(classes)) {
    return (i) => (y.values[i] === 1 ? classes[1] : y.values[i] === 0 ? classes[0] : null);
  }
  return (i) => (y ? rowLabel(y, i) : null);
}
