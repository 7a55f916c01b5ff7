import { afterEach, describe, expect, test } from 'vitest';
import type { TrainStatus } from '../../../src/bridge/TrainBridge';
import { TrainingError, type ModelSpec } from '../../../src/core/models';
import { createTrainService, type WorkerTrainOptions } from '../../../src/core/training';
import { fakeDevices } from './fakeDevices';
import { bridgeOver, disposeBridges, fakeOutput, never, spec, species } from './trainBridgeFixtures';

afterEach(disposeBridges);

describe('TrainBridge over the real worker api', () => {
  test('trains, forwards epochs and statuses, and brings back the model files', async () => {
    const { bridge, workers } = bridgeOver([createTrainService(fakeDevices())]);
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
    const spy = (api: ReturnType<typeof createTrainService>) => ({ ...api, train: (...a: Parameters<typeof api.train>) => (trainCalls.push(a[3]!), api.train(...a)) });
    const { bridge, workers } = bridgeOver([spy(createTrainService(fakeDevices({ gpu: true }))), spy(createTrainService(fakeDevices()))]);
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
    const api = createTrainService(fakeDevices({ gpu: true }));
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
    const api = createTrainService(fakeDevices());
    await api.train(species().table, species().recipe, spec, { backend: 'wasm' }, undefined, undefined, undefined, (c) => sent.push(c.epoch));
    expect(sent).toEqual([]);
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
    const { bridge } = bridgeOver([createTrainService(fakeDevices())]);
    const { table, recipe } = species();
    const trials: number[] = [];
    const run = await bridge.search(table, recipe, { kinds: ['logistic'], trials: 2, seed: 1, backend: 'cpu', onTrial: (_, i) => trials.push(i) });
    expect(run.leaderboard).toHaveLength(2);
    expect(trials).toEqual([0, 1]);
    const probe = await bridge.probe({ kind: 'logistic', options: { batchSize: 32 } }, { table, recipe });
    expect(['wasm', 'cpu']).toContain(probe.chosen);
  });
});
