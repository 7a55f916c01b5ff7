/**
 * The second thread of tree training in Node (the CLI, tests): a worker_threads worker serving
 * `serveHistogramHelper` (entry: treeHelperWorker.mjs), sent its shared buffers by message.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HistogramHelperFactory } from '../core/models/trees';

/**
 * A helper ready ahead of need: loading TypeScript in a fresh thread takes a good part of a
 * second, CPU the training run would otherwise lose to it on a two-core machine.
 */
let spare: Worker | null = null;
let keepSpare = false;

function startWorker(): Worker {
  const worker = new Worker(new URL('./treeHelperWorker.mjs', import.meta.url));
  // A helper that fails to start never reports ready; training then does every pass itself.
  worker.on('error', () => {});
  worker.unref();
  return worker;
}

/**
 * Starts a helper now and keeps each healthy one for the next training run once a run is done
 * (the CLI's train command; `--model auto` trains many), so no run waits for or competes with a
 * thread still loading.
 */
export function prestartHistogramHelper(): void {
  if (availableParallelism() < 2) return;
  keepSpare = true;
  spare ??= startWorker();
}

export const nodeHistogramHelper: HistogramHelperFactory = (init) => {
  if (availableParallelism() < 2) return null;
  const worker = spare ?? startWorker();
  spare = null;
  worker.postMessage(init);
  return {
    // The helper returns to its message loop once told to stop; one that missed an answer is ended.
    stop: (healthy = false) => {
      if (healthy && keepSpare && spare === null) spare = worker;
      else void worker.terminate();
    },
  };
};
