import { afterEach, describe, expect, test } from 'vitest';
import type { TrainStatus } from '../../../src/bridge/TrainBridge';
import type { EpochLog } from '../../../src/core/models';
import type { BackendName } from '../../../src/core/models/backend';
import type { WorkerTrainOptions } from '../../../src/core/training';
import { bridgeOver, call, disposeBridges, epochLog, fakeOutput, never, spec, species } from './trainBridgeFixtures';

afterEach(disposeBridges);

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

  test('a run on a named GPU backend may stay silent longer while it compiles its shaders', async () => {
    const compiling = {
      async train(_t: unknown, _r: unknown, _s: unknown, _o: unknown, _e: unknown, onStatus: (s: TrainStatus) => void) {
        call(onStatus, { phase: 'train', message: 'Training on WebGPU', backend: 'webgpu' });
        // Silent for longer than the usual limit (150 ms), well inside three times it.
        await new Promise((r) => setTimeout(r, 200));
        return fakeOutput('webgpu');
      },
    };
    const { bridge, workers } = bridgeOver([compiling], 150);
    const { table, recipe } = species();
    const run = await bridge.train(table, recipe, spec, { backend: 'webgpu' });
    expect(run.recoveries).toEqual([]);
    expect(run.backend).toBe('webgpu');
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
