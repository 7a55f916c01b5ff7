import * as tf from '@tensorflow/tfjs';

export type BackendName = 'wasm' | 'cpu' | 'webgl' | 'webgpu';

/**
 * Switches TF.js to `preferred`, registering the WASM or WebGPU backend on first use, and falls
 * back to the CPU backend when it cannot start. Returns the backend in use. (In a browser the
 * WASM binaries must be reachable: call `setWasmPaths` before, from the worker entry.)
 */
export async function useBackend(preferred: BackendName = 'wasm'): Promise<string> {
  try {
    if (preferred === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    if (preferred === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
    if (tf.getBackend() !== preferred && !(await tf.setBackend(preferred))) throw new Error('not available');
    await tf.ready();
  } catch {
    await tf.setBackend('cpu');
    await tf.ready();
  }
  return tf.getBackend();
}
