/**
 * The second thread of tree histograms in Node (the CLI, tests): a worker_threads worker serving
 * `serveHistogramHelper` (entry: treeHelperWorker.mjs).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HistogramHelperFactory } from '../core/models/trees';

export const nodeHistogramHelper: HistogramHelperFactory = (init) => {
  if (availableParallelism() < 2) return null;
  const worker = new Worker(new URL('./treeHelperWorker.mjs', import.meta.url), { workerData: init });
  // A helper that fails to start never reports ready; training then sums every row itself.
  worker.on('error', () => {});
  worker.unref();
  return { stop: () => void worker.terminate() };
};
