import type { FingerprintApi } from '../../workers/fingerprint';
import { WorkerBridge } from './WorkerBridge';

/** Hashes a file in a short-lived worker (so a big file never blocks the page) and returns the hex digest. */
export async function fingerprintFile(file: Blob): Promise<string> {
  const bridge = new WorkerBridge<FingerprintApi>({
    create: () => new Worker(new URL('../../workers/fingerprint.ts', import.meta.url), { type: 'module' }),
    crashed: (detail) => new Error(`The file could not be fingerprinted (${detail}).`),
  });
  try {
    return await bridge.call((api) => api.fingerprint(file));
  } finally {
    bridge.stop();
  }
}
