import type { ByteSource } from './byteSource';
import { recyclingBlobSource } from './recyclingBlobSource';
import { columnSummary } from './columnSummary';
import { parseCsvPart, type CsvPart, type CsvPlan, type PartRegion } from './csvPart';
import { readCsv } from './readCsv';
import type { ReadHooks, ReadProgress } from './readHooks';
import type { ReadOptions } from './readOptions';
import { detectFormat, readTable } from './readTable';
import { gunzipBlob, innerName, isGzip } from './gunzip';
import { runAsync } from './readSteps';
import { shareTable } from './sharedColumns';
import { SPLIT_MIN_BYTES, splitParser } from './splitParser';
import type { ColumnType, ReadResult } from './types';

/** Runs a CSV part in a helper worker (filling `region` first when given). */
export type PartWorker = (file: Blob, plan: CsvPlan, start: number, stop: number, onProgress: (bytes: number, rows: number) => void, region?: PartRegion) => Promise<CsvPart>;

/** The helper worker's job: parses one byte range of a planned CSV, into `region` (shared memory) when given. */
export const parseFilePart: PartWorker = (file, plan, start, stop, onProgress, region) =>
  runAsync(parseCsvPart(plan, start, stop, { onProgress: (p) => onProgress(p.bytes, p.rows) }, Infinity, region), recyclingBlobSource(file, plan.fileName));

/**
 * A result ready for the page: the table on shared memory where the page is cross-origin isolated
 * (so the profile and chart workers read it without copies) and the schema panel's summaries
 * computed here, so the page does no pass over the rows.
 */
export function readyForPage(result: ReadResult): ReadResult {
  const table = shareTable(result.table);
  return { ...result, table, summaries: table.columns.map((c) => columnSummary(c, table.rowCount)) };
}

/**
 * The ingest worker's logic: loads a File (CSV split across this thread and a helper worker when
 * one is given; files under `splitMinBytes` stay on one thread), and re-reads the last File with new
 * type overrides. Keeps the File handle, never its bytes.
 */
export function ingestService(partWorker: (() => PartWorker) | null, splitMinBytes = SPLIT_MIN_BYTES) {
  let last: { file: Blob; name: string; options: ReadOptions } | null = null;

  async function read(compressed: Blob, given: string, options: ReadOptions, onProgress?: (p: ReadProgress) => void): Promise<ReadResult> {
    // A .gz file is read as the file inside, on two threads like any other.
    const gzip = isGzip(new Uint8Array(await compressed.slice(0, 2).arrayBuffer()));
    const file = gzip ? await gunzipBlob(compressed, given, onProgress) : compressed;
    const name = gzip ? innerName(given) : given;
    const source: ByteSource = recyclingBlobSource(file, name);
    const hooks: ReadHooks = { onProgress };
    // One read of the first bytes serves both the format sniff and the UTF-16 check below.
    const first = await source.read(0, Math.min(source.size, 4096));
    const format = options.format && options.format !== 'auto' ? options.format : detectFormat(name, first);
    if (format !== 'csv' || !partWorker || source.size === 0) return readTable(source, { ...options, format }, hooks);
    const run = partWorker();
    const parser = splitParser((plan, start, stop, progress, region) => run(file, plan, start, stop, progress, region), splitMinBytes);
    const utf16 = (first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff);
    return utf16 ? readCsv(source, options, hooks) : readCsv(source, options, hooks, parser);
  }

  return {
    async load(file: Blob & { name?: string }, options: ReadOptions, onProgress?: (p: ReadProgress) => void): Promise<ReadResult> {
      const name = file.name ?? 'data';
      last = { file, name, options };
      return read(file, name, options, onProgress);
    },
    async retype(overrides: Record<string, ColumnType>, onProgress?: (p: ReadProgress) => void): Promise<ReadResult> {
      if (!last) throw new Error('No file has been loaded in this worker yet; load a file before changing column types.');
      last = { ...last, options: { ...last.options, typeOverrides: overrides } };
      return read(last.file, last.name, last.options, onProgress);
    },
  };
}
