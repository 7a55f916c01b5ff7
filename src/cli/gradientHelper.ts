/**
 * The second thread of split batches in Node (the CLI, tests): a worker_threads worker with its
 * own WASM backend serving `serveGradientHelper` (entry: gradientHelperWorker.mjs).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { GradientHelperFactory } from '../core/models/network';

export const nodeGradientHelper: GradientHelperFactory = (init) => {
  if (availableParallelism() < 2) return null;
  const worker = new Worker(new URL('./gradientHelperWorker.mjs', import.meta.url), { workerData: init });
  // A helper that fails to start never reports ready; the loop then computes both halves itself.
  worker.on('error', () => {});
  worker.unref();
  return { stop: () => void worker.terminate() };
};
