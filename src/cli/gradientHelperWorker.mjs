// worker_threads entry of the Node gradient helper (see gradientHelper.ts); TypeScript runs through tsx, as in modelbench.mjs.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { useBackend } = await import('../core/models/index.ts');
const { serveGradientHelper } = await import('../core/models/network/index.ts');
await useBackend('wasm');
serveGradientHelper(workerData);
