/**
 * The second thread of split batches in the studio: started by the train worker with shared
 * memory, it brings up its own WASM backend and computes the second half of each batch's gradient.
 */
import * as tf from '@tensorflow/tfjs';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { serveGradientHelper, type GradientHelperInit } from '../src/core/models/network/sharedGradient';

self.onmessage = async ({ data }: MessageEvent<GradientHelperInit>) => {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({ 'tfjs-backend-wasm.wasm': plain, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threaded });
  try {
    await tf.setBackend('wasm');
    await tf.ready();
  } catch {
    // serveGradientHelper reports the failure through shared memory (the backend is not WASM).
  }
  serveGradientHelper(data);
};
