import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { nodeGradientHelper } from '../../../../../src/cli/gradientHelper';
import { resolveOptions, useBackend, type TrainData, type TrainHooks } from '../../../../../src/core/models';
import { AUTO_BATCH, batchRows, mlpMeta } from '../../../../../src/core/models/mlp/meta';
import { loopConfig } from '../../../../../src/core/models/mlp/train';
import { buildNetwork } from '../../../../../src/core/models/network/build';
import { fitNetwork } from '../../../../../src/core/models/network/loop';
import { setGradientHelperFactory, splitsBatches, type GradientHelperFactory } from '../../../../../src/core/models/network/sharedGradient';
import { createRng } from '../../../../../src/core/stats';

beforeAll(async () => {
  expect(await useBackend('wasm')).toBe('wasm');
});

afterEach(() => setGradientHelperFactory(null));

/** n rows of 6 features, 2 of them one-hot; the target depends on a mix of them, with noise. */
function rows(n: number, seed: number): TrainData {
  const rng = createRng(seed);
  const d = 6;
  const X = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < 4; j++) X[o + j] = rng.normal();
    X[o + 4 + rng.int(2)] = 1;
    y[i] = X[o] * X[o + 1] + X[o + 2] + X[o + 4] + rng.normal() * 0.5 > 0.5 ? 1 : 0;
  }
  return { task: 'binary', X, n, d, y, numClasses: 2 };
}

async function train(data: TrainData, options: Record<string, unknown>, hooks: TrainHooks = {}) {
  const net = buildNetwork({ inputs: data.d, hidden: [24, 24], activation: 'relu', outputs: 1, output: 'sigmoid', seed: 4 });
  try {
    const { history } = await fitNetwork(net, data, loopConfig(resolveOptions(mlpMeta, { epochs: 3, ...options }), 4), hooks);
    const weights = Array.from(tf.tidy(() => tf.concat(net.model.getWeights().map((w) => w.reshape([-1]))).dataSync()));
    return { history: history.map(({ loss, valLoss, metric, valMetric }) => ({ loss, valLoss, metric, valMetric })), weights };
  } finally {
    net.model.dispose();
  }
}

test('the automatic batch size: 128 rows, 256 from 20,000 training rows; an explicit size is kept', () => {
  expect([batchRows(0, 19_999), batchRows(0, 20_000), batchRows(64, 1e6), batchRows(512, 10)]).toEqual([AUTO_BATCH.small, AUTO_BATCH.large, 64, 512]);
  expect(resolveOptions(mlpMeta).batchSize).toBe(0);
  expect([splitsBatches(20_000, 256), splitsBatches(19_999, 256), splitsBatches(1e6, 128)]).toEqual([true, false, false]);
});

test('split batches give the same model with a helper thread, with a helper that never starts, and with none', async () => {
  const data = rows(24_000, 1);
  const before = tf.memory().numTensors;
  const alone = await train(data, {});
  // A factory whose helper never reports ready: every second half runs on the loop's thread.
  const silent: GradientHelperFactory = () => ({ stop: () => {} });
  setGradientHelperFactory(silent);
  const unanswered = await train(data, {});
  let ctrl: Int32Array | null = null;
  setGradientHelperFactory((init) => {
    const helper = nodeGradientHelper(init);
    ctrl = new Int32Array(init.ctrl);
    return helper;
  });
  // Paused until the helper is ready (slot 3 leaves 0), so that it answers from the first batch.
  const helped = await train(data, {}, { shouldPause: () => ctrl !== null && Atomics.load(ctrl, 3) === 0 });
  // Slot 1 is the last request the helper answered: every full batch of 3 epochs went to it (the 96-row tail of each is not split).
  expect(ctrl![1]).toBe(3 * Math.floor(21_600 / 256));
  expect(helped.history).toHaveLength(3);
  expect(unanswered).toEqual(alone);
  expect(helped).toEqual(alone);
  expect(tf.memory().numTensors).toBe(before);
  // It learned: the loss fell below the base rate's.
  expect(helped.history[2].valLoss!).toBeLessThan(helped.history[0].valLoss! + 1e-9);
}, 120_000);

test('small runs are not split: no helper is started', async () => {
  let started = 0;
  setGradientHelperFactory(() => {
    started++;
    return null;
  });
  await train(rows(2_000, 2), { epochs: 1 });
  await train(rows(24_000, 2), { epochs: 1, batchSize: 128 });
  expect(started).toBe(0);
}, 60_000);
