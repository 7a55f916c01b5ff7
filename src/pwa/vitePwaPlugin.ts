import type { Plugin, PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { securityHeaders } from './securityHeaders.mjs';

/** The web app manifest: installable with a 192 and a 512 icon. */
const MANIFEST = {
  name: 'Modelbench',
  short_name: 'Modelbench',
  description: 'Explore, model and deploy data entirely in your browser.',
  start_url: './',
  scope: './',
  display: 'standalone' as const,
  background_color: '#f6f7f9',
  theme_color: '#1d4e89',
  icons: [
    { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
  ],
};

/**
 * The dev server and `vite preview` send the production server's headers (tests/support/serve.mjs):
 * the same CSP per path and cross-origin isolation, so SharedArrayBuffer and WASM threads behave in
 * development as they do when deployed.
 */
function securityHeadersPlugin(): Plugin {
  const addHeaders = (req: { url?: string }, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    for (const [name, value] of Object.entries(securityHeaders(path))) res.setHeader(name, value);
    next();
  };
  return {
    name: 'modelbench-security-headers',
    configureServer: (server) => void server.middlewares.use(addHeaders),
    configurePreviewServer: (server) => void server.middlewares.use(addHeaders),
  };
}

/**
 * The PWA: vite-plugin-pwa builds `sw.js` from src/pwa/sw.js and injects a precache list with one
 * revision per file (hashed assets are their own revision), so an update downloads only what
 * changed. The studio registers the worker itself (src/state/updates.svelte.ts) to offer updates.
 */
export function pwa(): PluginOption[] {
  return [
    securityHeadersPlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.js',
      injectRegister: false,
      manifest: MANIFEST,
      includeManifestIcons: false,
      injectManifest: {
        globPatterns: ['**/*'],
        // The plugin adds the manifest it writes itself.
        globIgnores: ['sw.js', 'manifest.webmanifest'],
        // TF.js's WASM binaries and the sample data are a few MB each; all of it must work offline.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      },
    }),
  ];
}
