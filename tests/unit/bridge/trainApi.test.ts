import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { loadLayersFiles, type EpochLog, type ModelSpec } from '../../../src/core/models';
import { higherIsBetter, primaryMetric } from '../../../src/core/evaluate';
import { proposeRecipe } from '../../../src/core/recipe';
import { createTrainApi, type TrainStatus } from '../../../workers/trainApi';
import { breastCancer, penguins } from '../core/recipe/tableOf';
import { fakeDevices } from './fakeDevices';

const mlp = (epochs: number): ModelSpec => ({ kind: 'mlp', seed: 3, options: { epochs, units: 16, earlyStopping: false } });
const species = () => {
  const table = penguins();
  return { table, recipe: proposeRecipe(table, undefined, 'Species') };
};

describe('probeBackends', () => {
  test('measures every backend that starts, on synthetic rows, and picks the fastest', async () => {
    const devices = fakeDevices();
    const api = createTrainApi(devices);
    const statuses: string[] = [];
    const probe = await api.probeBackends({ kind: 'mlp', options: { batchSize: 64 } }, undefined, {}, (s) => statuses.push(s.message));
    const measured = probe.candidates.filter((c) => c.msPerStep !== undefined).map((c) => c.name);
    expect(measured).toEqual(['wasm', 'cpu']);
    expect(probe.candidates.find((c) => c.name === 'webgpu')).toMatchObject({ available: false, reason: 'navigator.gpu is missing' });
    const fastest = probe.candidates.filter((c) => c.msPerStep !== undefined).sort((a, b) => a.msPerStep! - b.msPerStep!)[0].name;
    expect(probe.chosen).toBe(fastest);
    expect(probe.why).toContain('per batch of 64 rows');
    expect(statuses).toEqual(['Measuring backends…', 'Measuring WASM…', 'Measuring CPU…']);
  });

  test('a software GPU is measured on the real data shape but not chosen', async () => {
    const api = createTrainApi(fakeDevices({ gpu: true, softwareGpu: true }));
    const probe = await api.probeBackends(mlp(1), species());
    expect(probe.candidates.find((c) => c.name === 'webgl')).toMatchObject({ available: true, fallbackAdapter: true });
    expect(probe.candidates.find((c) => c.name === 'webgl')!.msPerStep).toBeGreaterThan(0);
    expect(probe.chosen).not.toBe('webgl');
    expect(probe.why).toContain('WebGL is a software fallback adapter');
  });

  test('models without training steps are not measured', async () => {
    const api = createTrainApi(fakeDevices());
    const probe = await api.probeBackends({ kind: 'baseline' }, species());
    expect(probe.chosen).toBe('wasm');
    expect(probe.candidates.every((c) => c.msPerStep === undefined)).toBe(true);
    expect(probe.why).toMatch(/^No training steps were measured/);
  });

  test('excluded backends are reported unavailable and not measured', async () => {
    const devices = fakeDevices();
    const probe = await createTrainApi(devices).probeBackends(mlp(1), undefined, { exclude: ['wasm'] });
    expect(probe.chosen).toBe('cpu');
    expect(devices.used).toEqual(['cpu']);
    expect(probe.candidates.find((c) => c.name === 'wasm')).toMatchObject({ available: false, reason: 'failed earlier in this session' });
  });
});

describe('train', () => {
  test('returns the experiment, the backend, the probe and model files that load back', async () => {
    const api = createTrainApi(fakeDevices());
    const { table, recipe } = species();
    const epochs: EpochLog[] = [];
    const statuses: TrainStatus[] = [];
    const out = await api.train(table, recipe, mlp(4), { backend: 'auto' }, (e) => epochs.push(e), (s) => statuses.push(s));
    expect(['wasm', 'cpu']).toContain(out.backend);
    expect(out.probe?.chosen).toBe(out.backend);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(out.result.history).toHaveLength(4);
    expect(out.result.metrics.accuracy).toBeGreaterThan(out.result.baselineMetrics.accuracy);
    // Explaining the model reports its three steps, then the model is saved.
    expect(statuses.map((s) => s.phase)).toEqual(['probe', 'probe', 'probe', 'train', 'evaluate', 'evaluate', 'evaluate', 'evaluate']);
    expect(statuses.at(-1)?.message).toBe('Saving the model…');
    expect(statuses[3]).toMatchObject({ message: `Training on ${out.backend === 'wasm' ? 'WASM' : 'CPU'}`, backend: out.backend });
    const model = out.result.model;
    if (model.kind !== 'tf') throw new Error('expected a network');
    expect(model.files.weights.byteLength).toBeGreaterThan(0);
    const loaded = await loadLayersFiles(model.files);
    expect(loaded.inputs[0].shape[1]).toBe(out.result.fitted.featureNames.length);
    loaded.dispose();
  });

  test('the same seed on the CPU backend gives the same metrics', async () => {
    const api = createTrainApi(fakeDevices());
    const { table, recipe } = species();
    const a = await api.train(table, recipe, mlp(3), { backend: 'cpu' });
    const b = await api.train(table, recipe, mlp(3), { backend: 'cpu' });
    expect(a.backend).toBe('cpu');
    expect(a.probe).toBeNull();
    expect(b.result.metrics).toEqual(a.result.metrics);
  });

  test('frees every tensor: the count after 10 trainings equals the count after 1', async () => {
    const api = createTrainApi(fakeDevices());
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
      const api = createTrainApi(fakeDevices({ gpu: true }));
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
    const api = createTrainApi(fakeDevices());
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
    const api = createTrainApi(fakeDevices());
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
    const api = createTrainApi(fakeDevices());
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
    const api = createTrainApi(fakeDevices());
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
