/**
 * The explanation a finished experiment carries, for every model kind: permutation importance on
 * held-out rows, partial dependence with ICE lines for the top columns, and per-row contributions
 * (TreeSHAP for trees, coefficients for linear models, Shapley sampling for networks).
 */
import type { Importance, PredictFn } from '../evaluate';
import type { FittedRecipe, Transformed } from '../recipe';
import { modelImportance } from './explain';
import { denseForward } from './explain/denseForward';
import { toColumnUnits } from './explain/columnAxis';
import { dependenceCurves } from './explain/dependence';
import { actualOf, rowContributions, rowTargets } from './explain/rowContributions';
import type { ContributionSet, DependenceSet } from './explain/types';
import { predictAsync } from './predict';
import { explainTrees, type TreeExplanation } from './trees/explainTrees';
import { subsampleRows } from './trees/sampleRows';
import type { Trained } from './types';

export interface ModelExplanation {
  /** Drop in the primary metric when each input column is shuffled (5 repeats), on up to `rows` test rows. */
  permutation: Importance[];
  permutationRows: number;
  /** Partial dependence and ICE lines of the top columns by permutation importance. */
  dependence?: DependenceSet;
  /** Per-row contributions of models other than trees (trees carry theirs in `trees`). */
  contributions?: ContributionSet;
  trees?: TreeExplanation;
  /** The baseline predicts the same for every row: no input changes it. */
  constant?: boolean;
}

export interface ExplainHooks {
  signal?: AbortSignal;
  /** A phase change for people ("Explaining the model: …"). */
  onPhase?(message: string): void;
}

/** Permutation importance, partial dependence and sampling run on at most this many test rows. */
const PERMUTATION_ROWS = 5_000;

function subset(t: Transformed, rows: Int32Array): Transformed {
  const d = t.featureNames.length;
  const X = new Float32Array(rows.length * d);
  rows.forEach((r, i) => X.set(t.X.subarray(r * d, (r + 1) * d), i * d));
  const y = t.y ? (t.y instanceof Int32Array ? Int32Array.from(rows, (r) => t.y![r]) : Float32Array.from(rows, (r) => t.y![r])) : undefined;
  // The subset's rows are X's alone: the whole set's sparse rows stay behind.
  const { sparse: _, ...rest } = t;
  return { ...rest, X, n: rows.length, ...(y ? { y } : {}), rows: Int32Array.from(rows, (r) => t.rows[r]) };
}

export async function explainModel(model: Trained, test: Transformed, fitted: FittedRecipe, hooks: ExplainHooks = {}): Promise<ModelExplanation | undefined> {
  if (!test.y || test.n === 0) return undefined;
  const signal = hooks.signal ? { signal: hooks.signal } : {};
  const part = test.n > PERMUTATION_ROWS ? subset(test, subsampleRows(test.n, PERMUTATION_ROWS, 0)) : test;
  const predict: PredictFn = (model.kind === 'tf' ? await denseForward(model) : null) ?? ((X, n) => predictAsync(model, X, n));
  hooks.onPhase?.('Explaining the model: shuffling each input column…');
  const permutation = await modelImportance(model, part, fitted, { repeats: 5, seed: 0, predict, ...signal });
  const base = { permutation, permutationRows: part.n };
  if (model.kind === 'baseline') return { ...base, constant: true };
  const pred = await predictAsync(model, part.X, part.n);
  hooks.onPhase?.('Explaining the model: partial dependence of the top columns…');
  const dependence = await dependenceCurves(predict, part, fitted, permutation.map((p) => p.name), pred, { seed: 0, ...signal });
  hooks.onPhase?.('Explaining the model: contributions of single rows…');
  if (model.kind === 'tf') return { ...base, dependence, contributions: await rowContributions(model, predict, part, fitted, pred, { seed: 0, ...signal }) };
  const { errors, output } = rowTargets(fitted, part.y!, pred, part.n);
  const trees = explainTrees(model, {
    X: part.X,
    n: part.n,
    featureNames: part.featureNames,
    rows: part.rows,
    errors,
    outputOf: (i) => output[i],
    // A binary ensemble may have one output (the positive class's score) or one per class.
    outputName: (c) => (fitted.task === 'regression' ? fitted.target : fitted.task === 'binary' ? fitted.classes![1] : fitted.classes![c]),
    actualOf: (i) => actualOf(fitted, part.y![i]),
  });
  // A row's values in its columns' units, as the other kinds give them: a log step's 8.755 reads as the 6,343 votes the file holds.
  const units = new Map<string, (v: number) => number>();
  const unitsOf = (feature: string) => units.get(feature) ?? units.set(feature, toColumnUnits(fitted, feature)).get(feature)!;
  const rows = trees.rows.map((r) => ({ ...r, contributions: r.contributions.map((c) => ({ ...c, value: unitsOf(c.feature)(c.value) })) }));
  return { ...base, dependence, trees: { ...trees, rows } };
}
