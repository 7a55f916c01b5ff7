/** The explanation a finished experiment carries: permutation importance and, for trees, TreeSHAP. */
import type { Importance } from '../evaluate';
import type { FittedRecipe, Transformed } from '../recipe';
import { modelImportance } from './explain';
import { explainTrees, type TreeExplanation } from './trees/explainTrees';
import { predictTrees } from './trees/predictTrees';
import { subsampleRows } from './trees/sampleRows';
import type { TreeEnsemble } from './trees/types';

export interface ModelExplanation {
  /** Drop in the primary metric when each input column is shuffled (5 repeats), on up to `rows` test rows. */
  permutation: Importance[];
  permutationRows: number;
  trees?: TreeExplanation;
}

/** Permutation importance runs on at most this many test rows. */
const PERMUTATION_ROWS = 5_000;

function subset(t: Transformed, rows: Int32Array): Transformed {
  const d = t.featureNames.length;
  const X = new Float32Array(rows.length * d);
  rows.forEach((r, i) => X.set(t.X.subarray(r * d, (r + 1) * d), i * d));
  const y = t.y ? (t.y instanceof Int32Array ? Int32Array.from(rows, (r) => t.y![r]) : Float32Array.from(rows, (r) => t.y![r])) : undefined;
  return { ...t, X, n: rows.length, ...(y ? { y } : {}), rows: Int32Array.from(rows, (r) => t.rows[r]) };
}

export async function explainModel(model: TreeEnsemble, test: Transformed, fitted: FittedRecipe, signal?: AbortSignal): Promise<ModelExplanation | undefined> {
  if (!test.y || test.n === 0) return undefined;
  const part = test.n > PERMUTATION_ROWS ? subset(test, subsampleRows(test.n, PERMUTATION_ROWS, 0)) : test;
  const permutation = await modelImportance(model, part, fitted, { repeats: 5, seed: 0, ...(signal ? { signal } : {}) });
  const out = predictTrees(model, test.X, test.n);
  const k = fitted.classes?.length ?? 1;
  const errors = new Float64Array(test.n);
  const predicted = new Int32Array(test.n);
  for (let i = 0; i < test.n; i++) {
    if (fitted.task === 'regression') errors[i] = Math.abs(out[i] - test.y[i]);
    else {
      errors[i] = 1 - out[i * k + test.y[i]];
      for (let c = 1; c < k; c++) if (out[i * k + c] > out[i * k + predicted[i]]) predicted[i] = c;
    }
  }
  const trees = explainTrees(model, {
    X: test.X,
    n: test.n,
    featureNames: test.featureNames,
    rows: test.rows,
    errors,
    outputOf: (i) => predicted[i],
    outputName: (c) => (fitted.task === 'regression' ? fitted.target : fitted.task === 'binary' ? fitted.classes![1] : fitted.classes![c]),
  });
  return { permutation, permutationRows: part.n, trees };
}
