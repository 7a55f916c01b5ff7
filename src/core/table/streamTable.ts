import { buildColumn } from './buildColumn';
import { EncodingSwitch, byteDecoder } from './byteDictionary';
import type { ByteSource } from './byteSource';
import { ColumnSink } from './columnSink';
import { utf8View } from './encoding';
import { missingMatcher } from './missingTokens';
import { planCsv } from './planCsv';
import { parseRows, rowParser } from './parseRows';
import { raggedWarning } from './raggedWarning';
import { progressThrottle, type ReadHooks } from './readHooks';
import { flatRecord } from './flatRecord';
import { parseNdjsonLines, recordsToResult } from './readJson';
import { DEFAULT_CHUNK_BYTES, type ReadOptions } from './readOptions';
import { runAsync } from './readSteps';
import { detectFormat, readTable } from './readTable';
import { DataError, type Column, type ColumnType, type IngestWarning, type ReadMeta, type Table } from './types';

/** What `streamTable` saw, after the last batch. */
export interface StreamSummary {
  schema: { name: string; type: ColumnType }[];
  rows: number;
  warnings: IngestWarning[];
  meta: ReadMeta;
}

type OnBatch = (batch: Table) => void | Promise<void>;

/** Rows per batch for formats read whole. */
const WHOLE_BATCH_ROWS = 65536;

function mismatchWarning(counts: Map<string, number>, schema: StreamSummary['schema']): IngestWarning[] {
  return [...counts].filter(([, n]) => n > 0).map(([name, n]) => ({
    code: 'type-mismatch',
    column: name,
    count: n,
    message: `${n} value(s) in column "${name}" did not fit its type (${schema.find((s) => s.name === name)?.type}, decided from the first rows) and were counted as missing. Read the file whole to type it from all rows.`,
  }));
}

/**
 * Reads the source chunk by chunk and hands each batch of rows to `onBatch` as a small Table with the
 * SAME schema (names + types decided from the first sample; later values that do not fit become
 * missing in numeric columns and are counted in a `type-mismatch` warning). Nothing is kept after
 * onBatch returns, so memory stays bounded by the chunk size. CSV and NDJSON stream; other formats
 * are read whole and handed out in slices.
 */
export async function streamTable(source: ByteSource, options: ReadOptions, onBatch: OnBatch, hooks: ReadHooks = {}): Promise<StreamSummary> {
  if (source.size === 0) throw new DataError(`"${source.name}" is empty (0 bytes). Choose a file with a header row and data rows.`, { file: source.name, code: 'empty-file' });
  const format = options.format && options.format !== 'auto' ? options.format : detectFormat(source.name, await source.read(0, Math.min(source.size, 4096)));
  if (format === 'csv') return streamCsv(source, options, onBatch, hooks);
  if (format === 'ndjson') return streamNdjson(source, options, onBatch, hooks);
  const { table, warnings, meta } = await readTable(source, { ...options, format }, hooks);
  for (let start = 0; start < table.rowCount || start === 0; start += WHOLE_BATCH_ROWS) {
    const end = Math.min(table.rowCount, start + WHOLE_BATCH_ROWS);
    await onBatch({ name: table.name, rowCount: end - start, columns: table.columns.map((c) => ('values' in c ? { ...c, values: c.values.slice(start, end) } : { ...c, codes: c.codes.slice(start, end) })) });
    if (end >= table.rowCount) break;
  }
  return { schema: table.columns.map((c) => ({ name: c.name, type: c.type })), rows: table.rowCount, warnings, meta };
}

