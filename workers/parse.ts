import { transfer } from 'comlink';
import { parseFilePart, partTransferables, type PartWorker } from '../src/core/table';
import { exposeService } from '../src/core/thread';

/** Parses one byte range of a planned CSV: the second half of a split load. */
const service = {
  parsePart: async (...args: Parameters<PartWorker>) => {
    const part = await parseFilePart(...args);
    return transfer(part, partTransferables(part));
  },
};

export type ParseApi = typeof service;
exposeService(service);
