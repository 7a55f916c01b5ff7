import { expose, proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import { columnSummary, ingestService, outcome, shareTable, tableTransferables, type ColumnType, type CsvPart, type Outcome, type ReadOptions, type ReadProgress, type ReadResult } from '../src/core/table';
import type { ParseApi } from './parse';

let parser: { api: Remote<ParseApi>; crashed: Promise<never> } | null = null;

function startParser() {
  const worker = new Worker(new URL('./parse.ts', import.meta.url), { type: 'module' });
  // A crash of the helper must fail the load, not leave it waiting forever.
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      parser = null;
      reject(new Error(`The CSV helper worker crashed (${event.message || 'no message'}). Try loading the file again.`));
    });
  });
  crashed.catch(() => undefined);
  return { api: wrap<ParseApi>(worker), crashed };
}

// Started with this worker, so its start-up overlaps reading the header and sample of the first file.
parser = startParser();

/** The second core parses half of each large CSV in a nested worker. */
const service = ingestService(() => {
  const helper = (parser ??= startParser());
  return async (file, plan, start, stop, onProgress, region): Promise<Outcome<CsvPart>> => {
    const progress = proxy(onProgress);
    return Promise.race([helper.api.parsePart(file, plan, start, stop, progress, region), helper.crashed]);
  };
});

/**
 * The schema panel's summaries are computed here, so the page does no pass over the rows. The table
 * goes out on shared memory where the page is cross-origin isolated (a split load's merge already put
 * it there), so the profile and chart workers read it without copies; other buffers are transferred.
 */
function send(result: Outcome<ReadResult>) {
  if (!result.ok) return result;
  const table = shareTable(result.value.table);
  result.value.table = table;
  result.value.summaries = table.columns.map((c) => columnSummary(c, table.rowCount));
  return transfer(result, tableTransferables(table));
}

/** Progress callbacks arrive as Comlink proxies; closing them when a call ends frees their ports. */
function release(callback: unknown): void {
  (callback as { [releaseProxy]?: () => void } | undefined)?.[releaseProxy]?.();
}

const api = {
  async load(file: File, options: ReadOptions, onProgress?: (p: ReadProgress) => void): Promise<Outcome<ReadResult>> {
    const result = await outcome(() => service.load(file, options, onProgress));
    release(onProgress);
    return send(result);
  },
  async retype(overrides: Record<string, ColumnType>, onProgress?: (p: ReadProgress) => void): Promise<Outcome<ReadResult>> {
    const result = await outcome(() => service.retype(overrides, onProgress));
    release(onProgress);
    return send(result);
  },
};

export type IngestApi = typeof api;
expose(api);
