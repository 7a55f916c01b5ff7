import { afterEach, expect, test } from 'vitest';
import { nodeHistogramHelper } from '../../../../../src/cli/treeHelper';
import { trainModel, type TrainData } from '../../../../../src/core/models';
import { setHistogramHelperFactory } from '../../../../../src/core/models/trees/prepare';
import { CTRL_SLOTS, finishedWord, GEN, HELPED, HELPER_DONE, HISTOGRAM, MAX_CHUNKS, openClaims, PARTITION, READY, STATE, STOP, viewsOf, writeRequest, type HistogramHelperFactory, type HistogramHelperInit, type Request } from '../../../../../src/core/models/trees/helperProtocol';
import { SLOTS } from '../../../../../src/core/models/trees/binning';
import { histLength, histogramSlice } from '../../../../../src/core/models/trees/histogram';
import { joinChunks } from '../../../../../src/core/models/trees/rowPasses';
import { allFeatures, binAll, randomGradients, tiedNumeric } from './treeFixtures';
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
 * Wraps the real Node helper to count the helpers started and to tell when the last one is ready
 * (its state slot). Which chunks of a pass it takes depends on when it is awake; the last test
 * below gives it whole passes.
 */
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
    ready: () => ctrl !== null && Atomics.load(ctrl, STATE) === READY,
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
  expect(JSON.stringify(two.model)).toBe(JSON.stringify(one.model));
  expect(two.history.map((e) => [e.loss, e.valLoss])).toEqual(one.history.map((e) => [e.loss, e.valLoss]));
});

test('early stopping ends a run whose next gradients the helper had already begun: the same model, and the next run still gets two threads', async () => {
  const d = data('binary', Math.ceil(PASS_MIN_ROWS * 2.5));
  // A high learning rate overfits within a few rounds, so early stopping ends the run long before 200.
  const spec = { kind: 'gbdt' as const, seed: 2, options: { rounds: 200, learningRate: 0.9, maxLeaves: 63, minSamplesLeaf: 2, patience: 2, validationFraction: 0.2, rowSample: 0.8 } };
  const one = await trainModel(spec, d);
  expect(one.history.length).toBeLessThan(200);
  const helper = counting();
  setHistogramHelperFactory(helper.factory);
  for (let run = 0; run < 2; run++) {
    const two = await trainModel(spec, d, { shouldPause: () => !helper.ready() });
    expect(two.history.every((e) => e.threads === 2)).toBe(true);
    expect(JSON.stringify(two.model)).toBe(JSON.stringify(one.model));
    expect(two.history.map((e) => e.valLoss)).toEqual(one.history.map((e) => e.valLoss));
  }
});

/** Resolves once `ok()` holds, polling between turns of the event loop; fails the test after `ms`. */
async function until(ok: () => boolean, what: string, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 1))) if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
}

test('a real helper thread given every chunk of a pass does each as one thread would', async () => {
  const n = 20_000;
  const d = 3;
  const data = binAll(tiedNumeric(createRng(5), n, d, 0.1, [100, 200, 30]));
  const g = randomGradients(createRng(6), n);
  const shared = <T extends Uint8Array | Uint32Array | Float64Array>(a: T): SharedArrayBuffer => {
    const buffer = new SharedArrayBuffer(a.byteLength);
    new Uint8Array(buffer).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    return buffer;
  };
  const rows = Uint32Array.from({ length: n }, (_, i) => i);
  const init: HistogramHelperInit = {
    n, d, channels: 1, bins: shared(data.bins), byRow: data.byRow ? shared(data.byRow) : null, unitHess: false, rows: shared(rows),
    gradients: [{ grad: shared(g.grad), hess: shared(g.hess) }], ctrl: new SharedArrayBuffer(CTRL_SLOTS * 4), features: new SharedArrayBuffer(d * 4),
    scratch: new SharedArrayBuffer(histLength(d, 1) * 8), spill: new SharedArrayBuffer(n * 4), side: new SharedArrayBuffer(SLOTS),
    counts: new SharedArrayBuffer(MAX_CHUNKS * 4), numbers: new SharedArrayBuffer(4 * 8), claims: new SharedArrayBuffer(2 * 8), boost: null,
  };
  const ctrl = new Int32Array(init.ctrl);
  const v = viewsOf(init);
  const handle = nodeHistogramHelper(init);
  expect(handle).not.toBeNull();
  await until(() => Atomics.load(ctrl, STATE) === READY, 'the helper to start');
  // As the training thread publishes a request (sharedHistogram.ts), but taking no chunk itself.
  const ask = async (gen: number, r: Request) => {
    Atomics.store(ctrl, GEN, gen - 1);
    writeRequest(ctrl, r);
    openClaims(v.claims, gen);
    Atomics.store(ctrl, GEN, gen);
    Atomics.notify(ctrl, GEN);
    await until(() => Atomics.load(v.claims, HELPER_DONE) === finishedWord(gen, Math.ceil((r.end - r.begin) / r.chunk)), `request ${gen}`);
  };
  try {
    const features = allFeatures(d);
    v.features.set(features);
    await ask(2, { op: HISTOGRAM, begin: 100, end: n - 7, index: 0, chunk: 4096, features: d, feature: 0, leaves: 0 });
    const expected = new Float64Array(histLength(d, 1));
    histogramSlice(data, g, expected, { rows, begin: 100, end: n - 7 }, features, 0, d);
    expect(Array.from(v.scratch)).toEqual(Array.from(expected));

    const left = Uint8Array.from({ length: SLOTS }, (_, b) => (b % 3 === 0 ? 1 : 0));
    v.side.set(left);
    await ask(4, { op: PARTITION, begin: 10, end: n, index: 0, chunk: 5000, features: 0, feature: 1, leaves: 0 });
    const first = joinChunks(v.rows, v.spill, 10, n, 5000, v.counts);
    const range = Array.from(rows.subarray(10));
    const goesLeft = (r: number) => left[data.bins[n + r]] === 1;
    expect(Array.from(v.rows.subarray(10))).toEqual([...range.filter(goesLeft), ...range.filter((r) => !goesLeft(r))]);
    expect(first - 10).toBe(range.filter(goesLeft).length);
    expect(Atomics.load(ctrl, HELPED + HISTOGRAM)).toBe(5);
    expect(Atomics.load(ctrl, HELPED + PARTITION)).toBe(4);
  } finally {
    Atomics.store(ctrl, STOP, 1);
    Atomics.store(ctrl, GEN, 6);
    Atomics.notify(ctrl, GEN);
    handle?.stop();
  }
});
