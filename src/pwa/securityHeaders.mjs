/**
 * The Content-Security-Policy and the other security headers, in one place. index.html carries the
 * same policy in a <meta> tag (checked by a test); the production server (tests/support/serve.mjs),
 * the dev and preview servers (vite.config.ts) and the service worker send them as headers, so that
 * worker scripts, which do not inherit the page's <meta> policy, are held to it too. Plain JavaScript
 * so that Node, Vite's config and the service worker's build all import the same file.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'", 'blob:', 'data:'],
  'img-src': ["'self'", 'blob:', 'data:'],
  'font-src': ["'self'", 'data:'],
  'media-src': ["'self'", 'blob:', 'data:'],
  'frame-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'manifest-src': ["'self'"],
};

/**
 * Arquero compiles derive expressions with `Function`, so the three workers that evaluate them (the
 * recipe worker validates, the train worker fits and transforms, the score worker transforms rows
 * for batch scoring) are the only scripts whose policy adds 'unsafe-eval'. Vite names a worker's
 * bundle after its entry file: assets/<entry>-<hash>.js (the dev server serves workers/<entry>.ts).
 * tests/e2e/build-scan.e2e.ts fails when any other bundle file contains the `Function` constructor.
 */
export const EVAL_WORKERS = /\/(assets\/(recipe|train|score)-[\w-]+\.js|workers\/(recipe|train|score)\.ts)$/;

export function cspString(directives = CSP_DIRECTIVES) {
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** The policy for a response at `path`: the strict one, or with 'unsafe-eval' for the expression workers. */
export function cspFor(path) {
  if (!EVAL_WORKERS.test(path)) return cspString();
  return cspString({ ...CSP_DIRECTIVES, 'script-src': [...CSP_DIRECTIVES['script-src'], "'unsafe-eval'"] });
}

/** Every security header for a response at `path`: the CSP, cross-origin isolation (COOP/COEP, so
 * SharedArrayBuffer and TF.js's WASM threads work), and no sniffing or referrers. */
export function securityHeaders(path = '/') {
  return {
    'Content-Security-Policy': cspFor(path),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
