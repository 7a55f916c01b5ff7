import * as tf from '@tensorflow/tfjs';

/** The network's shape: input size, classes and the sizes of its layers. */
export interface CnnShape {
  height: number;
  width: number;
  channels: 1 | 3;
  classes: number;
  filters: [number, number];
  units: number;
  seed: number;
}

/** Images larger than this (on their longer side) are average-pooled down first, keeping the network small. */
const MAX_SIDE = 64;

/**
 * Two convolution blocks (3×3 'same' convolution, ReLU, 2×2 max pooling), a ReLU dense layer
 * and a softmax, with seeded He/Glorot initialisers so the same seed gives the same start.
 */
export function buildCnn(shape: CnnShape): tf.Sequential {
  const model = tf.sequential();
  const seed = (i: number) => shape.seed * 7919 + i;
  const inputShape = [shape.height, shape.width, shape.channels];
  const shrink = Math.ceil(Math.max(shape.height, shape.width) / MAX_SIDE);
  if (shrink > 1) model.add(tf.layers.averagePooling2d({ inputShape, poolSize: shrink, strides: shrink }));
  const conv = (filters: number, i: number) =>
    tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: seed(i) }), biasInitializer: 'zeros', ...(i === 0 && shrink === 1 ? { inputShape } : {}) });
  model.add(conv(shape.filters[0], 0));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(conv(shape.filters[1], 1));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: shape.units, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: seed(2) }) }));
  model.add(tf.layers.dense({ units: shape.classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed(3) }) }));
  return model;
}
