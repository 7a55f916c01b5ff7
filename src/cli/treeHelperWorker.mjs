// worker_threads entry of the Node histogram helper (see treeHelper.ts); TypeScript runs through tsx, as in modelbench.mjs.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveHistogramHelper } = await import('../core/models/trees/index.ts');
serveHistogramHelper(workerData);
