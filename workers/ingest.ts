import { transfer } from 'comlink';
import { ingestService, readyForPage, tableTransferables, type ReadResult } from '../src/core/table';
import { exposeService } from '../src/core/thread';
import { WorkerBridge } from '../src/bridge/WorkerBridge';
import type { ParseApi } from './parse';

/** The second core parses half of each large CSV in a nested worker. */
const parser = new WorkerBridge<ParseApi>({
  create: () => new Worker(new URL('./parse.ts', import.meta.url), { type: 'module' }),
  crashed: (detail) => new Error(`The CSV helper worker crashed (${detail}). Try loading the file again.`),
});
// Started with this worker, so its start-up overlaps reading the header and sample of the first file.
parser.start();

const service = ingestService(() => (file, plan, start, stop, onProgress, region) =>
  parser.call((api, live) => api.parsePart(file, plan, start, stop, live(onProgress), region)));

/** Shared where it can be, other buffers transferred. */
const send = (result: ReadResult) => {
  const ready = readyForPage(result);
  return transfer(ready, tableTransferables(ready.table));
};

const api = {
  load: async (...args: Parameters<typeof service.load>) => send(await service.load(...args)),
  retype: async (...args: Parameters<typeof service.retype>) => send(await service.retype(...args)),
};

export type IngestApi = typeof api;
exposeService(api);
