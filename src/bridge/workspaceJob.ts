import { wrap, type Remote } from 'comlink';
import type { WorkspaceApi } from '../../workers/workspace';

/**
 * Runs one workspace export or import in a short-lived worker so the page never blocks on zipping,
 * inflating or hashing; a crashed worker becomes an error that says so.
 */
export async function workspaceJob<T>(call: (api: Remote<WorkspaceApi>) => Promise<T>): Promise<T> {
  const worker = new Worker(new URL('../../workers/workspace.ts', import.meta.url), { type: 'module' });
  try {
    const crashed = new Promise<never>((_, reject) =>
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        reject(new Error(`The workspace worker stopped (${e.message || 'worker error'}); nothing was changed. Try again, or reload the page if it repeats.`));
      }),
    );
    return await Promise.race([call(wrap<WorkspaceApi>(worker)), crashed]);
  } finally {
    worker.terminate();
  }
}
