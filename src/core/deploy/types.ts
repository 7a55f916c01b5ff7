/**
 * Shapes shared by the deploy writers: the portable model (dense weights lifted out of TF.js),
 * the per-row scoring output, and the bundle description.
 */
import type { TreeEnsemble } from '../models';
import type { FittedRecipe, Task } from '../recipe';

export type Activation = 'linear' | 'relu' | 'tanh' | 'elu' | 'selu' | 'sigmoid' | 'softmax';

/** One dense layer: out = activation(in · kernel + bias). */
export interface DenseLayer {
  inputs: number;
  units: number;
  activation: Activation;
  /** Row-major inputs × units. */
  kernel: Float32Array;
  bias: Float32Array;
}

/** An embedding lookup fed by the feature column `feature` (codes 0..size-1). */
export interface EmbeddingTable {
  feature: number;
  size: number;
  width: number;
  /** Row-major size × width. */
  table: Float32Array;
}

/**
 * The model as plain arrays, the same for every export path: the `plain` feature columns in
 * order, then each embedding's row, concatenated and passed through `layers`. A baseline is one
 * linear layer with no inputs whose bias is the priors (or the mean). A tree ensemble reads every
 * feature of X as it is (NaN and negative category codes included) and leaves the arrays empty.
 */
export interface PortableModel {
  task: Task;
  /** `tf` for a TF.js network, `baseline` for the constant predictor, `trees` for an ensemble (no TF.js files for either). */
  source: 'tf' | 'baseline' | 'trees';
  plain: number[];
  embeddings: EmbeddingTable[];
  layers: DenseLayer[];
  /** The ensemble, when `source` is `trees`. */
  trees?: TreeEnsemble;
}

/** Output for one row of `predict`. */
export type RowPrediction =
  | { label: string; probabilities: Record<string, number> }
  | { value: number }
  | { error: string };

/** The fitted recipe as stored in `preprocess.json`. */
export type Preprocess = FittedRecipe;
