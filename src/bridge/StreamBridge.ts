import type { ReadProgress } from '../core/table';
import type { StreamApi } from '../../workers/stream';
import { WorkerBridge } from './WorkerBridge';

type StreamResult = Awaited<ReturnType<StreamApi['profile']>>;

/** Streams a very large file through the profiler in a worker of its own; abort terminates it. */
export async function streamProfile(
  file: File,
  options: { target?: string },
  hooks: { signal?: AbortSignal; onProgress?: (p: ReadProgress) => void } = {},
): Promise<StreamResult> {
  const bridge = new WorkerBridge<StreamApi>({
    create: () => new Worker(new URL('../../workers/stream.ts', import.meta.url), { type: 'module' }),
    crashed: (detail) => new Error(`Streaming ${file.name} stopped (${detail}). Try again; if it repeats the browser may be short of memory.`),
    cancelled: 'Loading was cancelled.',
  });
  try {
    return await bridge.call((api, live) => api.profile(file, options, hooks.onProgress && live(hooks.onProgress)), hooks.signal);
  } finally {
    bridge.stop();
  }
}
