import { afterEach, describe, expect, test } from 'vitest';
import { TrainBridge, type TrainStatus } from '../../../src/bridge/TrainBridge';
import { TrainingError, type EpochLog, type ModelSpec } from '../../../src/core/models';
import type { BackendName } from '../../../src/core/models/backend';
import { proposeRecipe } from '../../../src/core/recipe';
import { createTrainApi, type TrainOutput, type WorkerTrainOptions } from '../../../workers/trainApi';
import { penguins } from '../core/recipe/tableOf';
import { fakeDevices } from './fakeDevices';
import { fakeWorker, type FakeWorker } from './fakeWorker';

const spec: ModelSpec = { kind: 'mlp', seed: 5, options: { epochs: 6, units: 16, earlyStopping: false } };
const species = () => {
  const table = penguins();
  return { table, recipe: proposeRecipe(table, undefined, 'Species') };
};
const never = () => new Promise<never>(() => undefined);
/** Calls a proxied callback without caring whether its port has been closed meanwhile. */
const call = <A extends unknown[]>(f: ((...a: A) => unknown) | undefined, ...a: A) => void Promise.resolve(f?.(...a)).catch(() => undefined);
const epochLog = (epoch: number): EpochLog => ({ epoch, loss: 1 / epoch, valLoss: null, metric: 0.5, valMetric: null, elapsedMs: epoch });
const fakeOutput = (backend: TrainOutput['backend']) => ({ backend, probe: null, result: { metrics: { accuracy: 1 } } });

let bridges: TrainBridge[] = [];
afterEach(() => {
  bridges.forEach((b) => b.dispose());
  bridges = [];
});

/** A bridge whose n-th worker runs `apis[n]` (the last one repeats). */
function bridgeOver(apis: object[], stallMs = 20_000) {
  const workers: FakeWorker[] = [];
  const bridge = new TrainBridge({
    stallMs,
    // A fixed limit keeps the messages exact; the scaling itself is tested in trainWatchdog.test.ts.
    stallMsPerRow: 0,
    stallGapFactor: 0,
    createWorker: () => {
      const w = fakeWorker(apis[Math.min(workers.length, apis.length - 1)]);
      workers.push(w);
      return w;
    },
  });
  bridges.push(bridge);
  return { bridge, workers };
}

