import * as tf from '@tensorflow/tfjs';
import { resolveOptions } from '../options';
import { loopConfig, outputFor, trainNetwork } from '../mlp/train';
import { buildNetwork } from '../network/build';
import { TrainingError, type EpochLog, type ModelSpec, type TrainData, type TrainHooks, type TrainResult } from '../types';
import { fitLbfgs } from './lbfgs';
import { logisticMeta } from './meta';
import { fitSparseLogistic, sparseParts } from './sparseFit';
import { SPARSE_DENSITY, SPARSE_MIN_WIDTH, trainingRows, type SparseRows } from './sparseRows';

export function trainLogistic(spec: ModelSpec, data: TrainData, hooks: TrainHooks): Promise<TrainResult> {
  if (data.task === 'regression') throw new TrainingError('Logistic regression is for classification; use linear regression or the MLP for a numeric target.');
  const options = resolveOptions(logisticMeta, spec.options);
  if (options.solver === 'lbfgs') return trainSparse(spec, data, hooks, options, trainingRows(data)!);
  // Mostly-zero features (TF-IDF terms) train on their non-zeros; a checkpoint to resume from is the dense loop's.
  const sparse = data.d >= SPARSE_MIN_WIDTH && !hooks.resumeFrom ? trainingRows(data, SPARSE_DENSITY) : null;
  if (!sparse) return trainNetwork(spec, data, hooks, [], options);
  return trainSparse(spec, data, hooks, options, sparse);
}

/** The same single-layer network as the dense loop's, its seeded initial weights fitted on sparse rows, then written back. */
async function trainSparse(spec: ModelSpec, data: TrainData, hooks: TrainHooks, options: Record<string, unknown>, sparse: SparseRows): Promise<TrainResult> {
  const seed = spec.seed ?? 0;
  const output = outputFor(data);
  const net = buildNetwork({ inputs: data.d, hidden: [], activation: 'relu', seed, ...output });
  try {
    const [kernel, bias] = net.model.getWeights();
    const init = new Float64Array(kernel.size + bias.size);
    init.set(kernel.dataSync());
    init.set(bias.dataSync(), kernel.size);
    const cfg = loopConfig(options, seed);
    let fit: { params: Float64Array; history: EpochLog[]; bestEpoch: number };
    if (options.solver === 'lbfgs') {
      // Every training row is fitted, as scikit-learn's solver does; given validation rows are only reported.
      const { train, valid, sample, weights } = sparseParts(sparse, data, { ...cfg, earlyStopping: false });
      const result = await fitLbfgs(train, sample, valid, output.outputs, init, { iterations: cfg.epochs, l2: cfg.l2, weights }, hooks);
      fit = { ...result, bestEpoch: result.history.length };
    } else fit = await fitSparseLogistic(sparse, data, output.outputs, init, cfg, hooks);
    const next = [tf.tensor2d(Float32Array.from(fit.params.subarray(0, kernel.size)), [data.d, output.outputs]), tf.tensor1d(Float32Array.from(fit.params.subarray(kernel.size)))];
    net.model.setWeights(next);
    tf.dispose(next);
    const model = { kind: 'tf' as const, modelKind: 'logistic' as const, task: data.task, numClasses: data.numClasses, model: net.model };
    return { model, history: fit.history, bestEpoch: fit.bestEpoch, options: options as TrainResult['options'] };
  } catch (e) {
    net.model.dispose();
    throw e;
  }
}
