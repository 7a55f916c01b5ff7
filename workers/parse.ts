import { expose, releaseProxy, transfer } from 'comlink';
import { blobSource, outcome, parseCsvPart, partTransferables, runAsync, type CsvPart, type CsvPlan, type Outcome } from '../src/core/table';

/** Parses one byte range of a planned CSV (the second half of a split load). */
const api = {
  async parsePart(file: Blob, plan: CsvPlan, start: number, stop: number, onProgress: (bytes: number, rows: number) => void): Promise<Outcome<CsvPart>> {
    const result = await outcome(() => runAsync(parseCsvPart(plan, start, stop, { onProgress: (p) => onProgress(p.bytes, p.rows) }), blobSource(file, plan.fileName)));
    (onProgress as { [releaseProxy]?: () => void })[releaseProxy]?.();
    return result.ok ? transfer(result, partTransferables(result.value)) : result;
  },
};

export type ParseApi = typeof api;
expose(api);
