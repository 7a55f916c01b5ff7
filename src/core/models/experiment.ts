/**
 * One experiment end to end: split → fit recipe on train → train → evaluate on test, with the
 * baseline alongside and optional k-fold cross-validation on the training rows.
 */
import {
  compareToBaseline,
  evaluateClassification,
  evaluateRegression,
  primaryMetric,
  reportMetrics,
  sliceMetrics,
  type BaselineComparison,
  type EvaluationReport,
  type SliceReport,
} from '../evaluate';
import { fitRecipe, foldGroups, forTrees, kFolds, resolveFolds, splitRows, timeFolds, transformRecipe, withTargetRule, type FittedRecipe, type Recipe, type Split, type Transformed } from '../recipe';
import type { Table } from '../table';
import { explainModel, type ModelExplanation } from './explainModel';
import { predictAsync, disposeModel } from './predict';
import { trainModel } from './registry';
import { checkTestRows } from './testRows';
import type { EpochLog, ModelSpec, TrainData, TrainHooks, Trained } from './types';

/** Features holding ordinal category codes, which trees split as categories. */
export function categoricalFeatures(fitted: FittedRecipe): number[] {
  const names = new Set(fitted.steps.flatMap((s) => (s.kind === 'encode' && s.method === 'ordinal' ? s.columns.map((c) => c.name) : [])));
  return fitted.featureNames.flatMap((name, j) => (names.has(name) ? [j] : []));
}

export function toTrainData(t: Transformed, fitted: FittedRecipe, groups?: string[]): TrainData {
  if (!t.y) throw new Error(`The table has no target column '${fitted.target}'.`);
  const categorical = categoricalFeatures(fitted);
  return {
    task: fitted.task,
    // Read only by a model that needs the dense matrix: `transformRecipe` may build it on demand.
    get X() {
      return t.X;
    },
    ...(t.sparse ? { sparse: t.sparse } : {}),
    n: t.n,
    d: t.featureNames.length,
    y: t.y,
    numClasses: fitted.classes?.length ?? 1,
    ...(fitted.embeddings.length ? { embeddings: fitted.embeddings } : {}),
    ...(categorical.length ? { categorical } : {}),
    ...(groups ? { groups } : {}),
  };
}

/** Evaluates a trained model on transformed rows (reading predictions asynchronously, as WebGPU needs). */
export async function evaluateModel(model: Trained, t: Transformed, fitted: FittedRecipe): Promise<EvaluationReport> {
  return evaluateOutput(await predictAsync(model, t.X, t.n), t, fitted);
}

/** The report of a model's output (probabilities n × k or values) on transformed rows. */
function evaluateOutput(out: Float32Array, t: Transformed, fitted: FittedRecipe): EvaluationReport {
  if (fitted.task === 'regression') return evaluateRegression(t.y!, out);
  return evaluateClassification(t.y!, out, fitted.classes!);
}

export interface CvSummary {
  folds: number;
  /** The folds follow time (a time split): each tests on rows later than its training rows. */
  ordered?: boolean;
  /** Per metric: mean, sample sd and the fold values. */
  metrics: Record<string, { mean: number; sd: number; values: number[] }>;
}

export interface ExperimentResult {
  spec: ModelSpec;
  recipe: Recipe;
  fitted: FittedRecipe;
  /** `groups`: for a group split, how many groups went to each side. */
  rows: { train: number; test: number; missingTarget: number; unseenClass: number; groups?: Split['groups']; /** Rows the recipe's row steps (deduplicate, filter) left out. */ removedByRowSteps?: number };
  model: Trained;
  history: EpochLog[];
  bestEpoch?: number;
  options: Record<string, unknown>;
  report: EvaluationReport;
  metrics: Record<string, number>;
  baselineMetrics: Record<string, number>;
  comparison: BaselineComparison;
  cv?: CvSummary;
  /** Every model kind: permutation importance, partial dependence and per-row contributions on the test rows. */
  explanation?: ModelExplanation;
  /** Error analysis: metrics by slice of the test rows' source columns, weakest first (absent from runs made before it). */
  slices?: SliceReport;
  timings: { recipeMs: number; trainMs: number; evaluateMs: number; cvMs: number };
}

export interface ExperimentOptions {
  /** Evaluate on this table, training on every row of the main one. */
  testTable?: Table;
  /** Cross-validate on the training rows: true follows `recipe.split.folds`; a number forces k. Default false. */
  crossValidate?: boolean | number;
}

/**
 * The recipe a model kind trains on: trees skip the steps they do not need (`forTrees`) unless
 * their `recipeSteps` option asks for the recipe as written.
 */
export function recipeFor(recipe: Recipe, spec: ModelSpec): Recipe {
  const tree = spec.kind === 'gbdt' || spec.kind === 'forest';
  return tree && spec.options?.recipeSteps !== 'as-written' ? forTrees(recipe).recipe : recipe;
}

const removedRows = (train: Transformed, test: Transformed) => (train.removedByRowSteps ?? 0) + (test.removedByRowSteps ?? 0);

