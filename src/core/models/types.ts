/**
 * Shared shapes for training: what goes in (a ModelSpec and a matrix), what comes out (a trained
 * model plus a per-epoch history), and the hooks a worker uses for progress and cancellation.
 */
import type * as tf from '@tensorflow/tfjs';
import type { SparseMatrix, Task } from '../recipe';
import type { Checkpoint } from './network/checkpoint';
import type { TreeEnsemble } from './trees/types';

export type ModelKind = 'baseline' | 'linear' | 'logistic' | 'mlp' | 'gbdt' | 'forest';

export type OptionValue = number | string | boolean;

/** Plain JSON: which model, its options (unset ones take the defaults in its meta) and the seed. */
export interface ModelSpec {
  kind: ModelKind;
  options?: Record<string, OptionValue | number[]>;
  /** Seeds initial weights, shuffling, dropout and the validation carve-out. Default 0. */
  seed?: number;
}

/** The model-ready data (from `transformRecipe`). */
export interface TrainData {
  task: Task;
  /** Row-major n × d (with `sparse`, possibly built only when read: models that can should read `sparse`). */
  X: Float32Array;
  /** The same rows as CSR, when the recipe made them (it ends in text steps). */
  sparse?: SparseMatrix;
  n: number;
  d: number;
  /** Class codes 0..numClasses-1, or regression values. */
  y: Int32Array | Float32Array;
  /** Number of classes (classification); 1 for regression. */
  numClasses: number;
  /** Columns of category codes (from an `ordinal` encode step; < 0 = missing) that trees split as categories. */
  categorical?: number[];
  /** Columns of embedding codes (from an `embedding` encode step); the MLP feeds them to embedding layers. */
  embeddings?: { feature: number; size: number }[];
  /** Group of each row (group split): the early-stopping slice carved from these rows then takes whole groups. */
  groups?: string[];
  /** Rows for early stopping; when absent, networks carve `validationFraction` out of the training rows. */
  validation?: { X: Float32Array; n: number; y: Int32Array | Float32Array };
}

export interface EpochLog {
  /** 1-based. */
  epoch: number;
  /** Mean training loss (cross-entropy or MSE, without the L2 penalty). */
  loss: number;
  valLoss: number | null;
  /** Accuracy (classification) or RMSE (regression) on the training rows. */
  metric: number;
  valMetric: number | null;
  /** Milliseconds since training started. */
  elapsedMs: number;
  learningRate?: number;
  /** Threads that computed this epoch's batches: 2 when a helper worker took half of each (WASM, large runs). */
  threads?: number;
}

export interface TrainHooks {
  onEpoch?(e: EpochLog): void;
  /** Aborting rejects with a DOMException named `AbortError`. */
  signal?: AbortSignal;
  /** Polled between batches; while it returns true, training waits. */
  shouldPause?(): boolean;
  /** Networks: a checkpoint after every finished epoch (read from the device, so only ask where a device can be lost). */
  onCheckpoint?(c: Checkpoint): void;
  /** Networks: continue from this checkpoint (same data, spec and seed) instead of epoch 1. */
  resumeFrom?: Checkpoint;
  /** A phase change after training, for people ("Explaining the model: …"). */
  onPhase?(message: string): void;
}

/** The constant predictor: class priors or the training mean. Plain JSON. */
export interface BaselineModel {
  kind: 'baseline';
  task: Task;
  /** Class priors (classification) or [mean] (regression). */
  output: number[];
}

/**
 * A trained model. Networks output probabilities (sigmoid: P(class 1); softmax: n × k) or values
 * in the target's own units.
 */
export type Trained = BaselineModel | NetworkModel | TreeEnsemble;

/**
 * A TF.js model. With `embeddings`, its inputs are the other feature columns in order, then one
 * [n, 1] input of codes per embedding column (`predict` splits X accordingly).
 */
export interface NetworkModel {
  kind: 'tf';
  modelKind: Exclude<ModelKind, 'baseline' | 'gbdt' | 'forest'>;
  task: Task;
  numClasses: number;
  model: tf.LayersModel;
  embeddings?: { feature: number; size: number }[];
}

export interface TrainResult {
  model: Trained;
  history: EpochLog[];
  /** Epoch whose weights were kept (early stopping), when applicable. */
  bestEpoch?: number;
  /** Resolved options actually used. */
  options: Record<string, OptionValue | number[]>;
}

/** Thrown when training cannot go on (non-finite loss, bad options); the message says what to change. */
export class TrainingError extends Error {
  override name = 'TrainingError';
}
