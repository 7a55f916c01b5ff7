import { BACKEND_LABELS, type BackendCandidate, type BackendName } from '../../models';

/** The backend the image classifier trains on, and why, in words for people. */
export interface ImageBackendChoice {
  backend: BackendName;
  why: string;
}

/**
 * Convolutions are the work a GPU does best, so a real WebGPU adapter wins without measuring; a
 * software one (SwiftShader, llvmpipe) is slower than WASM and is used only when asked for by name.
 * Otherwise WASM, then the plain CPU backend.
 */
export function chooseImageBackend(candidates: readonly BackendCandidate[], requested: 'auto' | BackendName = 'auto'): ImageBackendChoice {
  const found = (name: BackendName) => candidates.find((c) => c.name === name);
  if (requested !== 'auto') {
    const c = found(requested);
    if (c?.available) return { backend: requested, why: `${BACKEND_LABELS[requested]} was asked for${c.fallbackAdapter ? ' (a software adapter, so expect it to be slow)' : ''}.` };
    const rest = chooseImageBackend(candidates);
    return { backend: rest.backend, why: `${BACKEND_LABELS[requested]} was asked for but is unavailable${c?.reason ? ` (${c.reason})` : ''}; ${rest.why}` };
  }
  const gpu = found('webgpu');
  if (gpu?.available && !gpu.fallbackAdapter) return { backend: 'webgpu', why: `Training on the graphics card with WebGPU${gpu.device ? ` (${gpu.device})` : ''}.` };
  const noGpu = !gpu?.available ? `no WebGPU adapter${gpu?.reason ? ` (${gpu.reason})` : ''}` : 'the WebGPU adapter is a software one';
  const backend: BackendName = found('wasm')?.available ? 'wasm' : 'cpu';
  return { backend, why: `Training on the processor with ${BACKEND_LABELS[backend]}: ${noGpu}.` };
}
