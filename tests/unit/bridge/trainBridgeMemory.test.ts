import { afterEach, expect, test } from 'vitest';
import { TrainBridge, type ProbeMemory, type TrainStatus } from '../../../src/bridge/TrainBridge';
import type { ModelSpec, ProbeResult } from '../../../src/core/models';
import { proposeRecipe } from '../../../src/core/recipe';
import { createTrainService, type WorkerTrainOptions } from '../../../src/core/training';
import { penguins } from '../core/recipe/tableOf';
import { fakeDevices } from './fakeDevices';
import { fakeWorker, type FakeWorker } from './fakeWorker';

const species = () => {
  const table = penguins();
  return { table, recipe: proposeRecipe(table, undefined, 'Species') };
};
const mlp: ModelSpec = { kind: 'mlp', seed: 3, options: { epochs: 300, units: 16 } };

let bridges: TrainBridge[] = [];
afterEach(() => {
  bridges.forEach((b) => b.dispose());
  bridges = [];
});

function bridgeWith(api: object, options: { probeMemory?: ProbeMemory; stallMs?: number } = {}) {
  const workers: FakeWorker[] = [];
  const bridge = new TrainBridge({ ...options, stallMsPerRow: 0, stallGapFactor: 0, createWorker: () => (workers.push(fakeWorker(api)), workers.at(-1)!) });
  bridges.push(bridge);
  return { bridge, workers };
}

function mapMemory() {
  const kept = new Map<string, ProbeResult>();
  return { kept, memory: { recall: () => Object.fromEntries(kept), remember: (key: string, result: ProbeResult) => void kept.set(key, result) } satisfies ProbeMemory };
}

test('a fresh measurement is remembered, and a later bridge (a new session) reuses it without measuring', async () => {
  const { kept, memory } = mapMemory();
  const { table, recipe } = species();
  const first = await bridgeWith(createTrainService(fakeDevices()), { probeMemory: memory }).bridge.probe(mlp, { table, recipe });
  expect([...kept.keys()]).toEqual([first.key]);
  // What is kept is the measurement itself, not its key or a "measured earlier" mark.
  expect(kept.get(first.key!)).toEqual({ candidates: first.candidates, chosen: first.chosen, why: first.why });

  const laterDevices = fakeDevices();
  const later = await bridgeWith(createTrainService(laterDevices), { probeMemory: memory }).bridge.probe(mlp, { table, recipe });
  expect(laterDevices.used).toEqual([]);
  expect(later).toMatchObject({ chosen: first.chosen, remembered: true });
  expect(later.why).toMatch(/^Measured earlier on this device/);
  expect(kept.size).toBe(1);
});

test('a stalled tree run stops at once, without trying another backend, and says what to do instead of reloading', async () => {
  const calls: WorkerTrainOptions[] = [];
  const hangs = {
    train(_t: unknown, _r: unknown, _s: unknown, o: WorkerTrainOptions, _e: unknown, onStatus: (s: TrainStatus) => void) {
      calls.push(o);
      void Promise.resolve(onStatus({ phase: 'train', message: 'Training in JavaScript', backend: 'cpu' })).catch(() => undefined);
      return new Promise<never>(() => undefined);
    },
  };
  const { bridge, workers } = bridgeWith(hangs, { stallMs: 100 });
  const { table, recipe } = species();
  const run = bridge.train(table, recipe, { kind: 'gbdt', seed: 1 }, {});
  await expect(run).rejects.toThrow(/^Training stopped: it made no progress for 100 ms on 344 rows\. The training worker may have run out of memory/);
  await expect(run).rejects.not.toThrow(/reload/i);
  expect(calls).toHaveLength(1);
  expect(workers).toHaveLength(1);
  expect(workers[0].terminated).toBe(true);
});
