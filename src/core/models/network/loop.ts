/**
 * The training loop shared by logistic regression and the MLP. It is hand-written rather than
 * `model.fit` so that shuffling and dropout are seeded (fit shuffles with Math.random), a NaN
 * loss stops at once, and pause/abort are checked between batches.
 */
import * as tf from '@tensorflow/tfjs';
import { waitWhilePaused } from '../pause';
import { createRng, shuffleInPlace } from '../../stats';
import { TrainingError, type EpochLog, type TrainData, type TrainHooks } from '../types';
import { splitInputs, type Network } from './build';
import { epochBatches, targetMatrix, type Batch } from './batches';
import { balancedWeights, carveValidation, rowsOf, targetScale, type Part } from './data';
import { canStepDense, createDenseStep } from './denseStep';
import { splitsBatches } from './sharedGradient';
import { batchRows } from '../mlp/meta';
import { learningRateAt, type Schedule } from './schedule';
import { restoreCheckpoint, saveCheckpoint } from './checkpoint';
import { readBack } from './readBack';
import { nextTask } from '../../eventLoop';

export interface LoopConfig {
  epochs: number;
  /** Rows per batch; 0 picks it from the training rows (`batchRows`). */
  batchSize: number;
  learningRate: number;
  schedule: Schedule;
  /** Weight of Σ kernel² added to the loss. */
  l2: number;
  /** Drop rate after each hidden layer, [0, 1). */
  dropout: number;
  earlyStopping: boolean;
  /** Epochs without validation-loss improvement before stopping (and between plateau halvings). */
  patience: number;
  classWeight: 'none' | 'balanced';
  validationFraction: number;
  seed: number;
}

/** Training rows evaluated each epoch for the reported loss and metric. */
const MAX_EVAL_ROWS = 10_000;
/** Batches whose loss checks are read back together (one sync instead of one per batch: a GPU stall each). */
const CHECK_EVERY = 32;
const EPS = 1e-7;

