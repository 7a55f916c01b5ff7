import { transfer } from 'comlink';
import { createBoundaryService, type BoundaryFrame, type BoundaryInput, type BoundarySetup } from '../src/core/boundary';
import { exposeService } from '../src/core/thread';

const service = createBoundaryService();

/** As the service, with each frame's arrays transferred rather than copied. */
const api = {
  train(input: BoundaryInput, onSetup: (s: BoundarySetup) => void, onFrame: (f: BoundaryFrame) => void) {
    return service.train(input, onSetup, (f) => {
      const buffers = [f.cls, f.conf, f.curve].filter((a) => a !== undefined).map((a) => a!.buffer as ArrayBuffer);
      return onFrame(transfer(f, buffers));
    });
  },
};

export type BoundaryWorkerApi = typeof api;
exposeService(api);
