import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { resolveOptions, useBackend, type TrainData } from '../../../../../src/core/models';
import { logisticMeta } from '../../../../../src/core/models/logistic/meta';
import { loopConfig } from '../../../../../src/core/models/mlp/train';
import { epochBatches, permuteRows, targetMatrix } from '../../../../../src/core/models/network/batches';
import { buildNetwork } from '../../../../../src/core/models/network/build';
import { fitNetwork } from '../../../../../src/core/models/network/loop';
import { createRng, shuffleInPlace } from '../../../../../src/core/stats';

beforeAll(async () => {
  await useBackend('cpu');
});

/** n rows of two features; the target is 1 when their sum is positive. */
function rows(n: number, seed: number): TrainData {
  const rng = createRng(seed);
  const X = Float32Array.from({ length: n * 2 }, () => rng.normal());
  const y = Int32Array.from({ length: n }, (_, i) => (X[2 * i] + X[2 * i + 1] > 0 ? 1 : 0));
  return { task: 'binary', X, n, d: 2, y, numClasses: 2 };
}

/** Trains on `backend` with feature 0 of row `badRow` set to `bad`; the error must name the batch holding it. */
async function expectBadBatchNamed(backend: 'cpu' | 'wasm', hidden: number[], badRow: number, bad: number, batchSize: number): Promise<number> {
  await useBackend(backend);
  try {
    // Straight to the loop: trainModel refuses non-finite features up front.
    const data = rows(400, 5);
    data.X[2 * badRow] = bad;
    const net = buildNetwork({ inputs: 2, hidden, activation: 'relu', outputs: 1, output: 'sigmoid', seed: 9 });
    const before = tf.memory().numTensors;
    // The loop's first shuffle: its RNG is seeded with the spec's seed and shuffles 0..n-1 before anything else.
    const order = shuffleInPlace(Int32Array.from({ length: data.n }, (_, i) => i), createRng(9));
    const batch = Math.floor(order.indexOf(badRow) / batchSize) + 1;
    const cfg = loopConfig(resolveOptions(logisticMeta, { epochs: 2, batchSize, earlyStopping: false }), 9);
    await expect(fitNetwork(net, data, cfg)).rejects.toThrow(new RegExp(`Training loss became NaN at epoch 1, batch ${batch}\\. Lower the learning rate`));
    expect(tf.memory().numTensors).toBe(before);
    net.model.dispose();
    return batch;
  } finally {
    await useBackend('cpu');
  }
}

test.each([
  [[8, 8], 37],
  [[8, 8], 300],
  [[], 150],
])('TF.js ops, hidden %j: the first batch with a non-finite loss is the one named, though checks are read in groups (NaN in row %i)', async (hidden, badRow) => {
  const batch = await expectBadBatchNamed('cpu', hidden, badRow, NaN, 4);
  expect(batch % 32).not.toBe(0); // not the last batch of a group of checks
});

test.each([[[8, 8], NaN], [[8, 8], Infinity], [[], Infinity]])('raw WASM step, hidden %j, a feature %d: the batch is named though the fused ReLU clamps NaN to 0, and nothing is left behind', async (hidden, bad) => {
  await expectBadBatchNamed('wasm', hidden, 123, bad, 16);
});

test('epoch batches hold the rows of the given order, features, targets and weights together', () => {
  const X = Float32Array.from({ length: 12 }, (_, i) => i); // 4 rows × 3
  const { Y, k } = targetMatrix(Int32Array.from([2, 0, 1, 2]), 'multiclass', 3, { mean: 0, sd: 1 });
  expect(Array.from(Y)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const b = epochBatches({ X, d: 3, Y, k, W: Float32Array.from([10, 20, 30, 40]), n: 4 });
  b.shuffle(Int32Array.from([3, 1, 0, 2]));
  const { x, y, w } = b.batch(1, 3);
  expect(x.arraySync()).toEqual([[3, 4, 5], [0, 1, 2]]);
  expect(y.arraySync()).toEqual([[1, 0, 0], [0, 0, 1]]);
  expect(w!.arraySync()).toEqual([[20], [10]]);
  tf.dispose([x, y, w!]);
  expect(Array.from(permuteRows(Float32Array.from([1, 2, 3]), 1, [2, 2, 0], new Float32Array(3)))).toEqual([3, 3, 1]);
  expect(Array.from(targetMatrix(Float32Array.from([1, 3]), 'regression', 1, { mean: 2, sd: 0.5 }).Y)).toEqual([-2, 2]);
});
