import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { pwa } from './src/pwa/vitePwaPlugin.ts';
import { sharedTfjs } from './src/pwa/sharedTfjsPlugin.ts';

/** One TF.js build shared by every worker that needs it (see the plugin). */
const tfjs = sharedTfjs();

export default defineConfig({
  plugins: [svelte(), pwa(), tfjs.page],
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es', plugins: () => [tfjs.worker()] },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
