import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeCsv } from '../table';
import { isNumeric, type Table } from '../table';

export type PredictionsFormat = 'csv' | 'parquet';

/**
 * Scored table as file bytes. CSV goes through `writeCsv`, which neutralises spreadsheet formulas
 * in text cells; Parquet (hyparquet-writer) keeps types: DOUBLE, BOOLEAN, TIMESTAMP (ms) and
 * UTF-8 strings, every column nullable.
 */
export function predictionsFile(table: Table, format: PredictionsFormat): Uint8Array {
  if (format === 'csv') return new TextEncoder().encode(writeCsv(table));
  const columnData = table.columns.map((c) => {
    if (!isNumeric(c)) return { name: c.name, type: 'STRING' as const, data: Array.from(c.codes, (code) => (code < 0 ? null : c.dictionary[code])) };
    const missing = (v: number) => v !== v;
    if (c.type === 'boolean') return { name: c.name, type: 'BOOLEAN' as const, data: Array.from(c.values, (v) => (missing(v) ? null : v === 1)) };
    if (c.type === 'datetime') return { name: c.name, type: 'TIMESTAMP' as const, data: Array.from(c.values, (v) => (missing(v) ? null : new Date(v))) };
    return { name: c.name, type: 'DOUBLE' as const, data: Array.from(c.values, (v) => (missing(v) ? null : v)) };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}
