import { resolveOptions } from '../options';
import { trainNetwork } from '../mlp/train';
import { TrainingError, type ModelSpec, type TrainData, type TrainHooks, type TrainResult } from '../types';
import { logisticMeta } from './meta';

export function trainLogistic(spec: ModelSpec, data: TrainData, hooks: TrainHooks): Promise<TrainResult> {
  if (data.task === 'regression') throw new TrainingError('Logistic regression is for classification; use linear regression or the MLP for a numeric target.');
  return trainNetwork(spec, data, hooks, [], resolveOptions(logisticMeta, spec.options));
}
