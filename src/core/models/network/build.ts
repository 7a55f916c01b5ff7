import * as tf from '@tensorflow/tfjs';
import { TrainingError } from '../types';

/** A feature column holding embedding codes (0 = unseen/missing, 1..size-1 = vocabulary). */
export interface EmbeddingInput {
  feature: number;
  size: number;
}

export interface NetworkShape {
  inputs: number;
  hidden: number[];
  activation: 'relu' | 'tanh' | 'elu' | 'selu' | 'sigmoid';
  /** 1 for regression and binary (sigmoid), k for multiclass (softmax). */
  outputs: number;
  output: 'linear' | 'sigmoid' | 'softmax';
  seed: number;
  /** Columns fed to embedding layers instead of the dense input. */
  embeddings?: EmbeddingInput[];
}

/**
 * The layers of a network, and the saved model built from them. The training loop calls the
 * layers eagerly (so dropout masks are seeded; dropout is not a layer); `model` wires the same
 * layers into a graph: one dense input of the plain features, plus one input per embedding column.
 */
export interface Network {
  model: tf.LayersModel;
  dense: tf.layers.Layer[];
  embeddings: { feature: number; size: number; layer: tf.layers.Layer }[];
  /** Feature columns that go to the dense input, in order. */
  plain: number[];
  /** The hidden layers' activation and the output's (the hand-derived training step needs them). */
  activation: NetworkShape['activation'];
  output: NetworkShape['output'];
}

/** Embedding width: grows with the vocabulary, at most 16. */
export function embeddingWidth(size: number): number {
  return Math.min(16, Math.max(2, Math.round(1.6 * size ** 0.56)));
}

/** Dense stack with seeded Glorot/He initialisers and zero biases, plus seeded embeddings. */
export function buildNetwork(shape: NetworkShape): Network {
  // TF.js cannot wire a graph with no input; its own error ("Arguments to apply() must be all SymbolicTensors…") tells a user nothing.
  if (shape.inputs === 0) throw new TrainingError('The model has no input features to learn from; add a column it can read (numbers, categories, dates or true/false values) to the data or the recipe.');
  const plain = plainColumns(shape.inputs, shape.embeddings ?? []);
  const embeddings = (shape.embeddings ?? []).map((e, i) => ({
    feature: e.feature,
    size: e.size,
    layer: tf.layers.embedding({
      inputDim: e.size,
      outputDim: embeddingWidth(e.size),
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: shape.seed * 7919 + 1000 + i }),
    }),
  }));
  const sizes = [...shape.hidden, shape.outputs];
  const dense = sizes.map((units, i) => {
    const last = i === sizes.length - 1;
    const seed = shape.seed * 7919 + i;
    return tf.layers.dense({
      units,
      activation: last ? shape.output : shape.activation,
      kernelInitializer: !last && shape.activation === 'relu' ? tf.initializers.heNormal({ seed }) : tf.initializers.glorotUniform({ seed }),
      biasInitializer: 'zeros',
    });
  });
  const inputs: tf.SymbolicTensor[] = [];
  const parts: tf.SymbolicTensor[] = [];
  if (plain.length > 0) {
    const x = tf.input({ shape: [plain.length], name: 'features' });
    inputs.push(x);
    parts.push(x);
  }
  embeddings.forEach((e, i) => {
    const codes = tf.input({ shape: [1], name: `embedding_${i}` });
    inputs.push(codes);
    parts.push(tf.layers.flatten().apply(e.layer.apply(codes)) as tf.SymbolicTensor);
  });
  let h = parts.length === 1 ? parts[0] : (tf.layers.concatenate().apply(parts) as tf.SymbolicTensor);
  for (const layer of dense) h = layer.apply(h) as tf.SymbolicTensor;
  return { model: tf.model({ inputs, outputs: h }), dense, embeddings, plain, activation: shape.activation, output: shape.output };
}

/** Feature columns not listed in `embeddings`, in order. */
export function plainColumns(d: number, embeddings: EmbeddingInput[]): number[] {
  const embedded = new Set(embeddings.map((e) => e.feature));
  return Array.from({ length: d }, (_, j) => j).filter((j) => !embedded.has(j));
}

/**
 * The model's inputs for rows `x` (n × d): the plain columns (when there are any), then each
 * embedding column as [n, 1] codes clamped into its vocabulary. Call inside a tidy scope.
 */
export function splitInputs(plain: number[], embeddings: EmbeddingInput[], x: tf.Tensor, d: number): tf.Tensor[] {
  if (embeddings.length === 0) return [x];
  const out: tf.Tensor[] = [];
  if (plain.length > 0) out.push(plain.length === d ? x : tf.gather(x, plain, 1));
  for (const e of embeddings) out.push(tf.gather(x, [e.feature], 1).clipByValue(0, e.size - 1).round());
  return out;
}
