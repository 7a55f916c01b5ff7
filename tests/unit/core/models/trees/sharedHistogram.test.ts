import { afterEach, expect, test } from 'vitest';
import { nodeHistogramHelper } from '../../../../../src/cli/treeHelper';
import { trainModel, type TrainData } from '../../../../../src/core/models';
import { setHistogramHelperFactory } from '../../../../../src/core/models/trees/prepare';
import { SPLIT_MIN_ROWS, type HistogramHelperFactory } from '../../../../../src/core/models/trees/sharedHistogram';
import { createRng } from '../../../../../src/core/stats';

afterEach(() => setHistogramHelperFactory(null));

/** Enough rows that the root and its first children are summed on two threads; one categorical column, some NaN. */
function data(task: 'binary' | 'multiclass' | 'regression'): TrainData {
  const rng = createRng(7);
  const n = SPLIT_MIN_ROWS * 3;
  const d = 4;
  const X = new Float32Array(n * d);
  const y = task === 'regression' ? new Float32Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.next() < 0.1 ? NaN : rng.normal();
    const c = rng.int(12);
    X.set([a, b, c, rng.next()], i * d);
    const z = a + (b === b ? 0.5 * b : 1) + (c % 3 === 0 ? 1 : -0.5) + 0.5 * rng.normal();
    y[i] = task === 'regression' ? z : task === 'binary' ? (z > 0 ? 1 : 0) : z < -0.5 ? 0 : z < 0.8 ? 1 : 2;
  }
  return { task, X, n, d, y, numClasses: task === 'binary' ? 2 : task === 'multiclass' ? 3 : 1, categorical: [2] };
}

/** Wraps the real Node helper to count the helpers started and to tell when the last one is ready (its state slot). */
function counting(): { factory: HistogramHelperFactory; started: () => number; ready: () => boolean } {
  let started = 0;
  let ctrl: Int32Array | null = null;
  return {
    factory: (init) => {
      const h = nodeHistogramHelper(init);
      if (h) started++;
      ctrl = new Int32Array(init.ctrl);
      return h;
    },
    started: () => started,
    ready: () => ctrl !== null && Atomics.load(ctrl, 2) === 1,
  };
}

test.each(['binary', 'multiclass', 'regression'] as const)('%s GBDT: a real helper thread summing half of each large node gives the same model as one thread', async (task) => {
  const d = data(task);
  const spec = { kind: 'gbdt' as const, seed: 3, options: { rounds: 15, earlyStopping: false, rowSample: 0.8 } };
  const one = await trainModel(spec, d);
  const helper = counting();
  setHistogramHelperFactory(helper.factory);
  // Training waits (the pause hook) until the helper is up, so every round runs on two threads.
  const two = await trainModel(spec, d, { shouldPause: () => !helper.ready() });
  expect(helper.started()).toBe(1);
  expect(two.history.every((e) => e.threads === 2)).toBe(true);
  expect(JSON.stringify(two.model)).toBe(JSON.stringify(one.model));
});

test('forest: the same with and without the helper', async () => {
  const d = data('binary');
  const spec = { kind: 'forest' as const, seed: 5, options: { trees: 6, maxLeaves: 64 } };
  const one = await trainModel(spec, d);
  setHistogramHelperFactory(nodeHistogramHelper);
  const two = await trainModel(spec, d);
  expect(JSON.stringify(two.model)).toBe(JSON.stringify(one.model));
});

test('a helper that never starts leaves training on one thread with the same result', async () => {
  const d = data('binary');
  const spec = { kind: 'gbdt' as const, seed: 1, options: { rounds: 5, earlyStopping: false } };
  const one = await trainModel(spec, d);
  setHistogramHelperFactory(() => ({ stop() {} }));
  const silent = await trainModel(spec, d);
  expect(silent.history.every((e) => e.threads === 1)).toBe(true);
  expect(JSON.stringify(silent.model)).toBe(JSON.stringify(one.model));
});
