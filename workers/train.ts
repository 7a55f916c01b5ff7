import { expose, transfer } from 'comlink';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { checkpointBuffers } from '../src/core/models';
import { setGradientHelperFactory } from '../src/core/models/network/sharedGradient';
import { setHistogramHelperFactory } from '../src/core/models/trees/prepare';
import { createTrainApi } from './trainApi';
import { browserDevices } from './trainDevices';

// The WASM binaries ship with the app (Vite emits them), so nothing is fetched from elsewhere.
const api = createTrainApi(browserDevices({ 'tfjs-backend-wasm.wasm': plain, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threaded }));

// Large dense runs on WASM split each batch with a helper worker (shared memory: only when cross-origin isolated).
if (self.crossOriginIsolated && navigator.hardwareConcurrency >= 2) {
  setGradientHelperFactory((init) => {
    const helper = new Worker(new URL('./trainHelper.ts', import.meta.url), { type: 'module', name: 'train-helper' });
    helper.postMessage(init);
    return { stop: () => helper.terminate() };
  });
  // Tree histograms: a helper sums half of each large node's rows.
  setHistogramHelperFactory((init) => {
    const helper = new Worker(new URL('./treeHelper.ts', import.meta.url), { type: 'module', name: 'tree-helper' });
    helper.postMessage(init);
    return { stop: () => helper.terminate() };
  });
}

/** As the core api, with the model's weight bytes transferred rather than copied. */
const workerApi = {
  ...api,
  async train(...args: Parameters<typeof api.train>) {
    const onCheckpoint = args[7];
    // Checkpoints leave by transfer: the worker keeps none, and a lost GPU may take the worker with it.
    if (onCheckpoint) args[7] = (c) => onCheckpoint(transfer(c, checkpointBuffers(c)));
    const out = await api.train(...args);
    const model = out.result.model;
    return model.kind === 'tf' ? transfer(out, [model.files.weights.buffer as ArrayBuffer]) : out;
  },
};

export type TrainWorkerApi = typeof workerApi;
export type { TrainStatus, TrainOutput, ModelArtifacts, WorkerTrainOptions, WorkerSearchOptions, ProbeOptions } from './trainApi';
expose(workerApi);