async function streamCsv(source: ByteSource, options: ReadOptions, onBatch: OnBatch, hooks: ReadHooks): Promise<StreamSummary> {
  const started = performance.now();
  const view = await utf8View(source);
  let encoding: 'utf-8' | 'windows-1252' = 'utf-8';
  let planned;
  try {
    planned = await runAsync(planCsv(view.source, view.start, options, encoding, view.encoding, new Set()), view.source);
  } catch (error) {
    if (!(error instanceof EncodingSwitch)) throw error;
    encoding = 'windows-1252';
    planned = await runAsync(planCsv(view.source, view.start, options, encoding, view.encoding, new Set()), view.source);
  }
  const { plan, guesses } = planned;
  const sinkPlans = plan.sinks.map((p, i) => ({ ...p, lenient: true, integerOnly: p.integerOnly || (p.kind === 'number' && guesses[i].integer) }));
  const isMissing = missingMatcher(plan.missingTokens);
  const warnings: IngestWarning[] = [...planned.warnings];
  const mismatches = new Map<string, number>(plan.names.map((n) => [n, 0]));
  let schema: StreamSummary['schema'] | null = null;
  let rows = 0;
  let raggedRows: number[] = [];
  let raggedCount = 0;
  const progress = progressThrottle(hooks.onProgress, plan.size);
  const chunkBytes = Math.max(1, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  let pending: Uint8Array = new Uint8Array(0);
  let offset = plan.dataStart;
  let need = 0;
  for (;;) {
    hooks.signal?.throwIfAborted();
    if (offset < plan.size) {
      const chunk = await view.source.read(offset, Math.min(plan.size, offset + chunkBytes));
      offset += chunk.length;
      const joined = new Uint8Array(pending.length + chunk.length);
      joined.set(pending);
      joined.set(chunk, pending.length);
      pending = joined;
      if (offset < plan.size && pending.length < need) continue;
    }
    const eof = offset >= plan.size;
    let parser;
    let consumed;
    for (;;) {
      const decode = byteDecoder(encoding);
      const sinks = sinkPlans.map((p, i) => new ColumnSink(p, i, isMissing, decode));
      parser = rowParser(plan.delimiter, sinks, rows);
      try {
        consumed = parseRows(pending, 0, pending.length, eof, 0, parser);
        break;
      } catch (error) {
        if (!(error instanceof EncodingSwitch) || encoding !== 'utf-8') throw error;
        encoding = 'windows-1252';
        warnings.push({ code: 'encoding-fallback', message: `"${plan.fileName}" is not valid UTF-8 after row ${rows}; from there on it was read as Windows-1252. Save the file as UTF-8 to read it consistently.` });
      }
    }
    pending = pending.subarray(consumed);
    if (parser.rows > 0 || (eof && schema === null)) {
      const columns: Column[] = parser.sinks.map((sink, i) => {
        const part = {
          values: sink.dictionary ? null : sink.values.slice(0, sink.length),
          codes: sink.dictionary ? sink.codes.slice(0, sink.length) : null,
          dictionary: sink.dictionary ? sink.dictionary.strings : null,
          sawFloat: false,
          pattern: sink.pattern,
          mismatches: sink.mismatches,
          missing: sink.missingCount,
        };
        mismatches.set(plan.names[i], mismatches.get(plan.names[i])! + sink.mismatches);
        const column = buildColumn(plan.names[i], part, sinkPlans[i], guesses[i], isMissing, schema?.[i].type);
        if (sinkPlans[i].kind === 'number') column.type = guesses[i].integer ? 'integer' : 'float';
        return column;
      });
      schema ??= columns.map((c) => ({ name: c.name, type: c.type }));
      columns.forEach((c, i) => (c.type = schema![i].type as never));
      rows += parser.rows;
      raggedCount += parser.raggedCount;
      raggedRows = [...raggedRows, ...parser.raggedRows].slice(0, 20);
      await onBatch({ name: plan.fileName, rowCount: parser.rows, columns });
    }
    progress(offset, rows);
    if (eof) break;
    need = consumed === 0 ? pending.length * 2 : 0;
  }
  if (raggedCount > 0) {
    warnings.push(raggedWarning(raggedCount, raggedRows, plan.names.length));
  }
  warnings.push(...mismatchWarning(mismatches, schema!));
  const meta: ReadMeta = { format: 'csv', fileName: plan.fileName, bytes: source.size, encoding: encoding === 'windows-1252' ? encoding : plan.sourceEncoding, delimiter: String.fromCharCode(plan.delimiter), parseMs: performance.now() - started };
  return { schema: schema!, rows, warnings, meta };
}

async function streamNdjson(source: ByteSource, options: ReadOptions, onBatch: OnBatch, hooks: ReadHooks): Promise<StreamSummary> {
  const started = performance.now();
  const chunkBytes = Math.max(1, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const decoder = new TextDecoder('utf-8');
  const progress = progressThrottle(hooks.onProgress, source.size);
  const warnings: IngestWarning[] = [];
  const mismatches = new Map<string, number>();
  let schema: StreamSummary['schema'] | null = null;
  let overrides: Record<string, ColumnType> = {};
  let carry = '';
  let lines = 0;
  let rows = 0;
  for (let offset = 0; offset < source.size || carry !== ''; ) {
    hooks.signal?.throwIfAborted();
    let text = carry;
    const eof = offset >= source.size;
    if (!eof) {
      const chunk = await source.read(offset, Math.min(source.size, offset + chunkBytes));
      offset += chunk.length;
      text += decoder.decode(chunk, { stream: offset < source.size });
    }
    const cut = offset >= source.size ? text.length : text.lastIndexOf('\n') + 1;
    carry = text.slice(cut);
    const block = text.slice(0, cut).split(/\r?\n/);
    if (cut === text.length && block[block.length - 1] === '') block.pop();
    const firstLine = lines;
    const records = parseNdjsonLines(block, source.name, firstLine);
    lines += block.length;
    if (records.length > 0) {
      const batchWarnings: IngestWarning[] = [];
      const names = schema?.map((s) => s.name);
      // Later batches take the first batch's columns, nested fields under their paths as it read them.
      const shaped = names ? records.map((r) => {
        const flat = flatRecord(r as Record<string, unknown>);
        return Object.fromEntries(names.map((n) => [n, flat[n] ?? null]));
      }) : records;
      const result = recordsToResult(shaped, source.name, 'ndjson', { ...options, typeOverrides: { ...options.typeOverrides, ...overrides } }, batchWarnings, 'utf-8', source.size, started, firstLine);
      if (!schema) {
        schema = result.table.columns.map((c) => ({ name: c.name, type: c.type }));
        overrides = Object.fromEntries(schema.map((s) => [s.name, s.type]));
        warnings.push(...batchWarnings.filter((w) => w.code !== 'type-override'));
      }
      for (const w of batchWarnings) if (w.code === 'type-override' && w.column) mismatches.set(w.column, (mismatches.get(w.column) ?? 0) + (w.count ?? 0));
      result.table.columns.forEach((c, i) => (c.type = schema![i].type as never));
      rows += result.table.rowCount;
      await onBatch(result.table);
    }
    progress(offset, rows);
    if (eof) break;
  }
  schema ??= [];
  warnings.push(...mismatchWarning(mismatches, schema));
  return { schema, rows, warnings, meta: { format: 'ndjson', fileName: source.name, bytes: source.size, encoding: 'utf-8', parseMs: performance.now() - started } };
}
