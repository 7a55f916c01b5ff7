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
  type BaselineComparison,
  type EvaluationReport,
} from '../evaluate';
import { fitRecipe, forTrees, kFolds, resolveFolds, splitRows, transformRecipe, type FittedRecipe, type Recipe, type Transformed } from '../recipe';
import type { Table } from '../table';
import { explainModel, type ModelExplanation } from './explainModel';
import { predictAsync, disposeModel } from './predict';
import { trainModel } from './registry';
import type { EpochLog, ModelSpec, TrainData, TrainHooks, Trained } from './types';

/** Features holding ordinal category codes, which trees split as categories. */
export function categoricalFeatures(fitted: FittedRecipe): number[] {
  const names = new Set(fitted.steps.flatMap((s) => (s.kind === 'encode' && s.method === 'ordinal' ? s.columns.map((c) => c.name) : [])));
  return fitted.featureNames.flatMap((name, j) => (names.has(name) ? [j] : []));
}

export function toTrainData(t: Transformed, fitted: FittedRecipe): TrainData {
  if (!t.y) throw new Error(`The table has no target column '${fitted.target}'.`);
  const categorical = categoricalFeatures(fitted);
  return {
    task: fitted.task,
    X: t.X,
    n: t.n,
    d: t.featureNames.length,
    y: t.y,
    numClasses: fitted.classes?.length ?? 1,
    ...(fitted.embeddings.length ? { embeddings: fitted.embeddings } : {}),
    ...(categorical.length ? { categorical } : {}),
  };
}

/** Evaluates a trained model on transformed rows (reading predictions asynchronously, as WebGPU needs). */
export async function evaluateModel(model: Trained, t: Transformed, fitted: FittedRecipe): Promise<EvaluationReport> {
  const out = await predictAsync(model, t.X, t.n);
  if (fitted.task === 'regression') return evaluateRegression(t.y!, out);
  return evaluateClassification(t.y!, out, fitted.classes!);
}

export interface CvSummary {
  folds: number;
  /** Per metric: mean, sample sd and the fold values. */
  metrics: Record<string, { mean: number; sd: number; values: number[] }>;
}

export interface ExperimentResult {
  spec: ModelSpec;
  recipe: Recipe;
  fitted: FittedRecipe;
  rows: { train: number; test: number; missingTarget: number; unseenClass: number };
  model: Trained;
  history: EpochLog[];
  bestEpoch?: number;
  options: Record<string, unknown>;
  report: EvaluationReport;
  metrics: Record<string, number>;
  baselineMetrics: Record<string, number>;
  comparison: BaselineComparison;
  cv?: CvSummary;
  /** Tree models: importance (split gain, permutation) and TreeSHAP contributions on the test rows. */
  explanation?: ModelExplanation;
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

/** The caller owns `result.model` (free with `disposeModel`). */
export async function runExperiment(table: Table, recipe: Recipe, spec: ModelSpec, hooks: TrainHooks = {}, options: ExperimentOptions = {}): Promise<ExperimentResult> {
  const t0 = Date.now();
  const split = options.testTable ? null : splitRows(table, recipe.target, recipe.split);
  const fitted = fitRecipe(table, recipeFor(recipe, spec), split?.train);
  const train = transformRecipe(fitted, table, split?.train);
  const test = options.testTable ? transformRecipe(fitted, options.testTable) : transformRecipe(fitted, table, split!.test);
  const t1 = Date.now();
  const result = await trainModel(spec, toTrainData(train, fitted), hooks);
  const t2 = Date.now();
  const report = await evaluateModel(result.model, test, fitted);
  const baseline = await trainModel({ kind: 'baseline' }, toTrainData(train, fitted));
  const baselineMetrics = reportMetrics(await evaluateModel(baseline.model, test, fitted));
  const metrics = reportMetrics(report);
  const main = primaryMetric(fitted.task);
  const explanation = result.model.kind === 'trees' ? await explainModel(result.model, test, fitted, hooks.signal) : undefined;
  const t3 = Date.now();
  const k = options.crossValidate === true ? resolveFolds(recipe.split, train.n) : typeof options.crossValidate === 'number' ? options.crossValidate : 0;
  const cv = k >= 2 ? await crossValidate(table, recipe, spec, train.rows, k, hooks.signal) : undefined;
  return {
    spec,
    recipe,
    fitted,
    rows: { train: train.n, test: test.n, missingTarget: (split?.missingTarget ?? train.missingTarget) + (options.testTable ? test.missingTarget : 0), unseenClass: test.unseenClass },
    model: result.model,
    history: result.history,
    ...(result.bestEpoch !== undefined ? { bestEpoch: result.bestEpoch } : {}),
    options: result.options,
    report,
    metrics,
    baselineMetrics,
    comparison: compareToBaseline(main, metrics[main], baselineMetrics[main]),
    ...(cv ? { cv } : {}),
    ...(explanation ? { explanation } : {}),
    timings: { recipeMs: t1 - t0, trainMs: t2 - t1, evaluateMs: t3 - t2, cvMs: Date.now() - t3 },
  };
}

/** k-fold CV over `rows`: the recipe is refitted inside every fold, so no fold sees its test rows. */
export async function crossValidate(table: Table, recipe: Recipe, spec: ModelSpec, rows: Int32Array, k: number, signal?: AbortSignal): Promise<CvSummary> {
  const yColumn = table.columns.find((c) => c.name === recipe.target)!;
  const strata = recipe.task === 'regression' ? undefined : Array.from(rows, (i) => ('codes' in yColumn ? String(yColumn.codes[i]) : String(yColumn.values[i])));
  const values: Record<string, number[]> = {};
  for (const fold of kFolds(rows, k, recipe.split.seed, strata)) {
    const fitted = fitRecipe(table, recipeFor(recipe, spec), fold.train);
    const { model } = await trainModel(spec, toTrainData(transformRecipe(fitted, table, fold.train), fitted), { ...(signal ? { signal } : {}) });
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
  return { folds: k, metrics };
}
