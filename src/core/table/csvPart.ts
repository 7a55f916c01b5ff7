import { byteDecoder } from './byteDictionary';
import { ColumnSink, type SinkPlan } from './columnSink';
import { missingMatcher } from './missingTokens';
import { parseRows, rowParser } from './parseRows';
import type { Steps } from './readSteps';
import { progressThrottle, type ReadHooks } from './readHooks';
import { isShared } from './sharedColumns';

/** Everything needed to parse a byte range of a CSV into typed columns; plain data, so it can cross to a worker. */
export interface CsvPlan {
  fileName: string;
  /** Bytes of the (UTF-8 view of the) source. */
  size: number;
  /** Offset of the first data record. */
  dataStart: number;
  delimiter: number;
  encoding: 'utf-8' | 'windows-1252';
  /** Text encoding as found in the file, for `ReadMeta`. */
  sourceEncoding: string;
  names: string[];
  sinks: SinkPlan[];
  missingTokens: string[];
  chunkBytes: number;
  /** Data rows expected in the whole file (from the sample), to size column arrays once. */
  rowEstimate: number;
}

/** One column of a parsed byte range. */
export interface PartColumn {
  values: Float64Array | null;
  codes: Int32Array | null;
  dictionary: string[] | null;
  /** Cells per dictionary entry, when the parser counted them (else `buildColumn` counts). */
  counts?: Int32Array | null;
  sawFloat: boolean;
  pattern: string;
  mismatches: number;
  /** Missing cells in `values`. */
  missing: number;
}

/** The result of parsing the records between two offsets. */
export interface CsvPart {
  start: number;
  /** Offset just past the last record parsed: the next part must start exactly here. */
  end: number;
  rows: number;
  columns: PartColumn[];
  raggedRows: number[];
  raggedCount: number;
  openQuote: number;
}

/**
 * Storage a part fills first, one array per column (Float64Array for numeric kinds, Int32Array for
 * strings): views on shared columns sized for the whole file, so two threads parse straight into the
 * table's final memory (see `splitParser`).
 */
export type PartRegion = (Float64Array | Int32Array)[];

/** Rows to make room for when parsing `[start, stop)`: the sample's estimate plus 2 % (and a little). */
export function partCapacity(plan: CsvPlan, start: number, stop: number): number {
  const share = (Math.min(stop, plan.size) - start) / Math.max(1, plan.size - plan.dataStart);
  // A record takes at least one byte per column (delimiters and line end), which bounds a bad sample's guess.
  const most = Math.ceil((share * (plan.size - plan.dataStart)) / Math.max(2, plan.names.length));
  return Math.max(16, Math.min(most, Math.ceil(plan.rowEstimate * share * 1.02)) + 16);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Parses the records starting at `start` (a record boundary) up to and including the one that
 * crosses `stop`, reading `plan.chunkBytes` at a time and carrying a partial record over.
 * Throws `WidenColumn` / `EncodingSwitch` for the reader to re-plan.
 */
export function* parseCsvPart(plan: CsvPlan, start: number, stop: number, hooks: ReadHooks = {}, maxRows = Infinity, region?: PartRegion): Steps<CsvPart> {
  const isMissing = missingMatcher(plan.missingTokens);
  const decode = byteDecoder(plan.encoding);
  const estimate = partCapacity(plan, start, stop);
  const sinks = plan.sinks.map((p, i) => new ColumnSink(p, i, isMissing, decode, estimate, region?.[i]));
  const parser = rowParser(plan.delimiter, sinks, 0, maxRows);
  const progress = progressThrottle(hooks.onProgress, plan.size);
  let pending: Uint8Array = new Uint8Array(0);
  let base = start;
  let offset = start;
  let need = 0;
  const end = plan.size;
  // `pending` only ever points into the latest chunk or into a copy, so the chunk before it is spent.
  let latest: Uint8Array | null = null;
  let spent: Uint8Array | null = null;
  for (;;) {
    hooks.signal?.throwIfAborted();
    let buffer = pending;
    if (offset < end) {
      const chunk: Uint8Array = yield { start: offset, end: Math.min(end, offset + plan.chunkBytes), ...(spent ? { release: spent } : {}) };
      spent = latest;
      latest = chunk;
      offset += chunk.length;
      if (pending.length === 0) buffer = chunk;
      else if (pending.length + chunk.length < need && offset < end) {
        pending = concat(pending, chunk);
        continue;
      } else {
        // Finish the record cut by the chunk edge in a small "seam" buffer, then parse the chunk in
        // place; copy the whole chunk only when that record runs past the chunk's first line end.
        const lf = chunk.indexOf(10);
        const cut = lf < 0 ? chunk.length : lf + 1;
        const seam = concat(pending, chunk.subarray(0, cut));
        const used = parseRows(seam, 0, seam.length, offset >= end && cut === chunk.length, base, parser, stop - base);
        base += used;
        buffer = used === seam.length ? chunk.subarray(cut) : concat(seam.subarray(used), chunk.subarray(cut));
      }
    }
    const eof = offset >= end;
    const consumed = base >= stop || parser.rows >= maxRows ? 0 : parseRows(buffer, 0, buffer.length, eof, base, parser, stop - base);
    base += consumed;
    pending = buffer.subarray(consumed);
    progress(offset, parser.rows);
    if (eof || base >= stop || parser.rows >= maxRows) break;
    // A record longer than what is buffered: gather twice as much before rescanning, so the work stays linear.
    need = consumed === 0 ? pending.length * 2 : 0;
  }
  return {
    start,
    end: base,
    rows: parser.rows,
    columns: sinks.map(toPartColumn),
    raggedRows: parser.raggedRows,
    raggedCount: parser.raggedCount,
    openQuote: parser.openQuote,
  };
}

/** The first `n` items; a view when little capacity is wasted or the array is a region of shared memory, else a compact copy. */
function fit<T extends Float64Array | Int32Array>(array: T, n: number): T {
  if (array.length === n) return array;
  if (isShared(array)) return array.subarray(0, n) as T;
  return (n >= array.length * 0.9 ? array.subarray(0, n) : array.slice(0, n)) as T;
}

function toPartColumn(sink: ColumnSink): PartColumn {
  const n = sink.length;
  const string = sink.dictionary !== null;
  return {
    values: string ? null : fit(sink.values, n),
    codes: string ? fit(sink.codes, n) : null,
    dictionary: sink.dictionary ? sink.dictionary.strings : null,
    counts: sink.dictionary ? sink.dictionary.counts.slice(0, sink.dictionary.strings.length) : null,
    sawFloat: sink.sawFloat,
    pattern: sink.pattern,
    mismatches: sink.mismatches,
    missing: sink.missingCount,
  };
}
