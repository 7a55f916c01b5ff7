/**
 * Devices for Node tests of the train worker's api: WASM and CPU are real TF.js backends; "webgl"
 * is a stand-in GPU that computes on the CPU backend and can be lost on purpose.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from '../../../src/core/models/backend';
import type { BackendCandidate } from '../../../src/core/models/backendProbe';
import type { Devices } from '../../../src/core/training';

export interface FakeDevices extends Devices {
  /** Backends switched to, in order. */
  readonly used: BackendName[];
}

export function fakeDevices(options: { gpu?: boolean; softwareGpu?: boolean } = {}): FakeDevices {
  let current: BackendName = 'cpu';
  let lostGpu = false;
  const used: BackendName[] = [];
  return {
    used,
    async detect() {
      const gpu: BackendCandidate = options.gpu
        ? { name: 'webgl', available: true, ...(options.softwareGpu ? { fallbackAdapter: true, reason: 'software renderer (SwiftShader)' } : {}) }
        : { name: 'webgl', available: false, reason: 'no GPU in Node' };
      return [{ name: 'webgpu', available: false, reason: 'navigator.gpu is missing' }, gpu, { name: 'wasm', available: true }, { name: 'cpu', available: true }];
    },
    async use(name) {
      if (name === 'webgpu' || (name === 'webgl' && !options.gpu)) throw new Error(`${name} is not available in Node.`);
      if (name === 'webgl' && lostGpu) throw new Error('The WebGL context was lost.');
      used.push(name);
      current = name;
      await tf.setBackend(name === 'webgl' ? 'cpu' : name);
      await tf.ready();
    },
    lost: () => (current === 'webgl' && lostGpu ? 'The WebGL context was lost.' : null),
    loseDevice() {
      if (current !== 'webgl') throw new Error(`The ${current} backend has no GPU to lose.`);
      lostGpu = true;
      return 'lost';
    },
  };
}
