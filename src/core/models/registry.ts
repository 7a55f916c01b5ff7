import { MODELS, modelsForTask } from './catalog';
import { trainBaseline } from './baseline/train';
import { trainLinear } from './linear/train';
import { trainLogistic } from './logistic/train';
import { trainMlp } from './mlp/train';
import { trainForest } from './trees/forest';
import { trainGbdt } from './trees/gbdt';
import type { SparseMatrix } from '../recipe';
import { TrainingError, type ModelKind, type ModelSpec, type TrainData, type TrainHooks, type TrainResult } from './types';

/**
 * Trains `spec` on `data`. Progress arrives through `hooks.onEpoch`; `hooks.signal` cancels.
 * The caller owns the returned model: free it with `disposeModel` when done.
 */
export async function trainModel(spec: ModelSpec, data: TrainData, hooks: TrainHooks = {}): Promise<TrainResult> {
  const meta = MODELS[spec.kind];
  if (!meta) throw new TrainingError(`Unknown model kind '${spec.kind}'; choose one of ${Object.keys(MODELS).join(', ')}.`);
  if (!meta.tasks.includes(data.task)) {
    throw new TrainingError(`${meta.label} does not support ${data.task} tasks; choose one of ${modelsForTask(data.task).map((m) => m.kind).join(', ')}.`);
  }
  if (data.n === 0) throw new TrainingError('There are no training rows; check the target column and the split.');
  // Trees send missing values (NaN) down a learned side, and the baseline never reads X (it is
  // trained on the tree's data in runExperiment); infinities have no place in any model.
  const nanOk = spec.kind === 'gbdt' || spec.kind === 'forest' || spec.kind === 'baseline';
  const bad = data.sparse ? firstBadSparse(data.sparse, nanOk) : firstBad(data.X, nanOk);
  if (bad >= 0) {
    const [row, column, value] = data.sparse ? sparseEntry(data.sparse, bad) : [Math.floor(bad / data.d), bad % data.d, data.X[bad]];
    throw new TrainingError(`Feature column ${column} (row ${row + 1}) holds ${value}; add an impute step (and clip or scale extreme values) to the recipe.`);
  }
  switch (spec.kind) {
    case 'baseline': return trainBaseline(data);
    case 'linear': return trainLinear(spec, data, hooks);
    case 'logistic': return trainLogistic(spec, data, hooks);
    case 'mlp': return trainMlp(spec, data, hooks);
    case 'gbdt': return trainGbdt(spec, data, hooks);
    case 'forest': return trainForest(spec, data, hooks);
  }
}

/** `firstBad` over the stored entries of sparse rows (the rest are zeros): its position in `values`, or −1. */
function firstBadSparse({ values }: SparseMatrix, nanOk: boolean): number {
  for (let q = 0; q < values.length; q++) {
    const v = values[q];
    if (v - v !== 0 && !(nanOk && v !== v)) return q;
  }
  return -1;
}

/** Row, column and value of stored entry `q` of `m`. */
function sparseEntry(m: SparseMatrix, q: number): [number, number, number] {
  let row = 0;
  while (m.indptr[row + 1] <= q) row++;
  return [row, m.indices[q], m.values[q]];
}

/** The first entry of `X` that no model may read (±Infinity, and NaN unless `nanOk`), or −1: a plain loop, as X can hold 10⁸ entries. */
function firstBad(X: Float32Array, nanOk: boolean): number {
  for (let i = 0; i < X.length; i++) {
    const v = X[i];
    if (v - v !== 0 && !(nanOk && v !== v)) return i;
  }
  return -1;
}
