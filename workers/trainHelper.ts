/**
 * The second thread of split batches in the studio: started by the train worker with shared
 * memory, it brings up its own WASM backend and computes the second half of each batch's gradient.
 */
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { serveGradientHelper, type GradientHelperInit } from '../src/core/models/network';
import { browserDevices } from '../src/core/training';

const devices = browserDevices({ 'tfjs-backend-wasm.wasm': plain, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threaded });

self.onmessage = async ({ data }: MessageEvent<GradientHelperInit>) => {
  // When WASM does not start, serveGradientHelper reports it through shared memory (the backend is not WASM).
  await devices.use('wasm').catch(() => undefined);
  serveGradientHelper(data);
};
