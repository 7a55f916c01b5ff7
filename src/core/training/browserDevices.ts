/**
 * The train worker's `Devices` adapter: which TF.js backends can start in this worker, switching
 * between them, noticing a lost GPU (WebGL context or WebGPU device), and losing one on purpose for
 * tests. The decisions themselves are pure functions in core (`backendProbe`).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../models';
import { BACKEND_LABELS, isSoftwareAdapter, type BackendCandidate } from '../models';
import type { Devices } from './devices';

/** The parts of WebGPU this file touches (the DOM typings of TypeScript 5.9 have no WebGPU). */
interface GpuAdapterInfo {
  vendor?: string;
  architecture?: string;
  description?: string;
  device?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapter {
  info?: GpuAdapterInfo;
  isFallbackAdapter?: boolean;
}
interface GpuDevice {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}
interface Gpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapter | null>;
}

async function detectWebGpu(): Promise<BackendCandidate> {
  const gpu = (navigator as unknown as { gpu?: Gpu }).gpu;
  if (!gpu) return { name: 'webgpu', available: false, reason: 'navigator.gpu is missing in this browser or worker' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { name: 'webgpu', available: false, reason: 'no WebGPU adapter was offered' };
    const info = adapter.info ?? {};
    const fallback = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true || isSoftwareAdapter(info.vendor, info.architecture, info.description, info.device);
    const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
    return { name: 'webgpu', available: true, ...(name ? { device: name } : {}), ...(fallback ? { fallbackAdapter: true, reason: `software adapter${name ? ` (${name})` : ''}` } : {}) };
  } catch (e) {
    return { name: 'webgpu', available: false, reason: `requestAdapter failed: ${(e as Error).message}` };
  }
}

function detectWebGl(): BackendCandidate {
  if (typeof OffscreenCanvas === 'undefined') return { name: 'webgl', available: false, reason: 'OffscreenCanvas is missing, so WebGL cannot run in a worker' };
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return { name: 'webgl', available: false, reason: 'no WebGL2 context in this worker' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = debug ? String(gl.getParameter(debug.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
  // Free the probe context now; browsers cap live WebGL contexts.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { name: 'webgl', available: true, device: renderer, ...(isSoftwareAdapter(renderer) ? { fallbackAdapter: true, reason: `software renderer (${renderer})` } : {}) };
}

/** The GL context or GPU device behind TF.js's current backend (internals, read defensively). */
function currentGpu(): { gl?: WebGL2RenderingContext; device?: GpuDevice } {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext }; device?: GpuDevice };
  return { gl: backend.gpgpu?.gl, device: backend.device };
}

/** URLs of the three WASM binaries of `@tensorflow/tfjs-backend-wasm`, by file name. */
export type WasmPaths = Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>;

/** Devices for a browser worker; the WASM backend loads lazily, from `wasmPaths`, on first use. */
export function browserDevices(wasmPaths: WasmPaths): Devices {
  let deviceLost: string | null = null;
  let watched: GpuDevice | null = null;
  // TF.js refuses a software WebGL (failIfMajorPerformanceCaveat) unless told otherwise; it is
  // measured like any other and `chooseBackend` keeps it from winning.
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  return {
    async detect() {
      const wasm: BackendCandidate = typeof WebAssembly === 'object' ? { name: 'wasm', available: true } : { name: 'wasm', available: false, reason: 'WebAssembly is disabled' };
      // WebGL is listed (and so measured) before WebGPU: in Chromium with SwiftShader, a worker that
      // already holds a WebGPU device was seen to be refused a WebGL2 context.
      return [detectWebGl(), await detectWebGpu(), wasm, { name: 'cpu', available: true }];
    },
    async use(name) {
      if (name === 'wasm') {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        // The threaded build starts its helpers from blob: scripts, which the app's CSP (script-src
        // 'self') refuses; the failure would crash this worker, so the single-threaded SIMD build is used.
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        wasm.setWasmPaths(wasmPaths);
      }
      if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
      if (tf.getBackend() !== name && !(await tf.setBackend(name))) throw new Error(`The ${BACKEND_LABELS[name]} backend did not start.`);
      await tf.ready();
      const { device } = currentGpu();
      if (name === 'webgpu' && device && device !== watched) {
        watched = device;
        deviceLost = null;
        device.lost.then((info) => (deviceLost = `The WebGPU device was lost (${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''}).`));
      }
    },
    lost() {
      const backend = tf.getBackend();
      if (backend === 'webgl') return currentGpu().gl?.isContextLost() ? 'The WebGL context was lost.' : null;
      if (backend === 'webgpu') return deviceLost;
      return null;
    },
    loseDevice() {
      const backend = tf.getBackend();
      const { gl, device } = currentGpu();
      if (backend === 'webgl' && gl) {
        const ext = gl.getExtension('WEBGL_lose_context');
        if (!ext) throw new Error('WEBGL_lose_context is not offered here, so the WebGL context cannot be lost on purpose.');
        ext.loseContext();
        return 'WebGL context lost on purpose (WEBGL_lose_context.loseContext()).';
      }
      if (backend === 'webgpu' && device) {
        device.destroy();
        // `device.lost` settles only when this worker next gets a task; say so now, before more batches run on a dead device.
        deviceLost = 'The WebGPU device was lost (destroyed on purpose).';
        return 'WebGPU device destroyed on purpose (device.destroy()).';
      }
      throw new Error(`The ${backend} backend has no GPU to lose; train on webgl or webgpu to test device loss.`);
    },
  };
}
