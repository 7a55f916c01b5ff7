import { gunzipSource, isGzip } from './gunzip';
import { tableFromArrowIPC } from './arrowIpc';
import { readAll, type ByteSource } from './byteSource';
import { readCsv, readCsvSync } from './readCsv';
import type { ReadHooks } from './readHooks';
import { readJsonBytes, readNdjsonBytes } from './readJson';
import type { ReadOptions } from './readOptions';
import { readParquet } from './readParquet';
import { DataError, type ReadResult, type SourceFormat } from './types';

const EXTENSIONS: [RegExp, SourceFormat][] = [
  [/\.(csv|tsv|tab|psv)$/i, 'csv'],
  [/\.json$/i, 'json'],
  [/\.(ndjson|jsonl)$/i, 'ndjson'],
  [/\.(parquet|pq)$/i, 'parquet'],
  [/\.(arrow|feather|ipc|arrows)$/i, 'arrow'],
];

/** Format by magic bytes or first character; null when the head looks like plain delimited text. */
function sniffFormat(head: Uint8Array): SourceFormat | null {
  const text = String.fromCharCode(...head.subarray(0, 8));
  if (text.startsWith('PAR1')) return 'parquet';
  if (text.startsWith('ARROW1')) return 'arrow';
  if (head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) return 'arrow';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13)) i++;
  if (head[i] === 91) return 'json';
  if (head[i] === 123) return 'ndjson';
  return null;
}

/** The format of a file: by extension, then by its first bytes; CSV otherwise. */
export function detectFormat(fileName: string, head: Uint8Array): SourceFormat {
  const sniffed = sniffFormat(head);
  for (const [pattern, format] of EXTENSIONS) {
    if (!pattern.test(fileName)) continue;
    // A ".json" file holding one object per line is NDJSON; a single multi-line object stays JSON (and errors helpfully).
    if (format === 'json' && sniffed === 'ndjson') return looksLikeNdjson(head) ? 'ndjson' : 'json';
    return format;
  }
  return sniffed === 'ndjson' && !looksLikeNdjson(head) ? 'json' : (sniffed ?? 'csv');
}

function looksLikeNdjson(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.length > 1 && lines[0].trim().endsWith('}') && lines[1].trim().startsWith('{');
}

/** Reads any supported file into a typed table. Errors are `DataError`s naming the file and a remedy. */
export async function readTable(source: ByteSource, options: ReadOptions = {}, hooks: ReadHooks = {}): Promise<ReadResult> {
  hooks.signal?.throwIfAborted();
  if (source.size === 0) {
    throw new DataError(`"${source.name}" is empty (0 bytes). Choose a file with a header row and data rows.`, { file: source.name, code: 'empty-file' });
  }
  const head = await source.read(0, Math.min(source.size, 4096));
  if (isGzip(head)) return readTable(await gunzipSource(source, hooks.onProgress), options, hooks);
  const format = options.format && options.format !== 'auto' ? options.format : detectFormat(source.name, head);
  if (format === 'csv') return readCsv(source, options, hooks);
  if (format === 'parquet') return readParquet(source, options, hooks);
  const started = performance.now();
  const bytes = await readAll(source);
  hooks.signal?.throwIfAborted();
  hooks.onProgress?.({ bytes: source.size, totalBytes: source.size, rows: 0 });
  if (format === 'json') return readJsonBytes(bytes, source.name, options);
  if (format === 'ndjson') return readNdjsonBytes(bytes, source.name, options);
  const table = tableFromArrowIPC(bytes, source.name);
  return { table, warnings: [], meta: { format: 'arrow', fileName: source.name, bytes: source.size, parseMs: performance.now() - started } };
}

/** Parses a CSV held in memory (tests, small inputs), synchronously. */
export function parseCsv(bytes: Uint8Array | string, options: ReadOptions & { fileName?: string } = {}): ReadResult {
  return readCsvSync(bytes, options.fileName ?? 'data.csv', options);
}
