import type { Task } from '../recipe';
import { baselineMeta } from './baseline/meta';
import { trainBaseline } from './baseline/train';
import { linearMeta } from './linear/meta';
import { trainLinear } from './linear/train';
import { logisticMeta } from './logistic/meta';
import { trainLogistic } from './logistic/train';
import { mlpMeta } from './mlp/meta';
import { trainMlp } from './mlp/train';
import type { ModelMeta } from './options';
import { TrainingError, type ModelKind, type ModelSpec, type TrainData, type TrainHooks, type TrainResult } from './types';

/** Every model kind with its metadata, in the order the UI lists them. */
export const MODELS: Record<ModelKind, ModelMeta> = {
  baseline: baselineMeta,
  linear: linearMeta,
  logistic: logisticMeta,
  mlp: mlpMeta,
};

export function modelsForTask(task: Task): ModelMeta[] {
  return Object.values(MODELS).filter((m) => m.tasks.includes(task));
}

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
  const bad = data.X.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new TrainingError(`Feature column ${bad % data.d} (row ${Math.floor(bad / data.d) + 1}) holds ${data.X[bad]}; add an impute step (and clip or scale extreme values) to the recipe.`);
  }
  switch (spec.kind) {
    case 'baseline': return trainBaseline(data);
    case 'linear': return trainLinear(spec, data, hooks);
    case 'logistic': return trainLogistic(spec, data, hooks);
    case 'mlp': return trainMlp(spec, data, hooks);
  }
}
