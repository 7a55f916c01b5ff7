import type { ForgetCheck } from './registryTypes';

/**
 * Empties Cache Storage, localStorage and sessionStorage for this origin, then looks again at
 * every place (IndexedDB included, which the caller deletes first) and reports what is left.
 */
export async function forgetOrigin(): Promise<ForgetCheck> {
  const hasCaches = 'caches' in globalThis;
  // A service worker still installing (a first visit a few seconds ago) writes its precache after
  // we empty Cache Storage; let it finish first, so the caches stay gone.
  await installSettled(10_000);
  if (hasCaches) for (const key of await caches.keys()) await caches.delete(key);
  localStorage.clear();
  sessionStorage.clear();
  const check: ForgetCheck = {
    databases: ((await indexedDB.databases?.()) ?? []).map((d) => d.name ?? ''),
    caches: hasCaches ? await caches.keys() : [],
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    clean: false,
  };
  check.clean = check.databases.length === 0 && check.caches.length === 0 && check.localStorage === 0 && check.sessionStorage === 0;
  return check;
}

/** Resolves once no service worker of this origin is installing, or after `limitMs` (then the check below names what is left). */
async function installSettled(limitMs: number): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration?.().catch(() => undefined);
  const worker = registration?.installing;
  if (!worker) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    const check = () => {
      if (worker.state === 'installing') return;
      clearTimeout(timer);
      worker.removeEventListener('statechange', check);
      resolve();
    };
    worker.addEventListener('statechange', check);
    check();
  });
}
