import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createImageTrainService } from '../src/core/image/cnn';
import { bitmapDecoder } from '../src/core/image';
import { browserDevices } from '../src/core/training';
import { exposeService } from '../src/core/thread';

// The WASM binaries ship with the app (Vite emits them), so nothing is fetched from elsewhere.
const service = createImageTrainService(browserDevices({ 'tfjs-backend-wasm.wasm': plain, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threaded }), bitmapDecoder);

export type ImageTrainApi = typeof service;
exposeService(service);
