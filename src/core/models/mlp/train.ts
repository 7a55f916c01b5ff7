import { resolveOptions } from '../options';
import { buildNetwork, type NetworkShape } from '../network/build';
import { fitNetwork, type LoopConfig } from '../network/loop';
import type { ModelSpec, TrainData, TrainHooks, TrainResult } from '../types';
import { mlpMeta } from './meta';

export function loopConfig(o: Record<string, unknown>, seed: number): LoopConfig {
  return {
    epochs: o.epochs as number,
    batchSize: o.batchSize as number,
    learningRate: o.learningRate as number,
    schedule: o.schedule as LoopConfig['schedule'],
    l2: o.l2 as number,
    dropout: (o.dropout as number | undefined) ?? 0,
    earlyStopping: o.earlyStopping as boolean,
    patience: o.patience as number,
    classWeight: o.classWeight as LoopConfig['classWeight'],
    validationFraction: o.validationFraction as number,
    seed,
  };
}

/** Output layer for the task: one sigmoid unit, k softmax units, or one linear unit. */
export function outputFor(data: TrainData): Pick<NetworkShape, 'outputs' | 'output'> {
  if (data.task === 'binary') return { outputs: 1, output: 'sigmoid' };
  if (data.task === 'multiclass') return { outputs: data.numClasses, output: 'softmax' };
  return { outputs: 1, output: 'linear' };
}

/**
 * Trains a network; the model is disposed if training fails or is cancelled. With
 * `useEmbeddings`, the columns in `data.embeddings` feed embedding layers (the MLP); otherwise
 * they are plain numbers (logistic regression stays linear).
 */
export async function trainNetwork(
  spec: ModelSpec,
  data: TrainData,
  hooks: TrainHooks,
  hidden: number[],
  options: Record<string, unknown>,
  activation: NetworkShape['activation'] = 'relu',
  useEmbeddings = false,
): Promise<TrainResult> {
  const seed = spec.seed ?? 0;
  const embeddings = useEmbeddings ? (data.embeddings ?? []) : [];
  const net = buildNetwork({ inputs: data.d, hidden, activation, seed, embeddings, ...outputFor(data) });
  const model = net.model;
  try {
    const { history, bestEpoch } = await fitNetwork(net, data, loopConfig(options, seed), hooks);
    const modelKind = spec.kind as 'mlp' | 'logistic' | 'linear';
    const trained = { kind: 'tf' as const, modelKind, task: data.task, numClasses: data.numClasses, model, ...(embeddings.length ? { embeddings } : {}) };
    return { model: trained, history, bestEpoch, options: options as TrainResult['options'] };
  } catch (e) {
    model.dispose();
    throw e;
  }
}

export function trainMlp(spec: ModelSpec, data: TrainData, hooks: TrainHooks): Promise<TrainResult> {
  const o = resolveOptions(mlpMeta, spec.options);
  const hidden = new Array<number>(o.layers as number).fill(o.units as number);
  return trainNetwork(spec, data, hooks, hidden, o, o.activation as NetworkShape['activation'], true);
}
