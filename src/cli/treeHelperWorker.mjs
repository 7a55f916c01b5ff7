// worker_threads entry of the Node tree-training helper (see treeHelper.ts); TypeScript runs through tsx, as in modelbench.mjs.
// It loads first and then waits for its shared buffers, so a helper started ahead of need is ready at once; after a run it
// serves the next one sent to it.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveHistogramHelper } = await import('../core/models/trees/index.ts');
parentPort.on('message', (init) => serveHistogramHelper(init));
