/* Modelbench service worker. Workbox precaches the whole studio (shell, workers, WASM, samples) with
   one revision per file, so an update downloads only the files that changed and the studio opens
   and works with the network off. What no library does is the rest of this file: it adds the
   security headers to every response it serves, so a static host that cannot set headers still
   gets the CSP (for workers too) and cross-origin isolation. A new version waits until the page
   asks it to take over: code is never swapped under a running job. */
import { cacheNames, setCacheNameDetails } from 'workbox-core';
import { getCacheKeyForURL, matchPrecache, precache } from 'workbox-precaching';
import { securityHeaders } from './securityHeaders.mjs';

setCacheNameDetails({ prefix: 'modelbench' });
precache(self.__WB_MANIFEST);

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Builds before the per-file precache kept one whole cache per release (modelbench-<hash>).
      for (const key of await caches.keys()) if (/^modelbench-[0-9a-f]{16}$/.test(key)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

function withHeaders(response, path) {
  if (!response || response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(securityHeaders(path))) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * The precached copy: every page load is answered with index.html; other files by their URL, query
 * ignored as a fallback. None once the precache is gone ("Forget everything" deletes it): Workbox's
 * matchPrecache opens the cache, which creates it again, empty, and the studio's check that nothing
 * is left then found it (a fetch landed between the deletion and the check).
 */
async function cached(request, url) {
  if (!(await caches.has(cacheNames.precache))) return undefined;
  if (request.mode === 'navigate') return matchPrecache('index.html');
  if (getCacheKeyForURL(url.href)) return matchPrecache(url.href);
  const bare = `${url.origin}${url.pathname}`;
  return getCacheKeyForURL(bare) ? matchPrecache(bare) : undefined;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const hit = await cached(request, url);
      if (hit) return withHeaders(hit, url.pathname);
      try {
        return withHeaders(await fetch(request), url.pathname);
      } catch {
        return new Response('Modelbench is offline and this file was not cached.', { status: 503, headers: securityHeaders() });
      }
    })(),
  );
});
