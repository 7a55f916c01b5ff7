import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { loadLayersFiles, type EpochLog, type ModelSpec } from '../../../../src/core/models';
import { higherIsBetter, primaryMetric } from '../../../../src/core/evaluate';
import { proposeRecipe } from '../../../../src/core/recipe';
import { createTrainService, type TrainStatus } from '../../../../src/core/training';
import { breastCancer, penguins } from '../recipe/tableOf';
import { fakeDevices } from '../../bridge/fakeDevices';

const mlp = (epochs: number): ModelSpec => ({ kind: 'mlp', seed: 3, options: { epochs, units: 16, earlyStopping: false } });
const species = () => {
  const table = penguins();
  return { table, recipe: proposeRecipe(table, undefined, 'Species') };
};

describe('probeBackends', () => {
  test('measures every backend that starts, on synthetic rows, and picks the fastest', async () => {
    const devices = fakeDevices();
    const api = createTrainService(devices);
    const statuses: string[] = [];
    const probe = await api.probeBackends({ kind: 'mlp', options: { batchSize: 64 } }, undefined, {}, (s) => statuses.push(s.message));
    const measured = probe.candidates.filter((c) => c.msPerStep !== undefined).map((c) => c.name);
    expect(measured).toEqual(['wasm', 'cpu']);
    expect(probe.candidates.find((c) => c.name === 'webgpu')).toMatchObject({ available: false, reason: 'navigator.gpu is missing' });
    const fastest = probe.candidates.filter((c) => c.msPerStep !== undefined).sort((a, b) => a.msPerStep! - b.msPerStep!)[0].name;
    expect(probe.chosen).toBe(fastest);
    expect(probe.why).toContain('per batch of 64 rows');
    expect(statuses).toEqual(['Checking which processor trains fastest…', 'Checking which processor trains fastest: timing WASM…', 'Checking which processor trains fastest: timing CPU…']);
  });

  test('a software GPU is not measured, since it cannot win, unless it is allowed to', async () => {
    const devices = fakeDevices({ gpu: true, softwareGpu: true });
    const api = createTrainService(devices);
    const probe = await api.probeBackends(mlp(300), species());
    expect(probe.candidates.find((c) => c.name === 'webgl')).toMatchObject({ available: true, fallbackAdapter: true });
    expect(probe.candidates.find((c) => c.name === 'webgl')!.msPerStep).toBeUndefined();
    expect(devices.used).toEqual(['wasm', 'cpu']);
    expect(probe.chosen).not.toBe('webgl');
    expect(probe.why).toContain('WebGL is a software fallback adapter');
    const allowed = await api.probeBackends(mlp(300), species(), { allowFallback: true });
    expect(allowed.candidates.find((c) => c.name === 'webgl')!.msPerStep).toBeGreaterThan(0);
  });

  test('models without training steps are not measured', async () => {
    const api = createTrainService(fakeDevices());
    const probe = await api.probeBackends({ kind: 'baseline' }, species());
    expect(probe.chosen).toBe('wasm');
    expect(probe.candidates.every((c) => c.msPerStep === undefined)).toBe(true);
    expect(probe.why).toMatch(/^No training steps were measured/);
  });

  test('excluded backends are reported unavailable and not measured, and the result is not kept for reuse', async () => {
    const devices = fakeDevices({ gpu: true });
    const probe = await createTrainService(devices).probeBackends(mlp(300), undefined, { exclude: ['wasm'] });
    expect(devices.used).toEqual(['webgl', 'cpu']);
    expect(probe.candidates.find((c) => c.name === 'wasm')).toMatchObject({ available: false, reason: 'failed earlier in this session' });
    expect(probe.key).toBeUndefined();
  });
});

