/* Modelbench service worker: precaches the whole studio (shell, workers, WASM, samples) so it opens
   and works with the network off, and adds the security headers to every response it serves, so a
   static host that cannot set headers still gets the CSP (for workers too) and cross-origin isolation.
   A new version waits until the page asks it to take over: code is never swapped under a running job. */
const VERSION = '__MB_VERSION__';
const PRECACHE = __MB_PRECACHE__;
const HEADERS = __MB_HEADERS__;
/** Workers that compile arquero expressions get 'unsafe-eval'; every other response the strict policy. */
const EVAL_CSP = __MB_EVAL_CSP__;
const EVAL_WORKERS = new RegExp(String.raw`__MB_EVAL_WORKERS__`);
const CACHE = `modelbench-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('modelbench-') && key !== CACHE) await caches.delete(key);
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
  for (const [name, value] of Object.entries(HEADERS)) headers.set(name, value);
  if (EVAL_WORKERS.test(path)) headers.set('Content-Security-Policy', EVAL_CSP);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const key = request.mode === 'navigate' ? new URL('./', self.registration.scope).href : url.href.split('#')[0];
      const cached = (await cache.match(key, { ignoreSearch: request.mode === 'navigate' })) ?? (await cache.match(url.pathname));
      if (cached) return withHeaders(cached, url.pathname);
      try {
        return withHeaders(await fetch(request), url.pathname);
      } catch (error) {
        return new Response('Modelbench is offline and this file was not cached.', { status: 503, headers: HEADERS });
      }
    })(),
  );
});
