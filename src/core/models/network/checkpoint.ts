/**
 * A training checkpoint: everything the loop needs to go on after a finished epoch as if it had
 * never stopped (weights, Adam's moments, the shuffle order and RNG position, early-stopping
 * bookkeeping, history). Plain data with Float32Array payloads, so it crosses threads by transfer
 * and a run that lost its GPU continues on another backend from the next epoch.
 */
import * as tf from '@tensorflow/tfjs';
import type { StatefulRng } from '../../stats';
import { TrainingError, type EpochLog } from '../types';
import { readBack } from './readBack';

/** The loop's own bookkeeping at the end of an epoch (learning rate already set for the next one). */
export interface LoopState {
  /** Last finished epoch, 1-based. */
  epoch: number;
  /** True when training had ended there (last epoch, or early stopping): a resume trains no more epochs. */
  done: boolean;
  bestLoss: number;
  bestEpoch: number;
  /** Epochs since the monitored loss last improved. */
  since: number;
  /** Learning rate for the next epoch. */
  learningRate: number;
  history: EpochLog[];
}

export interface Checkpoint extends LoopState {
  /** Trainable weights in `model.trainableWeights` order, with their shapes. */
  weights: Float32Array[];
  shapes: number[][];
  /** Weights of the best epoch so far (early stopping), or null. */
  best: Float32Array[] | null;
  /**
   * Adam: step count, first then second moments (as `optimizer.getWeights()`; empty before the
   * first step), and β₁ᵗ, β₂ᵗ as Adam accumulated them (setWeights recomputes them with pow, which
   * differs in the last bits and so drifts from the uninterrupted run).
   */
  optimizer: { iterations: number; moments: Float32Array[]; betaPowers: [number, number] | null };
  /** The row order of the last epoch; the next epoch shuffles it further. */
  order: Int32Array;
  rngState: number;
}

/** Where a checkpoint is read from and restored into. */
export interface CheckpointTarget {
  vars: tf.Variable[];
  optimizer: tf.Optimizer;
  rng: StatefulRng;
  order: Int32Array;
}

const read = async (t: tf.Tensor) => Float32Array.from(await readBack(t));
const readAll = (ts: readonly tf.Tensor[]) => Promise.all(ts.map(read));

/** Adam's running β powers (private fields of tfjs-core's AdamOptimizer, read defensively). */
const betaPowersOf = (optimizer: tf.Optimizer) => {
  const adam = optimizer as unknown as { accBeta1?: tf.Variable; accBeta2?: tf.Variable };
  return adam.accBeta1 instanceof tf.Variable && adam.accBeta2 instanceof tf.Variable ? (adam as { accBeta1: tf.Variable; accBeta2: tf.Variable }) : null;
};

/** Copies the live training state into a checkpoint (the caller keeps owning every tensor). */
export async function saveCheckpoint(target: CheckpointTarget, best: readonly tf.Tensor[] | null, state: LoopState): Promise<Checkpoint> {
  const named = await target.optimizer.getWeights();
  const [iter, ...moments] = named;
  const iterations = iter ? (await readBack(iter.tensor))[0] : 0;
  // getWeights makes a fresh scalar for the step count; the moments are the optimizer's own variables.
  if (iter) iter.tensor.dispose();
  const powers = betaPowersOf(target.optimizer);
  const betaPowers = powers ? ((await readAll([powers.accBeta1, powers.accBeta2])).map((a) => a[0]) as [number, number]) : null;
  return {
    ...state,
    history: state.history.map((e) => ({ ...e })),
    weights: await readAll(target.vars),
    shapes: target.vars.map((v) => [...v.shape]),
    best: best ? await readAll(best) : null,
    optimizer: { iterations, moments: await readAll(moments.map((m) => m.tensor)), betaPowers },
    order: Int32Array.from(target.order),
    rngState: target.rng.getState(),
  };
}

/**
 * Puts `c` back into the variables, optimizer, RNG and row order of a freshly built network with
 * the same shape, and returns the loop state to continue from plus the best weights as tensors
 * (the caller disposes them). Throws a `TrainingError` when the shapes do not match.
 */
export async function restoreCheckpoint(target: CheckpointTarget, c: Checkpoint): Promise<{ state: LoopState; best: tf.Tensor[] | null }> {
  const shapes = target.vars.map((v) => v.shape.join('×'));
  const saved = c.shapes.map((s) => s.join('×'));
  if (shapes.join(',') !== saved.join(',') || c.order.length !== target.order.length) {
    throw new TrainingError(`The checkpoint of epoch ${c.epoch} does not fit this model (weights ${saved.join(', ')} and ${c.order.length} rows; the model has ${shapes.join(', ')} and ${target.order.length} rows). Train again from the start.`);
  }
  tf.tidy(() => target.vars.forEach((v, i) => v.assign(tf.tensor(c.weights[i], c.shapes[i]))));
  if (c.optimizer.iterations > 0 || c.optimizer.moments.length) {
    const shapeOf = (i: number) => c.shapes[i % c.shapes.length];
    const tensors = [tf.scalar(c.optimizer.iterations, 'int32'), ...c.optimizer.moments.map((m, i) => tf.tensor(m, shapeOf(i)))];
    await target.optimizer.setWeights(tensors.map((tensor, i) => ({ name: i === 0 ? 'iter' : `${target.vars[(i - 1) % target.vars.length].name}/${i <= target.vars.length ? 'm' : 'v'}`, tensor })));
    // setWeights makes variables of its own from these.
    tf.dispose(tensors);
    const powers = betaPowersOf(target.optimizer);
    if (powers && c.optimizer.betaPowers) {
      const [b1, b2] = c.optimizer.betaPowers;
      tf.tidy(() => {
        powers.accBeta1.assign(tf.scalar(b1));
        powers.accBeta2.assign(tf.scalar(b2));
      });
    }
  }
  target.order.set(c.order);
  target.rng.setState(c.rngState);
  const { weights: _w, shapes: _s, best, optimizer: _o, order: _r, rngState: _g, ...state } = c;
  return { state: { ...state, history: state.history.map((e) => ({ ...e })) }, best: best ? best.map((w, i) => tf.tensor(w, c.shapes[i])) : null };
}

/** The buffers a checkpoint can hand over by transfer (none shared, none repeated). */
export function checkpointBuffers(c: Checkpoint): ArrayBuffer[] {
  const arrays = [...c.weights, ...(c.best ?? []), ...c.optimizer.moments, c.order];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