describe('probeBackends remembers', () => {
  const wide = (units: number): ModelSpec => ({ kind: 'mlp', seed: 3, options: { epochs: 300, units } });

  test('a second request for the same device and shape returns the remembered choice without measuring', async () => {
    const devices = fakeDevices();
    const api = createTrainService(devices);
    const first = await api.probeBackends(wide(16), species());
    expect(devices.used).toEqual(['wasm', 'cpu']);
    expect(first.key).toBeDefined();
    expect(first.remembered).toBeUndefined();

    // The same worker: nothing is measured, and the note says when it was.
    const statuses: string[] = [];
    const again = await api.probeBackends(wide(16), species(), {}, (s) => statuses.push(s.message));
    expect(devices.used).toEqual(['wasm', 'cpu']);
    expect(statuses).toEqual([]);
    expect(again).toMatchObject({ chosen: first.chosen, remembered: true, key: first.key, candidates: first.candidates });
    expect(again.why).toBe(`Measured earlier on this device for a model of this shape: ${first.why}`);

    // A new worker (a later session) told what was measured before: nothing is measured either.
    const laterDevices = fakeDevices();
    const later = await createTrainService(laterDevices).probeBackends(wide(16), species(), { remembered: { [first.key!]: { ...first, key: undefined } } });
    expect(laterDevices.used).toEqual([]);
    expect(later).toMatchObject({ chosen: first.chosen, remembered: true });
  });

  test('a different shape or a different device measures', async () => {
    const devices = fakeDevices();
    const api = createTrainService(devices);
    const first = await api.probeBackends(wide(16), species());
    const wider = await api.probeBackends(wide(64), species());
    expect(devices.used).toEqual(['wasm', 'cpu', 'wasm', 'cpu']);
    expect(wider.key).not.toBe(first.key);
    expect(wider.remembered).toBeUndefined();

    const gpuDevices = fakeDevices({ gpu: true });
    const elsewhere = await createTrainService(gpuDevices).probeBackends(wide(16), species(), { remembered: { [first.key!]: first } });
    expect(gpuDevices.used).toEqual(['webgl', 'wasm', 'cpu']);
    expect(elsewhere.remembered).toBeUndefined();
  });

  test('nothing is measured when only one backend can win', async () => {
    const devices = fakeDevices();
    const probe = await createTrainService(devices).probeBackends(wide(16), species(), { exclude: ['wasm'] });
    expect(devices.used).toEqual([]);
    expect(probe.chosen).toBe('cpu');
    expect(probe.why).toMatch(/^CPU is the only processor that can train here, so nothing was measured\./);
  });
});