export async function fitNetwork(net: Network, data: TrainData, cfg: LoopConfig, hooks: TrainHooks = {}) {
  const rng = createRng(cfg.seed);
  const { train, valid } = carveValidation(data, cfg.earlyStopping ? cfg.validationFraction : 0, cfg.seed + 1);
  const regression = data.task === 'regression';
  const scale = regression ? targetScale(train.y) : { mean: 0, sd: 1 };
  const layers = net.dense;
  const vars = net.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const kernels = layers.map((l) => l.trainableWeights[0].read());
  const toTensors = (p: Part) => ({
    X: tf.tensor2d(p.X, [p.n, data.d]),
    Y: tf.tidy(() => {
      if (regression) return tf.tensor2d(Float32Array.from(p.y, (v) => (v - scale.mean) / scale.sd), [p.n, 1]);
      if (data.task === 'binary') return tf.tensor2d(Float32Array.from(p.y), [p.n, 1]);
      return tf.oneHot(tf.tensor1d(Int32Array.from(p.y), 'int32'), data.numClasses).toFloat();
    }),
    n: p.n,
  });
  // The training loss and metric are measured on a fixed seeded sample of the training rows.
  const tr = toTensors(train.n > MAX_EVAL_ROWS ? rowsOf(train, data.d, shuffleInPlace(Int32Array.from({ length: train.n }, (_, i) => i), createRng(cfg.seed + 2)).slice(0, MAX_EVAL_ROWS)) : train);
  const va = valid ? toTensors(valid) : null;
  const weighted = cfg.classWeight === 'balanced' && !regression;
  const batches = epochBatches({ X: train.X, d: data.d, ...targetMatrix(train.y, data.task, data.numClasses, scale), W: weighted ? balancedWeights(train.y, data.numClasses) : null, n: train.n });
  // Dense stacks train with the hand-derived step; embeddings (and selu) go through the autodiff tape.
  const batchSize = batchRows(cfg.batchSize, train.n);
  const stepper = canStepDense(net) ? createDenseStep(net, vars, { task: data.task, learningRate: cfg.learningRate, l2: cfg.l2, dropout: cfg.dropout, batchSize, weighted, split: splitsBatches(train.n, batchSize) }) : null;
  const optimizer = stepper?.optimizer ?? tf.train.adam(cfg.learningRate);
  const checks: tf.Scalar[] = [];
  let best: tf.Tensor[] | null = null;
  const history: EpochLog[] = [];
  const started = Date.now() - (hooks.resumeFrom?.history.at(-1)?.elapsedMs ?? 0);

  const forward = (x: tf.Tensor, training: boolean) => {
    const inputs = splitInputs(net.plain, net.embeddings, x, data.d);
    const codes = net.plain.length > 0 ? inputs.slice(1) : inputs;
    const parts = [...(net.plain.length > 0 ? [inputs[0]] : []), ...net.embeddings.map((e, i) => (e.layer.apply(codes[i]) as tf.Tensor).reshape([x.shape[0], -1]))];
    let h = parts.length === 1 ? parts[0] : tf.concat(parts, 1);
    layers.forEach((layer, i) => {
      h = layer.apply(h) as tf.Tensor;
      if (training && cfg.dropout > 0 && i < layers.length - 1) {
        const keep = tf.randomUniform(h.shape, 0, 1, 'float32', rng.int(2 ** 31)).greaterEqual(cfg.dropout).toFloat();
        h = h.mul(keep).div(1 - cfg.dropout);
      }
    });
    return h;
  };
  /** Per-row loss (cross-entropy, or squared error in scaled units). */
  const rowLoss = (p: tf.Tensor, y: tf.Tensor): tf.Tensor1D => {
    if (regression) return p.sub(y).square().reshape([-1]) as tf.Tensor1D;
    const q = p.clipByValue(EPS, 1 - EPS);
    if (data.task === 'binary') return y.mul(q.log()).add(tf.sub(1, y).mul(tf.sub(1, q).log())).neg().reshape([-1]) as tf.Tensor1D;
    return y.mul(q.log()).sum(1).neg() as tf.Tensor1D;
  };
  /** One batch through the autodiff tape and tfjs-core's Adam; returns the batch's loss. */
  const tapeStep = (b: Batch): tf.Scalar =>
    tf.tidy(() => {
      const wb = b.w?.reshape([-1]);
      return optimizer.minimize(() => {
        const l = rowLoss(forward(b.x, true), b.y);
        const mean = wb ? l.mul(wb).mean() : l.mean();
        return cfg.l2 > 0 ? mean.add(tf.addN(kernels.map((k) => k.square().sum())).mul(cfg.l2)) : (mean as tf.Scalar);
      }, true, vars)!;
    });
  /** Reads the pending loss checks; throws naming the first batch whose loss was not finite. */
  const checkLosses = async (epoch: number, lastBatch: number, lr: number) => {
    const stacked = tf.stack(checks);
    let values: Float32Array | Int32Array | Uint8Array;
    try {
      values = await readBack(stacked);
    } finally {
      tf.dispose([stacked, ...checks.splice(0)]);
    }
    const i = values.findIndex((c) => !Number.isFinite(c));
    if (i >= 0) throw lossError(values[i], epoch, lastBatch - values.length + i + 1, lr);
  };
  /** Loss and metric (accuracy or RMSE in target units) in inference mode. */
  const evaluate = async (x: tf.Tensor, y: tf.Tensor): Promise<[number, number]> => {
    const both = tf.tidy(() => {
      const p = forward(x, false);
      const loss = rowLoss(p, y).mean();
      if (regression) return tf.stack([loss, loss.sqrt()]);
      const hit = data.task === 'binary' ? p.greaterEqual(0.5).toFloat().equal(y) : p.argMax(1).equal(y.argMax(1));
      return tf.stack([loss, hit.toFloat().mean()]);
    });
    const values = await readBack(both).finally(() => both.dispose());
    const out: [number, number] = [values[0], values[1]];
    return regression ? [out[0] * scale.sd ** 2, out[1] * scale.sd] : out;
  };

  try {
    let bestLoss = Infinity;
    let bestEpoch = 0;
    let since = 0;
    let lr = cfg.learningRate;
    const order = Int32Array.from({ length: train.n }, (_, i) => i);
    // A checkpoint (from a run that lost its GPU) puts back the state at the end of its epoch.
    const resumed = hooks.resumeFrom ? await restoreCheckpoint({ vars, optimizer, rng, order }, hooks.resumeFrom) : null;
    if (resumed) {
      ({ bestLoss, bestEpoch, since, learningRate: lr } = resumed.state);
      best = resumed.best;
      history.push(...resumed.state.history);
      (optimizer as unknown as { learningRate: number }).learningRate = lr;
    }
    stepper?.pull();
    for (let epoch = (resumed?.state.epoch ?? 0) + 1; epoch <= (resumed?.state.done ? 0 : cfg.epochs); epoch++) {
      shuffleInPlace(order, rng);
      batches.shuffle(order);
      const helpedBefore = stepper?.helped() ?? 0;
      for (let start = 0, batch = 1; start < train.n; start += batchSize, batch++) {
        await waitWhilePaused(hooks);
        const end = Math.min(train.n, start + batchSize);
        if (stepper) {
          const watch = stepper.step(batches.rows(start, end), () => rng.int(2 ** 31));
          if (typeof watch === 'number') {
            if (!Number.isFinite(watch)) throw lossError(watch, epoch, batch, lr);
          } else checks.push(watch);
        } else {
          const b = batches.batch(start, end);
          try {
            checks.push(tapeStep(b));
          } finally {
            tf.dispose([b.x, b.y, ...(b.w ? [b.w] : [])]);
          }
        }
        if (checks.length === CHECK_EVERY || (end === train.n && checks.length > 0)) await checkLosses(epoch, batch, lr);
      }
      stepper?.push();
      const [loss, metric] = await evaluate(tr.X, tr.Y);
      const [valLoss, valMetric] = va ? await evaluate(va.X, va.Y) : [null, null];
      const monitored = valLoss ?? loss;
      if (monitored < bestLoss) {
        bestLoss = monitored;
        bestEpoch = epoch;
        since = 0;
        if (best) tf.dispose(best);
        best = vars.map((v) => v.clone());
      } else since++;
      const log: EpochLog = { epoch, loss, valLoss, metric, valMetric, elapsedMs: Date.now() - started, learningRate: lr, threads: (stepper?.helped() ?? 0) > helpedBefore ? 2 : 1 };
      history.push(log);
      hooks.onEpoch?.(log);
      const stop = cfg.earlyStopping && since >= cfg.patience;
      if (!stop) lr = learningRateAt(cfg.schedule, cfg.learningRate, epoch + 1, cfg.epochs, lr, since, Math.max(1, Math.floor(cfg.patience / 2)));
      (optimizer as unknown as { learningRate: number }).learningRate = lr;
      if (hooks.onCheckpoint) hooks.onCheckpoint(await saveCheckpoint({ vars, optimizer, rng, order }, best, { epoch, done: stop || epoch === cfg.epochs, bestLoss, bestEpoch, since, learningRate: lr, history }));
      if (stop) break;
      // Let progress messages and abort signals through between epochs.
      await nextTask();
    }
    if (best && cfg.earlyStopping) vars.forEach((v, i) => v.assign(best![i]));
    if (regression) foldTargetScale(layers[layers.length - 1], scale);
    return { history, bestEpoch: cfg.earlyStopping ? bestEpoch : history.length };
  } finally {
    tf.dispose([tr.X, tr.Y, ...(va ? [va.X, va.Y] : []), ...(best ?? []), ...checks]);
    if (stepper) stepper.dispose();
    else optimizer.dispose();
  }
}

function lossError(value: number, epoch: number, batch: number, lr: number): TrainingError {
  return new TrainingError(`Training loss became ${value} at epoch ${epoch}, batch ${batch}. Lower the learning rate (now ${lr}) or scale the features (add a scale step to the recipe).`);
}


/** Folds the target standardisation into the output layer so the model predicts in target units. */
function foldTargetScale(last: tf.layers.Layer, scale: { mean: number; sd: number }) {
  const [w, b] = last.getWeights();
  const next = tf.tidy(() => [w.mul(scale.sd), b.mul(scale.sd).add(scale.mean)]);
  last.setWeights(next);
  tf.dispose(next);
}