describe('TrainBridge over the real worker api', () => {
  test('trains, forwards epochs and statuses, and brings back the model files', async () => {
    const { bridge, workers } = bridgeOver([createTrainApi(fakeDevices())]);
    const { table, recipe } = species();
    const epochs: number[] = [];
    const statuses: string[] = [];
    const run = await bridge.train(table, recipe, spec, { backend: 'wasm', onEpoch: (e) => epochs.push(e.epoch), onStatus: (s) => statuses.push(s.message) });
    expect(run.backend).toBe('wasm');
    expect(run.recoveries).toEqual([]);
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(statuses).toEqual(['Preparing 344 rows for training…', 'Training on WASM', 'Explaining the model: shuffling each input column…', 'Explaining the model: partial dependence of the top columns…',
      'Explaining the model: contributions of single rows…', 'Saving the model…']);
    expect(run.result.model.kind === 'tf' && run.result.model.files.weights.byteLength).toBeGreaterThan(0);
    expect(run.result.metrics.accuracy).toBeGreaterThan(0.5);
    // The caller's table is copied, not transferred.
    expect(table.columns.every((c) => ('values' in c ? c.values.length : c.codes.length) === table.rowCount)).toBe(true);
    expect(workers).toHaveLength(1);
  });

  test('a lost WebGL context moves the run to WASM in a new worker, continuing after the last checkpoint', async () => {
    const trainCalls: WorkerTrainOptions[] = [];
    const spy = (api: ReturnType<typeof createTrainApi>) => ({ ...api, train: (...a: Parameters<typeof api.train>) => (trainCalls.push(a[3]!), api.train(...a)) });
    const { bridge, workers } = bridgeOver([spy(createTrainApi(fakeDevices({ gpu: true }))), spy(createTrainApi(fakeDevices()))]);
    const { table, recipe } = species();
    const seen: { backend: string; epoch: number }[] = [];
    const statuses: TrainStatus[] = [];
    let backend = '';
    const run = await bridge.train(table, recipe, spec, {
      backend: 'webgl',
      onStatus: (s) => {
        statuses.push(s);
        if (s.backend) backend = s.backend;
      },
      onEpoch: (e) => {
        seen.push({ backend, epoch: e.epoch });
        if (backend === 'webgl' && e.epoch === 2) void bridge.debugLoseDevice();
      },
    });
    expect(run.backend).toBe('wasm');
    expect(workers.map((w) => w.terminated)).toEqual([true, false]);
    expect(run.recoveries).toHaveLength(1);
    const [r] = run.recoveries;
    expect(r).toMatchObject({ from: 'webgl', to: 'wasm', cause: 'device-lost' });
    expect(r.finishedEpochs).toBeGreaterThanOrEqual(2);
    // The checkpoint of the epoch that finished last may still have been on its way.
    expect(r.resumeEpoch).toBeGreaterThanOrEqual(r.finishedEpochs);
    expect(r.resumeEpoch).toBeLessThanOrEqual(r.finishedEpochs + 1);
    expect(r.message).toBe(`The WebGL context was lost after epoch ${r.finishedEpochs} — continuing on WASM from epoch ${r.resumeEpoch}`);
    expect(statuses.map((s) => s.message)).toContain(r.message);
    expect(trainCalls[0].resume).toBeUndefined();
    expect(trainCalls[1].resume?.epoch).toBe(r.resumeEpoch - 1);
    // Statuses and epochs travel on ports of their own, so the first epoch may be seen before "Training on WebGL".
    const onGpu = seen.filter((s) => s.backend !== 'wasm').map((s) => s.epoch);
    const onWasm = seen.filter((s) => s.backend === 'wasm').map((s) => s.epoch);
    expect(onGpu.slice(0, r.resumeEpoch - 1)).toEqual(Array.from({ length: r.resumeEpoch - 1 }, (_, i) => i + 1));
    expect(onWasm).toEqual(Array.from({ length: 7 - r.resumeEpoch }, (_, i) => r.resumeEpoch + i));
    // The result's history is the whole run: the epochs from the GPU, then the ones on WASM.
    expect(run.result.history.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(run.result.history[0].loss).toBe(trainCalls[1].resume!.history[0].loss);
  });

  test('a GPU run sends a checkpoint after every epoch, and none once the GPU is gone', async () => {
    const api = createTrainApi(fakeDevices({ gpu: true }));
    const sent: number[] = [];
    const run = api.train(species().table, species().recipe, spec, { backend: 'webgl' }, (e) => {
      if (e.epoch === 3) api.debugLoseDevice();
    }, undefined, undefined, (c) => sent.push(c.epoch));
    await expect(run).rejects.toMatchObject({ name: 'DeviceLostError', message: 'The WebGL context was lost.' });
    // Epoch 3 finished, but its checkpoint was read after the loss: the caller keeps the one of epoch 2.
    expect(sent).toEqual([1, 2]);
  });

  test('CPU and WASM runs send no checkpoints', async () => {
    const sent: number[] = [];
    const api = createTrainApi(fakeDevices());
    await api.train(species().table, species().recipe, spec, { backend: 'wasm' }, undefined, undefined, undefined, (c) => sent.push(c.epoch));
    expect(sent).toEqual([]);
  });
});

describe('TrainBridge watchdog', () => {
  test('a silent run is terminated and rerun on the next backend', async () => {
    const trainCalls: WorkerTrainOptions[] = [];
    const hung = {
      train(_t: unknown, _r: unknown, _s: unknown, o: WorkerTrainOptions, onEpoch: (e: EpochLog) => void, onStatus: (s: TrainStatus) => void) {
        trainCalls.push(o);
        call(onStatus, { phase: 'train', message: 'Training on WebGPU', backend: 'webgpu', probe: { chosen: 'webgpu', why: '', candidates: [{ name: 'webgpu', available: true, msPerStep: 1 }, { name: 'webgl', available: true, msPerStep: 3 }, { name: 'wasm', available: true, msPerStep: 2 }, { name: 'cpu', available: true, msPerStep: 9 }] } });
        for (let e = 1; e <= 7; e++) call(onEpoch, epochLog(e));
        return never();
      },
    };
    const healthy = {
      train(_t: unknown, _r: unknown, _s: unknown, o: WorkerTrainOptions, _e: unknown, onStatus: (s: TrainStatus) => void) {
        trainCalls.push(o);
        call(onStatus, { phase: 'train', message: 'Training on WASM', backend: 'wasm' });
        return fakeOutput('wasm');
      },
    };
    const { bridge, workers } = bridgeOver([hung, healthy], 150);
    const { table, recipe } = species();
    const statuses: string[] = [];
    const run = await bridge.train(table, recipe, spec, { onStatus: (s) => statuses.push(s.message) });
    expect(run.backend).toBe('wasm');
    expect(run.probe?.chosen).toBe('webgpu');
    expect(trainCalls.map((o) => [o.backend, o.exclude])).toEqual([['auto', []], ['wasm', ['webgpu']]]);
    expect(run.recoveries[0]).toMatchObject({ from: 'webgpu', to: 'wasm', cause: 'stall', finishedEpochs: 7 });
    expect(statuses).toContain('WebGPU made no progress for 150 ms after epoch 7 — restarting on WASM from epoch 1');
    expect(workers[0].terminated).toBe(true);
  });

  test('signs of life keep a slow run alive', async () => {
    const slow = {
      async train(_t: unknown, _r: unknown, _s: unknown, _o: unknown, _e: unknown, onStatus: (s: TrainStatus) => void, onBeat: () => void) {
        call(onStatus, { phase: 'train', message: 'Training on CPU', backend: 'cpu' });
        // The run lasts longer than the limit (40 × 20 ms against 500 ms) while no gap comes near it:
        // a busy machine would have to hold back one 20 ms timer for half a second to break this.
        for (let i = 0; i < 40; i++) {
          await new Promise((r) => setTimeout(r, 20));
          call(onBeat);
        }
        return fakeOutput('cpu');
      },
    };
    const { bridge, workers } = bridgeOver([slow], 500);
    const { table, recipe } = species();
    const run = await bridge.train(table, recipe, spec);
    expect(run.recoveries).toEqual([]);
    expect(workers).toHaveLength(1);
  });

  test('a hang while measuring measures again without that backend', async () => {
    const probeCalls: unknown[] = [];
    const hangsOnWebGpu = {
      train(_t: unknown, _r: unknown, _s: unknown, o: WorkerTrainOptions, _e: unknown, onStatus: (s: TrainStatus) => void) {
        probeCalls.push(o.exclude);
        if (o.exclude?.includes('webgpu')) return fakeOutput('wasm');
        call(onStatus, { phase: 'probe', message: 'Measuring WebGPU…', backend: 'webgpu' });
        return never();
      },
    };
    const { bridge } = bridgeOver([hangsOnWebGpu], 150);
    const { table, recipe } = species();
    const run = await bridge.train(table, recipe, spec);
    expect(probeCalls).toEqual([[], ['webgpu']]);
    expect(run.recoveries).toEqual([{ from: 'webgpu', to: 'auto', cause: 'stall', finishedEpochs: 0, resumeEpoch: 1, message: 'WebGPU made no progress for 150 ms while measuring — measuring again without WebGPU' }]);
  });

  test('ends with a clear message when no backend is left', async () => {
    const alwaysHangs = {
      train(_t: unknown, _r: unknown, _s: unknown, o: WorkerTrainOptions, _e: unknown, onStatus: (s: TrainStatus) => void) {
        call(onStatus, { phase: 'train', message: 'Training', backend: o.backend as BackendName });
        return never();
      },
    };
    const { bridge, workers } = bridgeOver([alwaysHangs], 100);
    const { table, recipe } = species();
    await expect(bridge.train(table, recipe, spec, { backend: 'cpu' })).rejects.toThrow(
      'Training stopped: WASM made no progress for 100 ms on 344 rows, and no other backend is left to try (tried CPU, WASM). The training worker may have run out of memory, or other programs may be taking the processor; try a smaller sample or fewer features, or close other busy tabs and programs, then train again.',
    );
    expect(workers).toHaveLength(2);
  });
});

describe('TrainBridge checkpoints', () => {
  /** A stand-in checkpoint: the bridge reads only `epoch` and `done` and passes the rest on. */
  const ckpt = (epoch: number) => ({ epoch, done: false, marker: `epoch ${epoch}` });
  const probe = { chosen: 'webgpu' as const, why: '', candidates: [{ name: 'webgpu' as const, available: true, msPerStep: 1 }, { name: 'webgl' as const, available: false }, { name: 'wasm' as const, available: true, msPerStep: 2 }, { name: 'cpu' as const, available: true, msPerStep: 9 }] };

  test('a stall continues from the last checkpoint, and a second failure before a new one reuses it', async () => {
    const trainCalls: WorkerTrainOptions[] = [];
    const gpuHangs = {
      train(_t: unknown, _r: unknown, _s: unknown, o: WorkerTrainOptions, onEpoch: (e: EpochLog) => void, onStatus: (s: TrainStatus) => void, _b: unknown, onCheckpoint: (c: unknown) => void) {
        trainCalls.push(o);
        call(onStatus, { phase: 'train', message: 'Training on WebGPU', backend: 'webgpu', probe });
        for (let e = 1; e <= 5; e++) {
          call(onEpoch, epochLog(e));
          if (e < 5) call(onCheckpoint, ckpt(e));
        }
        return never();
      },
    };
    const wasmHangs = {
      train(_t: unknown, _r: unknown, _s: unknown, o: WorkerTrainOptions, _e: unknown, onStatus: (s: TrainStatus) => void) {
        trainCalls.push(o);
        call(onStatus, { phase: 'train', message: 'Training on WASM', backend: 'wasm' });
        return never();
      },
    };
    const cpuWorks = {
      train(_t: unknown, _r: unknown, _s: unknown, o: WorkerTrainOptions) {
        trainCalls.push(o);
        return fakeOutput('cpu');
      },
    };
    const { bridge } = bridgeOver([gpuHangs, wasmHangs, cpuWorks], 150);
    const { table, recipe } = species();
    const run = await bridge.train(table, recipe, spec);
    expect(trainCalls.map((o) => [o.backend, (o.resume as unknown as { marker?: string } | undefined)?.marker])).toEqual([['auto', undefined], ['wasm', 'epoch 4'], ['cpu', 'epoch 4']]);
    expect(run.recoveries.map((r) => r.message)).toEqual([
      'WebGPU made no progress for 150 ms after epoch 5 — continuing on WASM from epoch 5',
      'WASM made no progress for 150 ms after epoch 4 — continuing on CPU from epoch 5',
    ]);
    expect(run.recoveries.map((r) => r.resumeEpoch)).toEqual([5, 5]);
  });

  test('a search that loses its GPU starts again: it has no checkpoints', async () => {
    const searchCalls: unknown[] = [];
    const lost = {
      search(_t: unknown, _r: unknown, o: unknown, _trial: unknown, onStatus: (s: TrainStatus) => void) {
        searchCalls.push(o);
        call(onStatus, { phase: 'search', message: 'Searching on WebGPU', backend: 'webgpu', probe });
        const e = new Error('The WebGPU device was lost (destroyed on purpose).');
        e.name = 'DeviceLostError';
        return Promise.reject(e);
      },
    };
    const works = { search: () => ({ leaderboard: [], backend: 'wasm', probe: null }) };
    const { bridge } = bridgeOver([lost, works]);
    const { table, recipe } = species();
    const run = await bridge.search(table, recipe, { trials: 1 });
    expect(run.recoveries).toMatchObject([{ from: 'webgpu', to: 'wasm', resumeEpoch: 1, message: 'The WebGPU device was lost (destroyed on purpose) — restarting on WASM from epoch 1' }]);
  });
});

describe('TrainBridge lifecycle', () => {
  test('abort terminates the worker at once and rejects with AbortError; the next call starts a new worker', async () => {
    let calls = 0;
    const api = {
      train() {
        calls++;
        return calls === 1 ? never() : fakeOutput('cpu');
      },
    };
    const { bridge, workers } = bridgeOver([api]);
    const { table, recipe } = species();
    const controller = new AbortController();
    const first = bridge.train(table, recipe, spec, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0].terminated).toBe(true);
    await expect(bridge.train(table, recipe, spec)).resolves.toMatchObject({ backend: 'cpu' });
    expect(workers).toHaveLength(2);
  });

  test('an already aborted signal rejects without starting a worker', async () => {
    const { bridge, workers } = bridgeOver([{}]);
    const { table, recipe } = species();
    await expect(bridge.train(table, recipe, spec, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers).toHaveLength(0);
  });

  test('a crashed worker rejects the call with a message that says what to do', async () => {
    const { bridge, workers } = bridgeOver([{ train: never }]);
    const { table, recipe } = species();
    const run = bridge.train(table, recipe, spec);
    setTimeout(() => workers[0].crash('out of memory'), 50);
    await expect(run).rejects.toThrow('The training worker crashed (out of memory). Nothing was saved; try again, or reload the page if it repeats.');
    expect(workers[0].terminated).toBe(true);
  });

  test('after a crash the next call trains in a new worker', async () => {
    const { bridge, workers } = bridgeOver([{ train: never }, { train: () => fakeOutput('cpu') }]);
    const { table, recipe } = species();
    const run = bridge.train(table, recipe, spec);
    setTimeout(() => workers[0].crash('Uncaught Error: boom'), 50);
    await expect(run).rejects.toThrow(/training worker crashed/);
    await expect(bridge.train(table, recipe, spec)).resolves.toMatchObject({ backend: 'cpu' });
    expect(workers).toHaveLength(2);
  });

  test('training errors keep their name and message', async () => {
    const { bridge } = bridgeOver([{ train: () => Promise.reject(new TrainingError('Training loss became NaN at epoch 3, batch 1. Lower the learning rate.')) }]);
    const { table, recipe } = species();
    await expect(bridge.train(table, recipe, spec)).rejects.toMatchObject({ name: 'TrainingError', message: 'Training loss became NaN at epoch 3, batch 1. Lower the learning rate.' });
  });

  test('calls are queued: the second starts after the first ends', async () => {
    const order: string[] = [];
    const api = {
      async train(_t: unknown, _r: unknown, s: ModelSpec) {
        order.push(`start ${s.seed}`);
        await new Promise((r) => setTimeout(r, 30));
        order.push(`end ${s.seed}`);
        return fakeOutput('cpu');
      },
    };
    const { bridge } = bridgeOver([api]);
    const { table, recipe } = species();
    await Promise.all([bridge.train(table, recipe, { ...spec, seed: 1 }), bridge.train(table, recipe, { ...spec, seed: 2 })]);
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  test('pause and resume reach the worker', async () => {
    const seen: string[] = [];
    const { bridge } = bridgeOver([{ pause: () => seen.push('pause'), resume: () => seen.push('resume'), memory: () => ({ backend: 'cpu', numTensors: 0, numBytes: 0 }) }]);
    await bridge.memory();
    bridge.pause();
    bridge.resume();
    await bridge.memory();
    expect(seen).toEqual(['pause', 'resume']);
  });

  test('search and probe go through the same worker', async () => {
    const { bridge } = bridgeOver([createTrainApi(fakeDevices())]);
    const { table, recipe } = species();
    const trials: number[] = [];
    const run = await bridge.search(table, recipe, { kinds: ['logistic'], trials: 2, seed: 1, backend: 'cpu', onTrial: (_, i) => trials.push(i) });
    expect(run.leaderboard).toHaveLength(2);
    expect(trials).toEqual([0, 1]);
    const probe = await bridge.probe({ kind: 'logistic', options: { batchSize: 32 } }, { table, recipe });
    expect(['wasm', 'cpu']).toContain(probe.chosen);
  });
});