/** The caller owns `result.model` (free with `disposeModel`). */
export async function runExperiment(table: Table, recipe: Recipe, spec: ModelSpec, hooks: TrainHooks = {}, options: ExperimentOptions = {}): Promise<ExperimentResult> {
  const t0 = Date.now();
  // A derived target is computed from the file by the recipe's rule, so a run reproduces from the raw file.
  table = withTargetRule(table, recipe);
  if (options.testTable) options = { ...options, testTable: withTargetRule(options.testTable, recipe) };
  const split = options.testTable ? null : splitRows(table, recipe.target, recipe.split);
  const fitted = fitRecipe(table, recipeFor(recipe, spec), split?.train);
  const train = transformRecipe(fitted, table, split?.train);
  const test = options.testTable ? transformRecipe(fitted, options.testTable) : transformRecipe(fitted, table, split!.test);
  checkTestRows(test.n, train.n, recipe.target, options.testTable ? undefined : recipe.split.testFraction);
  const t1 = Date.now();
  const result = await trainModel(spec, toTrainData(train, fitted, foldGroups(table, recipe.split, train.rows)), hooks);
  const t2 = Date.now();
  const output = await predictAsync(result.model, test.X, test.n);
  const report = evaluateOutput(output, test, fitted);
  const slices = sliceMetrics(options.testTable ?? table, test.rows, fitted.inputSchema.map((c) => c.name), { task: fitted.task, y: test.y!, output, classes: fitted.classes?.length ?? 1 });
  const baseline = await trainModel({ kind: 'baseline' }, toTrainData(train, fitted));
  const baselineMetrics = reportMetrics(await evaluateModel(baseline.model, test, fitted));
  const metrics = reportMetrics(report);
  const main = primaryMetric(fitted.task);
  const explanation = await explainModel(result.model, test, fitted, { ...(hooks.signal ? { signal: hooks.signal } : {}), ...(hooks.onPhase ? { onPhase: hooks.onPhase } : {}) });
  const t3 = Date.now();
  const k = options.crossValidate === true ? resolveFolds(recipe.split, train.n) : typeof options.crossValidate === 'number' ? options.crossValidate : 0;
  const cv = k >= 2 ? await crossValidate(table, recipe, spec, train.rows, k, hooks.signal, (fold) => hooks.onPhase?.(`Cross-validating: fold ${fold} of ${k}…`)) : undefined;
  return {
    spec,
    recipe,
    fitted,
    rows: { train: train.n, test: test.n, missingTarget: (split?.missingTarget ?? train.missingTarget) + (options.testTable ? test.missingTarget : 0), unseenClass: test.unseenClass, ...(split?.groups ? { groups: split.groups } : {}), ...(removedRows(train, test) ? { removedByRowSteps: removedRows(train, test) } : {}) },
    model: result.model,
    history: result.history,
    ...(result.bestEpoch !== undefined ? { bestEpoch: result.bestEpoch } : {}),
    options: result.options,
    report,
    metrics,
    baselineMetrics,
    comparison: compareToBaseline(main, metrics[main], baselineMetrics[main]),
    slices,
    ...(cv ? { cv } : {}),
    ...(explanation ? { explanation } : {}),
    timings: { recipeMs: t1 - t0, trainMs: t2 - t1, evaluateMs: t3 - t2, cvMs: Date.now() - t3 },
  };
}

/** k-fold CV over `rows`: the recipe is refitted inside every fold, so no fold sees its test rows. `onFold` hears each fold (1-based) as it starts. */
export async function crossValidate(table: Table, recipe: Recipe, spec: ModelSpec, rows: Int32Array, k: number, signal?: AbortSignal, onFold?: (fold: number) => void): Promise<CvSummary> {
  const yColumn = table.columns.find((c) => c.name === recipe.target)!;
  const strata = recipe.task === 'regression' ? undefined : Array.from(rows, (i) => ('codes' in yColumn ? String(yColumn.codes[i]) : String(yColumn.values[i])));
  const values: Record<string, number[]> = {};
  let index = 0;
  const folds = recipe.split.method === 'time' ? timeFolds(table, recipe.split, rows, k) : kFolds(rows, k, recipe.split.seed, strata, foldGroups(table, recipe.split, rows));
  for (const fold of folds) {
    onFold?.(++index);
    const fitted = fitRecipe(table, recipeFor(recipe, spec), fold.train);
    const foldTrain = transformRecipe(fitted, table, fold.train);
    const { model } = await trainModel(spec, toTrainData(foldTrain, fitted, foldGroups(table, recipe.split, foldTrain.rows)), { ...(signal ? { signal } : {}) });
    try {
      const m = reportMetrics(await evaluateModel(model, transformRecipe(fitted, table, fold.test), fitted));
      for (const [name, v] of Object.entries(m)) (values[name] ??= []).push(v);
    } finally {
      disposeModel(model);
    }
  }
  const metrics: CvSummary['metrics'] = {};
  for (const [name, vs] of Object.entries(values)) {
    const mean = vs.reduce((s, v) => s + v, 0) / vs.length;
    const sd = vs.length > 1 ? Math.sqrt(vs.reduce((s, v) => s + (v - mean) ** 2, 0) / (vs.length - 1)) : 0;
    metrics[name] = { mean, sd, values: vs };
  }
  return { folds: k, ...(recipe.split.method === 'time' ? { ordered: true } : {}), metrics };
}
