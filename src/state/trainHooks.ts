/**
 * Test hooks for the fault E2E tests, on `window.__mbTrain` (exposed as `window.__mbMetrics` is):
 * lose the train worker's GPU, or crash the worker, in the middle of a real run. Each acts only
 * on this page's own worker.
 */
import type { TrainBridge } from '../bridge/TrainBridge';

export interface TrainTestHooks {
  /** Loses the WebGL context or destroys the WebGPU device the worker trains on; resolves to what it did. */
  loseDevice(): Promise<string>;
  /** Makes the worker throw from a timer, outside any call, as a crash would. */
  crashWorker(): Promise<void>;
}

declare global {
  interface Window {
    __mbTrain?: TrainTestHooks;
  }
}

export function exposeTrainHooks(bridge: TrainBridge): void {
  if (typeof window === 'undefined') return;
  window.__mbTrain = { loseDevice: () => bridge.debugLoseDevice(), crashWorker: () => bridge.debugCrash() };
}
