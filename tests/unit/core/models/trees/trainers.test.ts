/**
 * The two tree trainers through `trainModel`: the same data, spec and seed give the same model
 * (also with a histogram helper thread), they learn synthetic problems with known structure,
 * predictions have the documented shapes, and cancellation rejects with an AbortError.
 */
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, test } from 'vitest';
import { nodeHistogramHelper } from '../../../../../src/cli/treeHelper';
import { trainModel } from '../../../../../src/core/models/registry';
import { setHistogramHelperFactory } from '../../../../../src/core/models/trees/prepare';
import { predictTrees } from '../../../../../src/core/models/trees/predictTrees';
import type { HistogramHelperFactory } from '../../../../../src/core/models/trees/helperProtocol';
import { SPLIT_MIN_ROWS } from '../../../../../src/core/models/trees/sharedHistogram';
import type { TreeEnsemble } from '../../../../../src/core/models/trees/types';
import type { ModelSpec, TrainData, TrainResult } from '../../../../../src/core/models/types';
import { problem } from './treeFixtures';

async function train(spec: ModelSpec, data: TrainData, hooks = {}): Promise<TrainResult & { model: TreeEnsemble }> {
  return (await trainModel(spec, data, hooks)) as TrainResult & { model: TreeEnsemble };
}

/** Fresh data (another seed) from the same problem, and the model's predictions on it. */
function heldOut(kind: TrainData['task'], model: TreeEnsemble, n = 1000) {
  const { data } = problem(kind, n, 999);
  return { data, out: predictTrees(model, data.X, n) };
}

function accuracy(out: Float32Array, y: ArrayLike<number>, k: number): number {
  let right = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (out[i * k + c] > out[i * k + best]) best = c;
    right += best === y[i] ? 1 : 0;
  }
  return right / y.length;
}

/** Area under the ROC curve of scores s for 0/1 labels (rank formula, ties counted half). */
function auc(s: number[], y: ArrayLike<number>): number {
  let pairs = 0;
  let wins = 0;
  for (let i = 0; i < s.length; i++) if (y[i] === 1) for (let j = 0; j < s.length; j++) if (y[j] === 0) {
    pairs++;
    wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
  }
  return wins / pairs;
}

const rmse = (out: Float32Array, y: ArrayLike<number>) => Math.sqrt(Array.from(out).reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / out.length);

afterEach(() => setHistogramHelperFactory(null));

describe('determinism', () => {
  const sampled = { rounds: 15, earlyStopping: true, patience: 3, rowSample: 0.7, colSample: 0.6, maxLeaves: 15, minSamplesLeaf: 5 };
  test.each<{ name: string; task: TrainData['task']; spec: ModelSpec }>([
    { name: 'gbdt binary', task: 'binary', spec: { kind: 'gbdt', options: sampled } },
    { name: 'gbdt multiclass', task: 'multiclass', spec: { kind: 'gbdt', options: sampled } },
    { name: 'gbdt squared', task: 'regression', spec: { kind: 'gbdt', options: { ...sampled, loss: 'squared' } } },
    { name: 'gbdt absolute', task: 'regression', spec: { kind: 'gbdt', options: { ...sampled, loss: 'absolute' } } },
    { name: 'gbdt huber', task: 'regression', spec: { kind: 'gbdt', options: { ...sampled, loss: 'huber' } } },
    { name: 'forest binary', task: 'binary', spec: { kind: 'forest', options: { trees: 8, maxFeatures: 'sqrt' } } },
    { name: 'forest multiclass', task: 'multiclass', spec: { kind: 'forest', options: { trees: 8 } } },
    { name: 'forest regression', task: 'regression', spec: { kind: 'forest', options: { trees: 8, maxFeatures: 'third' } } },
  ])('$name: same data, spec and seed → the same model; another seed → another', async ({ task, spec }) => {
    const { data } = problem(task, 600, 21, 0.1);
    const a = await train({ ...spec, seed: 4 }, data);
    const b = await train({ ...spec, seed: 4 }, data);
    const c = await train({ ...spec, seed: 5 }, data);
    expect(JSON.stringify(b.model)).toBe(JSON.stringify(a.model));
    expect(b.model).toEqual(a.model);
    expect(b.history.map((h) => h.loss)).toEqual(a.history.map((h) => h.loss));
    expect(JSON.stringify(c.model)).not.toBe(JSON.stringify(a.model));
  });

  // The Node helper declines to start on one core. Which chunks the helper takes depends on when it
  // is awake; sharedHistogram.test.ts gives it whole passes to check its work.
  test.skipIf(availableParallelism() < 2)('with a histogram helper thread (worker_threads) ready, the same model', async () => {
    const { data } = problem('binary', 3 * SPLIT_MIN_ROWS, 6, 0.1);
    const spec: ModelSpec = { kind: 'gbdt', seed: 2, options: { rounds: 4, earlyStopping: false, maxLeaves: 15 } };
    const serial = await train(spec, data);
    // Waits until the helper is ready (ctrl slot 2), so the run really uses two threads.
    const ready: HistogramHelperFactory = (init) => {
      const handle = nodeHistogramHelper(init);
      const ctrl = new Int32Array(init.ctrl);
      // The helper stores READY without a notify, so poll.
      for (const until = Date.now() + 20_000; handle && Atomics.load(ctrl, 2) === 0 && Date.now() < until; ) Atomics.wait(ctrl, 2, 0, 5);
      return handle;
    };
    setHistogramHelperFactory(ready);
    const threaded = await train(spec, data);
    expect(threaded.history[0].threads).toBe(2);
    expect(JSON.stringify(threaded.model)).toBe(JSON.stringify(serial.model));
  }, 60_000);
});

