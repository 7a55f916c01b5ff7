import { availableParallelism } from 'node:os';
import { afterEach, expect, test, vi } from 'vitest';
import { trainModel, type ModelSpec, type TrainData } from '../../../src/core/models';
import { setHistogramHelperFactory } from '../../../src/core/models/trees/prepare';
import type { HistogramHelperFactory } from '../../../src/core/models/trees/helperProtocol';
import { SPLIT_MIN_ROWS } from '../../../src/core/models/trees/sharedHistogram';
import { createRng } from '../../../src/core/stats';

// Counts the helper threads the CLI starts.
const started = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:worker_threads', async (original) => {
  const m = await original<typeof import('node:worker_threads')>();
  class Counted extends m.Worker {
    constructor(...args: ConstructorParameters<typeof m.Worker>) {
      super(...args);
      started.count++;
    }
  }
  return { ...m, Worker: Counted };
});
const { nodeHistogramHelper, prestartHistogramHelper } = await import('../../../src/cli/treeHelper');

afterEach(() => setHistogramHelperFactory(null));

function data(n = SPLIT_MIN_ROWS * 3): TrainData {
  const rng = createRng(9);
  const d = 3;
  const X = new Float32Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const c = rng.int(8);
    X.set([a, c, rng.next()], i * d);
    y[i] = a + (c % 2 ? 0.7 : -0.4) + 0.5 * rng.normal() > 0 ? 1 : 0;
  }
  return { task: 'binary', X, n, d, y, numClasses: 2, categorical: [1] };
}

// The Node helper declines to start on one core.
test.skipIf(availableParallelism() < 2)('the train command starts one helper thread and each run hands it on: three runs, one thread, the one-thread models', async () => {
  const d = data();
  const runs: ModelSpec[] = [
    { kind: 'gbdt', seed: 3, options: { rounds: 6, earlyStopping: false } },
    { kind: 'forest', seed: 4, options: { trees: 4, maxLeaves: 64 } },
    { kind: 'gbdt', seed: 5, options: { rounds: 4, earlyStopping: false, maxLeaves: 7 } },
  ];
  const serial = [];
  for (const spec of runs) serial.push(await trainModel(spec, d));
  prestartHistogramHelper();
  let ctrl: Int32Array | null = null;
  const watched: HistogramHelperFactory = (init) => {
    ctrl = new Int32Array(init.ctrl);
    return nodeHistogramHelper(init);
  };
  setHistogramHelperFactory(watched);
  for (const [i, spec] of runs.entries()) {
    // Each run waits (the pause hook) until its helper is up, so every round runs on two threads.
    const two = await trainModel(spec, d, { shouldPause: () => ctrl === null || Atomics.load(ctrl, 2) !== 1 });
    expect(two.history.every((e) => e.threads === 2)).toBe(true);
    expect(JSON.stringify(two.model)).toBe(JSON.stringify(serial[i].model));
    ctrl = null;
  }
  expect(started.count).toBe(1);
}, 120_000);
