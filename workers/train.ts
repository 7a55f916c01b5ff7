import { transfer } from 'comlink';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { checkpointBuffers } from '../src/core/models';
import { setGradientHelperFactory } from '../src/core/models/network';
import { setHistogramHelperFactory } from '../src/core/models/trees';
import { browserDevices, createTrainService } from '../src/core/training';
import { exposeService } from '../src/core/thread';

// The WASM binaries ship with the app (Vite emits them), so nothing is fetched from elsewhere.
const service = createTrainService(browserDevices({ 'tfjs-backend-wasm.wasm': plain, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threaded }));

// Large runs split work with a helper worker (shared memory: only when cross-origin isolated).
// Each `new Worker(new URL(…))` is written out whole: Vite bundles a worker only from that exact
// pattern; a URL built elsewhere is copied as a plain asset (a small one inlined as a data: URL).
const started = (worker: Worker) => (init: unknown) => {
  worker.postMessage(init);
  return { stop: () => worker.terminate() };
};
if (self.crossOriginIsolated && navigator.hardwareConcurrency >= 2) {
  setGradientHelperFactory((init) => started(new Worker(new URL('./trainHelper.ts', import.meta.url), { type: 'module', name: 'train-helper' }))(init));
  setHistogramHelperFactory((init) => started(new Worker(new URL('./treeHelper.ts', import.meta.url), { type: 'module', name: 'tree-helper' }))(init));
}

/** As the service, with checkpoints and the model's weight bytes transferred rather than copied. */
const api = {
  ...service,
  async train(...args: Parameters<typeof service.train>) {
    const onCheckpoint = args[7];
    if (onCheckpoint) args[7] = (c) => onCheckpoint(transfer(c, checkpointBuffers(c)));
    const out = await service.train(...args);
    return out.result.model.kind === 'tf' ? transfer(out, [out.result.model.files.weights.buffer as ArrayBuffer]) : out;
  },
};

export type TrainWorkerApi = typeof api;
exposeService(api);
