import type { Remote } from 'comlink';
import type { RegistryFolderApi } from '../../workers/registryFolder';
import { WorkerBridge } from './WorkerBridge';

/**
 * Runs one registry folder import or export in a short-lived worker, so bundling, hashing and
 * zipping never block the page; a crashed worker becomes an error that says so.
 */
export async function registryFolderJob<T>(call: (api: Remote<RegistryFolderApi>) => Promise<T>): Promise<T> {
  const bridge = new WorkerBridge<RegistryFolderApi>({
    create: () => new Worker(new URL('../../workers/registryFolder.ts', import.meta.url), { type: 'module' }),
    crashed: (detail) => new Error(`The registry folder worker stopped (${detail}); nothing more was changed. Try again, or reload the page if it repeats.`),
  });
  try {
    return await bridge.call(call);
  } finally {
    bridge.stop();
  }
}
