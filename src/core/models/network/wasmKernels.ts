/**
 * The WASM backend's own kernels, reached without TF.js's per-op machinery (see wasmDense.ts for
 * why), and float32 tensors of that backend read and written in place on its heap.
 */
import * as tf from '@tensorflow/tfjs';

export interface WasmModule {
  cwrap(name: string, ret: null, args: string[]): (...args: unknown[]) => void;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  HEAPF32: Float32Array;
  tfjs: { registerTensor(id: number, size: number, offset: number): void; disposeData(id: number): void };
}

export interface WasmBackend {
  wasm: WasmModule;
  dataIdNextNumber: number;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
}

export const LINEAR = 0;
export const FLOAT32 = 0;
export const RELU = 1;

export type Kernel = (...args: unknown[]) => void;

/** The kernels used here, wrapped with the argument lists tfjs-backend-wasm 4.x's own kernels pass. */
export interface Kernels {
  fusedMatMul: Kernel;
  transpose: Kernel;
  step: Kernel;
  multiply: Kernel;
}

const wrapped = new WeakMap<object, { backend: WasmBackend; kernels: Kernels } | null>();

/** The backend and its kernels when the active backend is tfjs-backend-wasm as this module knows it. */
export function wasmKernels(): { backend: WasmBackend; kernels: Kernels } | null {
  if (tf.getBackend() !== 'wasm') return null;
  const active = tf.backend();
  if (!wrapped.has(active)) wrapped.set(active, wrap(active as unknown as Partial<WasmBackend>));
  return wrapped.get(active)!;
}

function wrap(backend: Partial<WasmBackend>): { backend: WasmBackend; kernels: Kernels } | null {
  const wasm = backend.wasm;
  if (!wasm || typeof wasm.cwrap !== 'function' || typeof wasm._malloc !== 'function' || typeof wasm.tfjs?.registerTensor !== 'function'
    || typeof wasm.tfjs.disposeData !== 'function' || typeof backend.dataIdNextNumber !== 'number' || typeof backend.dataIdMap?.get !== 'function') return null;
  const n = 'number';
  try {
    return {
      backend: backend as WasmBackend,
      kernels: {
        fusedMatMul: wasm.cwrap('_FusedMatMul', null, [n, 'array', n, n, 'array', n, n, n, n, n, n, n, n]),
        transpose: wasm.cwrap('Transpose', null, [n, 'array', n, n, n, 'array', n]),
        step: wasm.cwrap('Step', null, [n, n, n, n]),
        multiply: wasm.cwrap('Multiply', null, [n, 'array', n, n, 'array', n, n, n]),
      },
    };
  } catch {
    return null;
  }
}

/** A float32 tensor of the WASM backend as a view of the heap (valid until the next call into the backend). */
export function tensorView(t: tf.Tensor): Float32Array {
  const found = wasmKernels();
  const info = found?.backend.dataIdMap.get(t.dataId);
  if (!found || !info) throw new Error('Not a tensor of the WASM backend.');
  return found.backend.wasm.HEAPF32.subarray(info.memoryOffset >> 2, (info.memoryOffset >> 2) + t.size);
}

/** Overwrites a float32 tensor of the WASM backend with `values`, in place (a variable keeps its identity). */
export function writeTensor(t: tf.Tensor, values: Float32Array): void {
  tensorView(t).set(values.subarray(0, t.size));
}
