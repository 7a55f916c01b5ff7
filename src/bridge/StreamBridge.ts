import { proxy, wrap } from 'comlink';
import type { ReadProgress } from '../core/table';
import type { StreamApi } from '../../workers/stream';

type StreamResult = Awaited<ReturnType<StreamApi['profile']>>;

/** Streams a very large file through the profiler in a worker; abort terminates it. */
export async function streamProfile(
  file: File,
  options: { target?: string },
  hooks: { signal?: AbortSignal; onProgress?: (p: ReadProgress) => void } = {},
): Promise<StreamResult> {
  const worker = new Worker(new URL('../../workers/stream.ts', import.meta.url), { type: 'module' });
  try {
    const stopped = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        reject(new Error(`Streaming ${file.name} stopped (${e.message || 'worker error'}). Try again; if it repeats the browser may be short of memory.`));
      });
      hooks.signal?.addEventListener('abort', () => reject(new DOMException('Loading was cancelled.', 'AbortError')), { once: true });
    });
    const api = wrap<StreamApi>(worker);
    return await Promise.race([api.profile(file, options, hooks.onProgress ? proxy(hooks.onProgress) : undefined), stopped]);
  } finally {
    worker.terminate();
  }
}
