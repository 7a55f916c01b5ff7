import { wrap } from 'comlink';
import type { FingerprintApi } from '../../workers/fingerprint';

/** Hashes a file in a short-lived worker (so a big file never blocks the page) and returns the hex digest. */
export async function fingerprintFile(file: Blob): Promise<string> {
  const worker = new Worker(new URL('../../workers/fingerprint.ts', import.meta.url), { type: 'module' });
  try {
    const crashed = new Promise<never>((_, reject) =>
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        reject(new Error(`The file could not be fingerprinted (${e.message || 'worker error'}).`));
      }),
    );
    return await Promise.race([wrap<FingerprintApi>(worker).fingerprint(file), crashed]);
  } finally {
    worker.terminate();
  }
}
