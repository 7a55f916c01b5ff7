import * as tf from '@tensorflow/tfjs';
import { resolveOptions } from '../options';
import { TrainingError, type ModelSpec, type TrainData, type TrainHooks, type TrainResult } from '../types';
import { linearMeta } from './meta';
import { ridge } from './solve';

/** Solves ridge exactly, then stores the coefficients in a one-layer TF.js model for saving and scoring. */
export async function trainLinear(spec: ModelSpec, data: TrainData, hooks: TrainHooks): Promise<TrainResult> {
  if (data.task !== 'regression') throw new TrainingError('Linear regression needs a numeric target; use logistic regression for classes.');
  if (hooks.signal?.aborted) throw new DOMException('Training was cancelled.', 'AbortError');
  const o = resolveOptions(linearMeta, spec.options);
  const started = Date.now();
  const { w, b } = ridge(data.X, data.y, data.n, data.d, o.l2 as number);
  if (!w.every(Number.isFinite) || !Number.isFinite(b)) {
    throw new TrainingError('Linear regression produced non-finite coefficients; scale the features or raise the ridge penalty.');
  }
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [data.d] })] });
  const weights = [tf.tensor2d(Float32Array.from(w), [data.d, 1]), tf.tensor1d([b])];
  model.setWeights(weights);
  tf.dispose(weights);
  let se = 0;
  for (let i = 0; i < data.n; i++) {
    let p = b;
    for (let j = 0; j < data.d; j++) p += w[j] * data.X[i * data.d + j];
    se += (p - data.y[i]) ** 2;
  }
  const log = { epoch: 1, loss: se / data.n, valLoss: null, metric: Math.sqrt(se / data.n), valMetric: null, elapsedMs: Date.now() - started };
  hooks.onEpoch?.(log);
  return { model: { kind: 'tf', modelKind: 'linear', task: 'regression', numClasses: 1, model }, history: [log], options: o };
}
