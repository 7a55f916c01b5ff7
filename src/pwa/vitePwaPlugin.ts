import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { securityHeaders } from '../../tests/support/serve.mjs';
import { cspFor, EVAL_WORKERS } from '../../tests/support/csp.mjs';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * Emits `sw.js` (precaching every built file and every file in public/) and the web app manifest.
 * The cache version is a hash of the file list and contents, so any change ships as an update.
 */
export function pwa(): Plugin {
  return {
    name: 'modelbench-pwa',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicDir = 'public';
      const publicFiles = walk(publicDir).map((p) => relative(publicDir, p).split('\\').join('/'));
      const built = Object.keys(bundle);
      const files = ['./', ...new Set([...built, ...publicFiles, 'manifest.webmanifest'])].filter((f) => f !== 'sw.js').sort();
      const hash = createHash('sha256');
      for (const [name, chunk] of Object.entries(bundle)) hash.update(name).update('code' in chunk ? chunk.code : chunk.source);
      for (const f of publicFiles) hash.update(f).update(readFileSync(join(publicDir, f)));
      const version = hash.digest('hex').slice(0, 16);
      const { 'Content-Security-Policy': csp, 'Cross-Origin-Opener-Policy': coop, 'Cross-Origin-Embedder-Policy': coep } =
        securityHeaders();
      const source = readFileSync(new URL('./sw.js', import.meta.url), 'utf8')
        .replace('__MB_VERSION__', version)
        .replace('__MB_PRECACHE__', JSON.stringify(files.map((f) => (f === './' ? f : `./${f}`))))
        .replace(
          '__MB_HEADERS__',
          JSON.stringify({ 'Content-Security-Policy': csp, 'Cross-Origin-Opener-Policy': coop, 'Cross-Origin-Embedder-Policy': coep }),
        )
        .replace('__MB_EVAL_CSP__', JSON.stringify(cspFor('/assets/train-x.js')))
        .replace('__MB_EVAL_WORKERS__', EVAL_WORKERS.source);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.webmanifest',
        source: JSON.stringify(
          {
            name: 'Modelbench',
            short_name: 'Modelbench',
            description: 'Explore, model and deploy data entirely in your browser.',
            start_url: './',
            scope: './',
            display: 'standalone',
            background_color: '#f6f7f9',
            theme_color: '#1d4e89',
            icons: [
              { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
              { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
              { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
            ],
          },
          null,
          2,
        ),
      });
    },
  };
}