describe('train', () => {
  test('returns the experiment, the backend, the probe and model files that load back', async () => {
    const api = createTrainService(fakeDevices());
    const { table, recipe } = species();
    const epochs: EpochLog[] = [];
    const statuses: TrainStatus[] = [];
    const out = await api.train(table, recipe, mlp(4), { backend: 'auto' }, (e) => epochs.push(e), (s) => statuses.push(s));
    // Four epochs over some 275 rows: too little work for the measurement to pay, so WASM is taken without it.
    expect(out.backend).toBe('wasm');
    expect(out.probe?.chosen).toBe('wasm');
    expect(out.probe?.why).toMatch(/^This run is small .* WASM was taken without measuring/);
    expect(out.probe?.candidates.every((c) => c.msPerStep === undefined)).toBe(true);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(out.result.history).toHaveLength(4);
    expect(out.result.metrics.accuracy).toBeGreaterThan(out.result.baselineMetrics.accuracy);
    // Explaining the model reports its three steps, then the model is saved.
    expect(statuses.map((s) => s.phase)).toEqual(['train', 'train', 'evaluate', 'evaluate', 'evaluate', 'evaluate']);
    expect(statuses.at(-1)?.message).toBe('Saving the model…');
    // Preparing is announced (a long silent phase on large tables), then the first step.
    expect(statuses[0]).toMatchObject({ message: `Preparing ${table.rowCount} rows for training…`, backend: 'wasm', probe: out.probe });
    expect(statuses[1]).toMatchObject({ message: 'Training on WASM', backend: 'wasm' });
    const model = out.result.model;
    if (model.kind !== 'tf') throw new Error('expected a network');
    expect(model.files.weights.byteLength).toBeGreaterThan(0);
    const loaded = await loadLayersFiles(model.files);
    expect(loaded.inputs[0].shape[1]).toBe(out.result.fitted.featureNames.length);
    loaded.dispose();
  });

  test('the same seed on the CPU backend gives the same metrics', async () => {
    const api = createTrainService(fakeDevices());
    const { table, recipe } = species();
    const a = await api.train(table, recipe, mlp(3), { backend: 'cpu' });
    const b = await api.train(table, recipe, mlp(3), { backend: 'cpu' });
    expect(a.backend).toBe('cpu');
    expect(a.probe).toBeNull();
    expect(b.result.metrics).toEqual(a.result.metrics);
  });

  test('frees every tensor: the count after 10 trainings equals the count after 1', async () => {
    const api = createTrainService(fakeDevices());
    const { table, recipe } = species();
    await api.train(table, recipe, mlp(2), { backend: 'cpu', crossValidate: 2 });
    const after1 = api.memory();
    for (let i = 0; i < 10; i++) await api.train(table, recipe, { ...mlp(2), seed: i }, { backend: 'cpu' });
    const after10 = api.memory();
    expect(after10.backend).toBe('cpu');
    expect(after10.numTensors).toBe(after1.numTensors);
    expect(tf.memory().numTensors).toBe(after1.numTensors);
  });

  test('a lost GPU ends the run with a DeviceLostError, even inside cross-validation folds', async () => {
    for (const loseAt of ['epoch', 'cv'] as const) {
      const api = createTrainService(fakeDevices({ gpu: true }));
      const { table, recipe } = species();
      let calls = 0;
      const run = api.train(table, recipe, mlp(4), { backend: 'webgl', crossValidate: 2 }, (e) => {
        calls++;
        // Losing it after the last epoch leaves the loss to be found in the first fold, which gets no onEpoch.
        if (e.epoch === (loseAt === 'epoch' ? 2 : 4)) api.debugLoseDevice();
      });
      await expect(run).rejects.toMatchObject({ name: 'DeviceLostError', message: 'The WebGL context was lost.' });
      expect(calls).toBe(loseAt === 'epoch' ? 2 : 4);
    }
  });

  test('pause holds training until resume', async () => {
    const api = createTrainService(fakeDevices());
    const { table, recipe } = species();
    const at: number[] = [];
    await api.train(table, recipe, mlp(3), { backend: 'cpu' }, (e) => {
      at.push(Date.now());
      if (e.epoch === 1) {
        api.pause();
        setTimeout(() => api.resume(), 400);
      }
    });
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(350);
  });

  test('a shared pause flag is read before every batch', async () => {
    const api = createTrainService(fakeDevices());
    const { table, recipe } = species();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, 1);
    setTimeout(() => Atomics.store(flag, 0, 0), 300);
    const started = Date.now();
    let first = 0;
    await api.train(table, recipe, mlp(1), { backend: 'cpu', pauseFlag: flag }, () => (first ||= Date.now()));
    expect(first - started).toBeGreaterThanOrEqual(250);
  });

  test('sends signs of life at most once a second', async () => {
    const api = createTrainService(fakeDevices());
    const table = breastCancer();
    const beats: number[] = [];
    const started = Date.now();
    await api.train(table, proposeRecipe(table, undefined, 'diagnosis'), { kind: 'mlp', seed: 1, options: { epochs: 10, batchSize: 8, earlyStopping: false } }, { backend: 'cpu' }, undefined, undefined, () => beats.push(Date.now()));
    const elapsed = Date.now() - started;
    expect(beats.length).toBeGreaterThanOrEqual(1);
    expect(beats.length).toBeLessThanOrEqual(Math.ceil(elapsed / 1000) + 1);
  });
});

describe('search', () => {
  test('returns a leaderboard sorted best first and reports each trial', async () => {
    const api = createTrainService(fakeDevices());
    const { table, recipe } = species();
    const trials: number[] = [];
    const out = await api.search(table, recipe, { kinds: ['logistic', 'mlp'], trials: 3, seed: 1, backend: 'cpu' }, (_, i) => trials.push(i));
    expect(out.backend).toBe('cpu');
    expect(trials).toEqual([0, 1, 2]);
    expect(out.leaderboard).toHaveLength(3);
    const scores = out.leaderboard.map((e) => e.score);
    const sign = higherIsBetter(primaryMetric('multiclass')) ? -1 : 1;
    expect([...scores].sort((a, b) => sign * (a - b))).toEqual(scores);
  });
});
