import { afterEach, expect, test } from 'vitest';
import { nodeHistogramHelper } from '../../../../../src/cli/treeHelper';
import { trainModel, type TrainData } from '../../../../../src/core/models';
import { setHistogramHelperFactory } from '../../../../../src/core/models/trees/prepare';
import type { HistogramHelperFactory } from '../../../../../src/core/models/trees/helperProtocol';
import { PASS_MIN_ROWS, SPLIT_MIN_ROWS } from '../../../../../src/core/models/trees/sharedHistogram';
import { createRng } from '../../../../../src/core/stats';

afterEach(() => setHistogramHelperFactory(null));

/** Enough rows that the root and its first children are summed on two threads; one categorical column, some NaN. */
function data(task: 'binary' | 'multiclass' | 'regression', n = SPLIT_MIN_ROWS * 3): TrainData {
  const rng = createRng(7);
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

/**
 * Wraps the real Node helper to count the helpers started, to tell when the last one is ready (its
 * state slot), and to show the slots only a helper's answers write: the left rows of its half of a
 * partition (ctrl slot 9) and the largest gradient of its half of the rows (numbers[0]); and the
 * leaf count the training thread stores only when asking it to update scores (ctrl slot 10).
 */
function counting(): { factory: HistogramHelperFactory; started: () => number; ready: () => boolean; answered: () => number[] } {
  let started = 0;
  let ctrl: Int32Array | null = null;
  let numbers: Float64Array | null = null;
  return {
    factory: (init) => {
      const h = nodeHistogramHelper(init);
      if (h) started++;
      ctrl = new Int32Array(init.ctrl);
      numbers = new Float64Array(init.numbers);
      return h;
    },
    started: () => started,
    ready: () => ctrl !== null && Atomics.load(ctrl, 2) === 1,
    answered: () => [Atomics.load(ctrl!, 9), numbers![0], Atomics.load(ctrl!, 10)],
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

const passCases: { task: 'binary' | 'multiclass' | 'regression'; options: Record<string, string | number> }[] = [
  { task: 'binary', options: { classWeight: 'balanced', rowSample: 0.9 } },
  { task: 'multiclass', options: {} },
  { task: 'regression', options: {} },
  { task: 'regression', options: { loss: 'huber' } },
];

test.each(passCases)('$task GBDT $options: with partitions, gradients and score updates split over two threads, the same model', async ({ task, options }) => {
  // Enough rows that every round's passes over all rows, and the first partitions, take the two-thread path.
  const d = data(task, Math.ceil(PASS_MIN_ROWS * 2.5));
  const spec = { kind: 'gbdt' as const, seed: 4, options: { rounds: 4, maxLeaves: 15, validationFraction: 0.1, patience: 50, ...options } };
  const one = await trainModel(spec, d);
  const helper = counting();
  setHistogramHelperFactory(helper.factory);
  const two = await trainModel(spec, d, { shouldPause: () => !helper.ready() });
  expect(two.history.every((e) => e.threads === 2)).toBe(true);
  const [partitioned, gradients, leaves] = helper.answered();
  expect(partitioned).toBeGreaterThan(0);
  expect(gradients).toBeGreaterThan(0);
  expect(leaves).toBeGreaterThan(1);
  expect(JSON.stringify(two.model)).toBe(JSON.stringify(one.model));
  expect(two.history.map((e) => [e.loss, e.valLoss])).toEqual(one.history.map((e) => [e.loss, e.valLoss]));
});