describe('learning', () => {
  test('gbdt binary: accuracy and AUC well above the baseline; early stopping keeps the best round', async () => {
    const { data } = problem('binary', 2000, 1);
    const r = await train({ kind: 'gbdt', seed: 1, options: { rounds: 400, patience: 10 } }, data);
    expect(r.bestEpoch).toBeGreaterThan(5);
    expect(r.history.length).toBeLessThan(400);
    expect(r.history.length).toBe(r.bestEpoch! + 10);
    expect(r.model.trees).toHaveLength(r.bestEpoch!);
    const { data: test, out } = heldOut('binary', r.model);
    const prior = Array.from(test.y).reduce((s, v) => s + v, 0) / test.n;
    expect(accuracy(out, test.y, 2)).toBeGreaterThan(Math.max(prior, 1 - prior) + 0.25);
    expect(auc(Array.from(out.filter((_, i) => i % 2 === 1)), test.y)).toBeGreaterThan(0.93);
  });

  test.each(['squared', 'absolute', 'huber'])('gbdt regression (%s loss): held-out RMSE well below the target sd', async (loss) => {
    const { data, sd } = problem('regression', 2000, 2);
    const r = await train({ kind: 'gbdt', seed: 1, options: { rounds: 300, loss, learningRate: 0.2 } }, data);
    const { data: test, out } = heldOut('regression', r.model);
    expect(out).toHaveLength(test.n);
    expect(rmse(out, test.y)).toBeLessThan(0.35 * sd);
  });

  test('gbdt multiclass on separable clusters: high accuracy, n × 3 probabilities', async () => {
    const { data } = problem('multiclass', 900, 3);
    const r = await train({ kind: 'gbdt', seed: 1, options: { rounds: 50 } }, data);
    expect(r.model.trees.length % 3).toBe(0);
    const { data: test, out } = heldOut('multiclass', r.model);
    expect(out).toHaveLength(test.n * 3);
    expect(accuracy(out, test.y, 3)).toBeGreaterThan(0.97);
  });

  test.each([
    { task: 'binary' as const, k: 2, floor: 0.8 },
    { task: 'multiclass' as const, k: 3, floor: 0.95 },
  ])('forest $task: reports the out-of-bag score and predicts n × $k rows summing to 1', async ({ task, k, floor }) => {
    const { data } = problem(task, 800, 4, 0.1);
    const r = await train({ kind: 'forest', seed: 1, options: { trees: 30 } }, data);
    expect(r.options.oobScore).toBe(r.history[r.history.length - 1].valMetric);
    expect(r.options.oobScore).toBeGreaterThan(floor);
    const { data: test, out } = heldOut(task, r.model);
    expect(out).toHaveLength(test.n * k);
    for (let i = 0; i < test.n; i++) expect(out.subarray(i * k, (i + 1) * k).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    expect(accuracy(out, test.y, k)).toBeGreaterThan(floor);
  });

  test('forest regression: OOB RMSE reported; predictions are n values', async () => {
    const { data, sd } = problem('regression', 800, 5);
    const r = await train({ kind: 'forest', seed: 1, options: { trees: 30 } }, data);
    expect(r.options.oobScore).toBeLessThan(0.6 * sd);
    const { data: test, out } = heldOut('regression', r.model);
    expect(out).toHaveLength(test.n);
    expect(rmse(out, test.y)).toBeLessThan(0.6 * sd);
  });

  test('gbdt binary predictions: n × 2 rows of [1 − p, p]', async () => {
    const { data } = problem('binary', 400, 6);
    const r = await train({ kind: 'gbdt', seed: 1, options: { rounds: 10, earlyStopping: false } }, data);
    const { data: test, out } = heldOut('binary', r.model, 50);
    expect(out).toHaveLength(test.n * 2);
    for (let i = 0; i < test.n; i++) expect(out[2 * i] + out[2 * i + 1]).toBeCloseTo(1, 6);
  });
});

describe('cancellation', () => {
  const specs: ModelSpec[] = [
    { kind: 'gbdt', options: { rounds: 50, earlyStopping: false } },
    { kind: 'forest', options: { trees: 50 } },
  ];

  test.each(specs)('$kind: an already-aborted signal rejects with AbortError', async (spec) => {
    const { data } = problem('binary', 300, 7);
    const controller = new AbortController();
    controller.abort();
    await expect(trainModel(spec, data, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(trainModel(spec, data, { signal: controller.signal })).rejects.toBeInstanceOf(DOMException);
  });

  test.each(specs)('$kind: aborting from onEpoch stops after that epoch', async (spec) => {
    const { data } = problem('binary', 300, 7);
    const controller = new AbortController();
    const epochs: number[] = [];
    const run = trainModel(spec, data, {
      signal: controller.signal,
      onEpoch: (e) => {
        epochs.push(e.epoch);
        if (e.epoch === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toEqual([1, 2, 3]);
  });
});
