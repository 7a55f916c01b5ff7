import { parquetWriteBuffer } from 'hyparquet-writer';
import { isNumeric, tableToArrowIPC, writeCsv, type Table } from '../table';

export type PredictionsFormat = 'csv' | 'parquet' | 'arrow';

/** Formats by file extension, for the CLI's `--out` and the studio's download name. */
export const PREDICTIONS_EXTENSIONS: Readonly<Record<PredictionsFormat, string>> = { csv: 'csv', parquet: 'parquet', arrow: 'arrow' };

export const PREDICTIONS_MIME: Readonly<Record<PredictionsFormat, string>> = { csv: 'text/csv', parquet: 'application/vnd.apache.parquet', arrow: 'application/vnd.apache.arrow.file' };

/** The format a file name asks for (`.csv`, `.parquet`, `.arrow` or `.feather`), or undefined. */
export function predictionsFormatOf(fileName: string): PredictionsFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1].toLowerCase();
  return ext === 'feather' ? 'arrow' : (Object.keys(PREDICTIONS_EXTENSIONS) as PredictionsFormat[]).find((f) => PREDICTIONS_EXTENSIONS[f] === ext);
}

/**
 * Scored table as file bytes. CSV goes through `writeCsv`, which neutralises spreadsheet formulas
 * in text cells; Parquet (hyparquet-writer) keeps types: DOUBLE, BOOLEAN, TIMESTAMP (ms) and
 * UTF-8 strings, every column nullable. Arrow IPC (flechette) keeps the table's own column types, for
 * pandas, Polars and DuckDB readers that take Arrow without a Parquet decoder.
 */
export function predictionsFile(table: Table, format: PredictionsFormat): Uint8Array {
  if (format === 'csv') return new TextEncoder().encode(writeCsv(table));
  if (format === 'arrow') return tableToArrowIPC(table);
  const columnData = table.columns.map((c) => {
    if (!isNumeric(c)) return { name: c.name, type: 'STRING' as const, data: Array.from(c.codes, (code) => (code < 0 ? null : c.dictionary[code])) };
    const missing = (v: number) => v !== v;
    if (c.type === 'boolean') return { name: c.name, type: 'BOOLEAN' as const, data: Array.from(c.values, (v) => (missing(v) ? null : v === 1)) };
    if (c.type === 'datetime') return { name: c.name, type: 'TIMESTAMP' as const, data: Array.from(c.values, (v) => (missing(v) ? null : new Date(v))) };
    return { name: c.name, type: 'DOUBLE' as const, data: Array.from(c.values, (v) => (missing(v) ? null : v)) };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}
