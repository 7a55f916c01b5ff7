import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { pwa } from './src/pwa/vitePwaPlugin.ts';
import { sharedTfjs } from './src/pwa/sharedTfjsPlugin.ts';

/**
 * Unit test files that change process-wide state (module mocks, fake timers, spies on process or
 * console, the TF.js backend, environment variables, the tree helper thread) or register hooks from
 * a shared helper module: each runs in a fresh process. Add a file here when it does any of these.
 */
const PROCESS_WIDE = [
  'tests/unit/cli/**/*.test.ts',
  'tests/unit/bridge/TrainBridge.test.ts',
  'tests/unit/bridge/trainBridgeMemory.test.ts',
  'tests/unit/core/abtest/abCli.test.ts',
  'tests/unit/core/deploy/cli.test.ts',
  'tests/unit/core/deploy/dateAgreement.test.ts',
  'tests/unit/core/deploy/treesBundle.test.ts',
  'tests/unit/core/image/cnn/*.test.ts',
  'tests/unit/core/models/explain/denseTail.test.ts',
  'tests/unit/core/models/network/*.test.ts',
  'tests/unit/core/models/train.test.ts',
  'tests/unit/core/models/trainWatchdog.test.ts',
  'tests/unit/core/models/trees/sharedHistogram.test.ts',
  'tests/unit/core/models/trees/trainers.test.ts',
  'tests/unit/core/profile/cli.test.ts',
  'tests/unit/core/table/parquetMissingCodec.test.ts',
  'tests/unit/core/training/trainService.test.ts',
  'tests/unit/state/matrixPreview.test.ts',
  'tests/unit/state/registry-full.test.ts',
  'tests/unit/state/registryFolderPicked.test.ts',
  'tests/unit/state/imagesExtractor.test.ts',
  // tests/unit/storage/helpers.ts closes each test's databases from a module-level afterEach, which
  // a shared process would register for the first file only.
  'tests/unit/storage/**/*.test.ts',
  'tests/unit/trust/workspaceBomb.test.ts',
];

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
    // No `include` here: projects extend this block and would add their own to it.
    environment: 'node',
    testTimeout: 60_000,
    // Hooks train the models their tests share; Vitest's default of 10 s was a wall-clock limit a
    // loaded machine hit (a 3-epoch MLP in `beforeAll` at load average 12–17), not a condition.
    hookTimeout: 60_000,
    // Vitest runs one file at a time on a 2-core machine (its default is cores − 1): two keep both
    // cores busy, since the main process mostly waits while the workers run tests.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Importing TF.js and the studio's modules again for every file cost more than running the
    // tests: files share worker processes, except those that change process-wide state.
    projects: [
      { extends: true, test: { name: 'shared', include: ['tests/unit/**/*.test.ts'], exclude: PROCESS_WIDE, isolate: false } },
      { extends: true, test: { name: 'isolated', include: PROCESS_WIDE } },
    ],
  },
});
