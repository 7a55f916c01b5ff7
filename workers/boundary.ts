import { expose, transfer } from 'comlink';
import { createBoundaryApi, type BoundaryFrame, type BoundaryInput, type BoundarySetup } from './boundaryApi';

const api = createBoundaryApi();

/** As the core api, with each frame's arrays transferred rather than copied. */
const workerApi = {
  stop: () => api.stop(),
  train(input: BoundaryInput, onSetup: (s: BoundarySetup) => void, onFrame: (f: BoundaryFrame) => void) {
    return api.train(input, onSetup, (f) => {
      const buffers = [f.cls, f.conf, f.curve].filter((a) => a !== undefined).map((a) => a!.buffer as ArrayBuffer);
      void onFrame(transfer(f, buffers));
    });
  },
};

export type BoundaryWorkerApi = typeof workerApi;
export type { BoundaryFrame, BoundaryInput, BoundarySetup } from './boundaryApi';
expose(workerApi);
