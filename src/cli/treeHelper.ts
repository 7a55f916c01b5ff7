/**
 * The second thread of tree training in Node (the CLI, tests): a worker_threads worker serving
 * `serveHistogramHelper` (entry: treeHelperWorker.mjs), sent its shared buffers by message.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HistogramHelperFactory } from '../core/models/trees';

/** A helper started ahead of need: loading TypeScript in a fresh thread takes a good part of a second. */
let spare: Worker | null = null;
let keepSpare = false;

function startWorker(): Worker {
  const worker = new Worker(new URL('./treeHelperWorker.mjs', import.meta.url));
  // A helper that fails to start never reports ready; training then does every pass itself.
  worker.on('error', () => {});
  worker.unref();
  return worker;
}

/** Starts a helper now, and a fresh one each time one is taken, so each training run finds one loaded (the CLI's train command). */
export function prestartHistogramHelper(): void {
  if (availableParallelism() < 2) return;
  keepSpare = true;
  spare ??= startWorker();
}

export const nodeHistogramHelper: HistogramHelperFactory = (init) => {
  if (availableParallelism() < 2) return null;
  const worker = spare ?? startWorker();
  spare = keepSpare ? startWorker() : null;
  worker.postMessage(init);
  return { stop: () => void worker.terminate() };
};
