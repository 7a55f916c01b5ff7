/** Shared pieces of the TrainBridge tests: a small task, stand-in results and bridges over fake workers. */
import { TrainBridge } from '../../../src/bridge/TrainBridge';
import type { EpochLog, ModelSpec } from '../../../src/core/models';
import { proposeRecipe } from '../../../src/core/recipe';
import type { TrainOutput } from '../../../src/core/training';
import { penguins } from '../core/recipe/tableOf';
import { fakeWorker, type FakeWorker } from './fakeWorker';

export const spec: ModelSpec = { kind: 'mlp', seed: 5, options: { epochs: 6, units: 16, earlyStopping: false } };
export const species = () => {
  const table = penguins();
  return { table, recipe: proposeRecipe(table, undefined, 'Species') };
};
export const never = () => new Promise<never>(() => undefined);
/** Calls a proxied callback without caring whether its port has been closed meanwhile. */
export const call = <A extends unknown[]>(f: ((...a: A) => unknown) | undefined, ...a: A) => void Promise.resolve(f?.(...a)).catch(() => undefined);
export const epochLog = (epoch: number): EpochLog => ({ epoch, loss: 1 / epoch, valLoss: null, metric: 0.5, valMetric: null, elapsedMs: epoch });
export const fakeOutput = (backend: TrainOutput['backend']) => ({ backend, probe: null, result: { metrics: { accuracy: 1 } } });

let bridges: TrainBridge[] = [];
/** Ends every bridge made by `bridgeOver` (run after each test). */
export function disposeBridges(): void {
  bridges.forEach((b) => b.dispose());
  bridges = [];
}

/** A bridge whose n-th worker runs `apis[n]` (the last one repeats). */
export function bridgeOver(apis: object[], stallMs = 20_000) {
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
