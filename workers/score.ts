/**
 * The score worker. ScoreBridge starts it from a small blob: module that first runs each model's
 * generated scorer (the classic-script form of scorer.mjs) and pushes it to `ModelbenchScorers`,
 * then imports this file, so the studio scores with exactly the code it ships and needs no eval.
 */
import * as tf from '@tensorflow/tfjs';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { useBackend, type BackendName } from '../src/core/models';
import { createScoreService, type Scorer } from '../src/core/scoring';
import { exposeService } from '../src/core/thread';

let wasmReady = false;
const service = createScoreService({
  scorer: (index) => (globalThis as { ModelbenchScorers?: (Scorer | null)[] }).ModelbenchScorers?.[index] ?? null,
  async useBackend(backend: BackendName) {
    if (backend === 'wasm' && !wasmReady) {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // Threads would start blob: workers that load scripts the page policy refuses; one thread is enough for one row.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      wasm.setWasmPaths({ 'tfjs-backend-wasm.wasm': plainWasm, 'tfjs-backend-wasm-simd.wasm': simdWasm, 'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm });
      wasmReady = true;
    }
    return (await useBackend(backend)) === backend;
  },
});

export type ScoreWorkerApi = typeof service;
exposeService(service);
// The blob wrapper imports this module after the worker started, so say when messages will be heard.
postMessage({ modelbenchScoreReady: true });
