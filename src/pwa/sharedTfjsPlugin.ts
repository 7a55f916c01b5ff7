import { rolldown, type OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';

/** The TF.js packages the workers import; each becomes one entry of the shared build. */
const PACKAGES = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'];

/**
 * One TF.js for every worker. Vite bundles each worker on its own, so the train, score and boundary
 * workers (and the train worker's helper) would each carry their own 1.6–2.3 MB copy. Instead TF.js
 * is built once, as ES modules with every export kept (assets/tfjs-*.js, the parts the
 * three packages share in assets/tfjs-part-*.js), and each worker imports it by relative URL: the workers live in
 * assets/, so `./tfjs-<hash>.js` resolves from any of them. The page never imports TF.js, so its
 * first load stays TF.js-free (tests/support/first-load-size.mjs measures both).
 *
 * Returns the plugin for the page build (builds and emits TF.js) and the one for worker builds
 * (resolves the packages to the emitted files). Build only: the dev server serves node_modules.
 */
export function sharedTfjs(): { page: Plugin; worker: () => Plugin } {
  let files: Promise<{ entries: Map<string, string>; chunks: OutputChunk[] }> | null = null;
  const buildOnce = () =>
    (files ??= (async () => {
      const bundle = await rolldown({
        input: Object.fromEntries(PACKAGES.map((p) => [p.replace('@tensorflow/', ''), p])),
        platform: 'browser',
        preserveEntrySignatures: 'strict',
        transform: { define: { 'process.env.NODE_ENV': '"production"' } },
        logLevel: 'silent',
      });
      try {
        const { output } = await bundle.generate({
          format: 'es',
          minify: true,
          entryFileNames: 'assets/[name]-[hash].js',
          chunkFileNames: 'assets/tfjs-part-[hash].js',
        });
        const chunks = output.filter((o): o is OutputChunk => o.type === 'chunk');
        const entries = new Map(chunks.filter((c) => c.isEntry).map((c) => [`@tensorflow/${c.name}`, c.fileName]));
        return { entries, chunks };
      } finally {
        await bundle.close();
      }
    })());

  const page: Plugin = {
    name: 'modelbench-shared-tfjs',
    apply: 'build',
    async generateBundle() {
      for (const chunk of (await buildOnce()).chunks) this.emitFile({ type: 'asset', fileName: chunk.fileName, source: chunk.code });
    },
  };
  const worker = (): Plugin => ({
    name: 'modelbench-shared-tfjs-import',
    enforce: 'pre',
    async resolveId(id) {
      if (!PACKAGES.includes(id)) return null;
      const fileName = (await buildOnce()).entries.get(id)!;
      return { id: `./${fileName.slice('assets/'.length)}`, external: true };
    },
  });
  return { page, worker };
}
