import type { Remote } from 'comlink';
import type { WorkspaceApi } from '../../workers/workspace';
import { WorkerBridge } from './WorkerBridge';

/**
 * Runs one workspace export or import in a short-lived worker so the page never blocks on zipping,
 * inflating or hashing; a crashed worker becomes an error that says so.
 */
export async function workspaceJob<T>(call: (api: Remote<WorkspaceApi>) => Promise<T>): Promise<T> {
  const bridge = new WorkerBridge<WorkspaceApi>({
    create: () => new Worker(new URL('../../workers/workspace.ts', import.meta.url), { type: 'module' }),
    crashed: (detail) => new Error(`The workspace worker stopped (${detail}); nothing was changed. Try again, or reload the page if it repeats.`),
  });
  try {
    return await bridge.call(call);
  } finally {
    bridge.stop();
  }
}
