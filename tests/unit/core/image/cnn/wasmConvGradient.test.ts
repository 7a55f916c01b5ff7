import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { useBackend } from '../../../../../src/core/models';
import { trainCnn } from '../../../../../src/core/image/cnn';
import { shapeImages } from './shapeImages';

/** The filter gradient of a conv layer over a seeded input, on the current backend. */
async function filterGradient(strides: number, pad: 'same' | 'valid'): Promise<Float32Array> {
  const x = tf.tensor4d(Float32Array.from({ length: 2 * 7 * 6 * 3 }, (_, i) => Math.sin(i * 1.7)), [2, 7, 6, 3]);
  const w = tf.tensor4d(Float32Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i * 0.9)), [3, 3, 3, 4]);
  const g = tf.grad((f: tf.Tensor) => tf.conv2d(x, f as tf.Tensor4D, strides, pad).square().sum())(w);
  const out = (await g.data()) as Float32Array;
  tf.dispose([x, w, g]);
  return out;
}

test.each(['same', 'valid'] as const)('the WASM filter gradient (%s padding) matches the CPU backend', async (pad) => {
  await useBackend('cpu');
  const cpu = await filterGradient(1, pad);
  expect(await useBackend('wasm')).toBe('wasm');
  // Training once registers the kernel, as the worker does.
  (await trainCnn(shapeImages(16, 8, 1, 2), { epochs: 1, filters: [2, 2], units: 4, earlyStopping: false })).model.dispose();
  const wasm = await filterGradient(1, pad);
  expect(wasm.length).toBe(cpu.length);
  wasm.forEach((v, i) => expect(v).toBeCloseTo(cpu[i], 3));
  await expect(filterGradient(2, pad)).rejects.toThrow('The WASM convolution gradient supports stride 1 only.');
});
