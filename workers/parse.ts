import { expose, releaseProxy, transfer } from 'comlink';
import { outcome, recyclingBlobSource, parseCsvPart, partTransferables, runAsync, type CsvPart, type CsvPlan, type Outcome, type PartRegion } from '../src/core/table';

/** Parses one byte range of a planned CSV (the second half of a split load), into `region` (shared memory) when given. */
const api = {
  async parsePart(file: Blob, plan: CsvPlan, start: number, stop: number, onProgress: (bytes: number, rows: number) => void, region?: PartRegion): Promise<Outcome<CsvPart>> {
    const hooks = { onProgress: (p: { bytes: number; rows: number }) => onProgress(p.bytes, p.rows) };
    const result = await outcome(() => runAsync(parseCsvPart(plan, start, stop, hooks, Infinity, region), recyclingBlobSource(file, plan.fileName)));
    (onProgress as { [releaseProxy]?: () => void })[releaseProxy]?.();
    return result.ok ? transfer(result, partTransferables(result.value)) : result;
  },
};

export type ParseApi = typeof api;
expose(api);
