import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type SchemaElement } from 'hyparquet';
import { columnFromValues } from './arrowIpc';
import type { ByteSource } from './byteSource';
import type { ReadHooks } from './readHooks';
import { overrideFor, type ReadOptions } from './readOptions';
import { stringSubtype } from './stringSubtype';
import { DataError, type ColumnType, type IngestWarning, type ReadResult } from './types';
import { columnsFromCells } from './columnsFromCells';
import { parquetReadError } from './parquetError';

function asyncBuffer(source: ByteSource): AsyncBuffer {
  return {
    byteLength: source.size,
    async slice(start, end) {
      const bytes = await source.read(start, end ?? source.size);
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : bytes.slice().buffer;
    },
  };
}

/** The column type a Parquet schema element stores. */
function parquetType(e: SchemaElement): ColumnType {
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  if (logical === 'DATE' || logical === 'TIMESTAMP' || converted === 'DATE' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS') return 'datetime';
  if (e.type === 'BOOLEAN') return 'boolean';
  if (logical === 'DECIMAL' || converted === 'DECIMAL' || e.type === 'FLOAT' || e.type === 'DOUBLE') return 'float';
  if (e.type === 'INT32' || e.type === 'INT64') return 'integer';
  return 'categorical';
}

function footerError(name: string, why: string): DataError {
  return new DataError(`"${name}" is not a readable Parquet file: its footer ${why}. The file may be truncated or corrupted; copy or export it again.`, { file: name, code: 'parquet-footer' });
}

/** Reads a Parquet file column by column (hyparquet); only the byte ranges it needs are read. */
export async function readParquet(source: ByteSource, options: ReadOptions = {}, hooks: ReadHooks = {}): Promise<ReadResult> {
  const started = performance.now();
  const name = source.name;
  if (source.size < 12) throw footerError(name, `is missing (the file has only ${source.size} bytes)`);
  const tail = await source.read(source.size - 4, source.size);
  if (String.fromCharCode(...tail) !== 'PAR1') throw footerError(name, 'is missing (no closing "PAR1" marker)');
  const file = asyncBuffer(source);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw footerError(name, `could not be decoded (${(error as Error).message})`);
  }
  hooks.signal?.throwIfAborted();
  const fields = parquetSchema(metadata).children;
  const rows = Number(metadata.num_rows);
  const data = new Map<string, unknown[]>(fields.map((f) => [f.element.name, new Array(rows)]));
  // Polars writes ZSTD by default, Spark and pandas often Snappy or GZIP: the codecs load only when a Parquet file is read.
  const { compressors } = await import('hyparquet-compressors');
  try {
    await parquetRead({
      file,
      metadata,
      compressors,
      onChunk({ columnName, columnData, rowStart }) {
        const target = data.get(columnName);
        if (!target) return;
        for (let i = 0; i < columnData.length && rowStart + i < rows; i++) target[rowStart + i] = columnData[i];
      },
    });
  } catch (error) {
    throw parquetReadError(name, error);
  }
  hooks.onProgress?.({ bytes: source.size, totalBytes: source.size, rows });
  const warnings: IngestWarning[] = [];
  const columns = fields.map((f) => {
    const stored = parquetType(f.element);
    const values = data.get(f.element.name)!;
    let column = columnFromValues(f.element.name, stored, values);
    if (!('values' in column)) {
      const subtype = stringSubtype(column.codes, column.dictionary);
      column = { ...column, type: subtype, inferredType: subtype };
    }
    const override = overrideFor(options, column.name);
    if (!override || override === column.type) return column;
    // Retyping goes through the text parsers, so it behaves (and warns) exactly as for CSV.
    const cells = values.map((v) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x)) : String(v)));
    const [retyped] = columnsFromCells([column.name], [cells], { ...options, typeOverrides: { [column.name]: override } }, warnings);
    return { ...retyped, inferredType: column.inferredType };
  });
  return { table: { name, rowCount: rows, columns }, warnings, meta: { format: 'parquet', fileName: name, bytes: source.size, parseMs: performance.now() - started } };
}
