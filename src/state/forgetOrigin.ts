import type { ForgetCheck } from './registryTypes';

/**
 * Empties Cache Storage, localStorage and sessionStorage for this origin, then looks again at
 * every place (IndexedDB included, which the caller deletes first) and reports what is left.
 */
export async function forgetOrigin(): Promise<ForgetCheck> {
  const hasCaches = 'caches' in globalThis;
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
