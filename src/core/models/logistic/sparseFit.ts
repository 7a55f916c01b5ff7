/**
 * Logistic regression trained on sparse rows with the network loop's recipe: the same seeded
 * validation carve-out, row order per epoch, mini-batches, Adam, L2 penalty, schedule, early
 * stopping and per-epoch log, so options mean what they mean for dense data. A batch costs its
 * non-zero entries plus one pass over the weights, where the dense step multiplies every zero.
 * Arithmetic is float64 in plain JavaScript: the same data, options and seed give the same weights.
 */
import { createRng, shuffleInPlace } from '../../stats';
import { groupTestPositions } from '../../recipe';
import { waitWhilePaused } from '../pause';
import { balancedWeights } from '../network/data';
import { learningRateAt } from '../network/schedule';
import { batchRows } from '../mlp/meta';
import type { LoopConfig } from '../network/loop';
import { TrainingError, type EpochLog, type TrainData, type TrainHooks } from '../types';
import { allRows, sparseRowsOf, type SparseRows } from './sparseRows';
import { sparseStepper, type SparsePart } from './sparseStep';
import { nextTask } from '../../eventLoop';

/** Training rows evaluated each epoch for the reported loss and metric (as the network loop). */
const MAX_EVAL_ROWS = 10_000;

/** Rows `rows` of sparse rows, in that order. */
function selectRows(x: SparseRows, rows: ArrayLike<number>): SparseRows {
  let nnz = 0;
  for (let i = 0; i < rows.length; i++) nnz += x.indptr[rows[i] + 1] - x.indptr[rows[i]];
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const from = x.indptr[rows[i]];
    const to = x.indptr[rows[i] + 1];
    indices.set(x.indices.subarray(from, to), k);
    values.set(x.values.subarray(from, to), k);
    k += to - from;
    indptr[i + 1] = k;
  }
  return { n: rows.length, d: x.d, indptr, indices, values };
}

function partOf(all: SparsePart, rows: ArrayLike<number>): SparsePart {
  const y = all.y instanceof Int32Array ? new Int32Array(rows.length) : new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) y[i] = all.y[rows[i]];
  return { x: selectRows(all.x, rows), y };
}

/** The network loop's `carveValidation`, choosing the same rows, on sparse rows. */
function carve(all: SparsePart, data: TrainData, fraction: number, seed: number): { train: SparsePart; valid: SparsePart | null } {
  if (data.validation) {
    const x = sparseRowsOf(data.validation.X, data.d, allRows(data.validation.n))!;
    return { train: all, valid: { x, y: data.validation.y } };
  }
  const nValid = Math.round(data.n * fraction);
  if (fraction <= 0 || nValid < 10 || data.n - nValid < 10) return { train: all, valid: null };
  if (data.groups && new Set(data.groups).size >= 2) {
    const valid = new Set(groupTestPositions(data.groups, fraction, createRng(seed), 'group'));
    if (valid.size < 10 || data.n - valid.size < 10) return { train: all, valid: null };
    const rows = Array.from({ length: data.n }, (_, i) => i);
    return { train: partOf(all, rows.filter((i) => !valid.has(i))), valid: partOf(all, rows.filter((i) => valid.has(i))) };
  }
  const order = shuffleInPlace(allRows(data.n), createRng(seed));
  return { train: partOf(all, order.subarray(nValid).sort()), valid: partOf(all, order.subarray(0, nValid).sort()) };
}

export interface SparseFit {
  /** Final flat weights: the kernel (d × k) then the bias (k). */
  params: Float64Array;
  history: EpochLog[];
  bestEpoch: number;
}

/**
 * Fits `k` output units (1 for binary, the class count for multiclass) from `init` (the network's
 * seeded initial weights, flat) on `x`, the sparse rows of `data.X`.
 */
/**
 * The training and validation rows (a seeded `validationFraction` when early stopping, or the
 * given validation rows), the seeded sample of training rows whose loss is reported, and the class weights.
 */
export function sparseParts(x: SparseRows, data: TrainData, cfg: LoopConfig) {
  const { train, valid } = carve({ x, y: data.y }, data, cfg.earlyStopping ? cfg.validationFraction : 0, cfg.seed + 1);
  const sample = train.x.n > MAX_EVAL_ROWS ? partOf(train, shuffleInPlace(allRows(train.x.n), createRng(cfg.seed + 2)).slice(0, MAX_EVAL_ROWS)) : train;
  const weights = cfg.classWeight === 'balanced' ? balancedWeights(train.y, data.numClasses) : null;
  return { train, valid, sample, weights };
}

export async function fitSparseLogistic(x: SparseRows, data: TrainData, k: number, init: Float64Array, cfg: LoopConfig, hooks: TrainHooks = {}): Promise<SparseFit> {
  const rng = createRng(cfg.seed);
  const { train, valid, sample, weights } = sparseParts(x, data, cfg);
  const batchSize = batchRows(cfg.batchSize, train.x.n);
  const step = sparseStepper(Float64Array.from(init), data.d, k, cfg.l2);
  const history: EpochLog[] = [];
  const started = Date.now();
  const order = allRows(train.x.n);
  let best: Float64Array | null = null;
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let since = 0;
  let lr = cfg.learningRate;
  for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
    shuffleInPlace(order, rng);
    for (let start = 0, batch = 1; start < train.x.n; start += batchSize, batch++) {
      await waitWhilePaused(hooks);
      const watch = step.gradient(train, weights, order, start, Math.min(train.x.n, start + batchSize));
      if (!Number.isFinite(watch)) {
        throw new TrainingError(`Training loss became ${watch} at epoch ${epoch}, batch ${batch}. Lower the learning rate (now ${lr}) or scale the features (add a scale step to the recipe).`);
      }
      step.adam(lr);
    }
    const [loss, metric] = step.evaluate(sample);
    const [valLoss, valMetric] = valid ? step.evaluate(valid) : [null, null];
    const monitored = valLoss ?? loss;
    if (monitored < bestLoss) {
      bestLoss = monitored;
      bestEpoch = epoch;
      since = 0;
      best = Float64Array.from(step.params);
    } else since++;
    const log: EpochLog = { epoch, loss, valLoss, metric, valMetric, elapsedMs: Date.now() - started, learningRate: lr, threads: 1 };
    history.push(log);
    hooks.onEpoch?.(log);
    const stop = cfg.earlyStopping && since >= cfg.patience;
    if (stop) break;
    lr = learningRateAt(cfg.schedule, cfg.learningRate, epoch + 1, cfg.epochs, lr, since, Math.max(1, Math.floor(cfg.patience / 2)));
    // Let progress messages and abort signals through between epochs.
    await nextTask();
  }
  return { params: best && cfg.earlyStopping ? best : step.params, history, bestEpoch: cfg.earlyStopping ? bestEpoch : history.length };
}
