/**
 * The studio's in-memory table: columnar, typed, and cheap to move between threads.
 * Every buffer here is a plain ArrayBuffer-backed typed array so a whole table can be
 * transferred (not copied) with `tableTransferables`.
 */

/** Logical column types, as shown in the schema panel and the JSON report. */
export type ColumnType =
  | 'integer'
  | 'float'
  | 'boolean'
  | 'datetime'
  | 'categorical'
  | 'text'
  | 'identifier';

export const COLUMN_TYPES: readonly ColumnType[] = [
  'integer',
  'float',
  'boolean',
  'datetime',
  'categorical',
  'text',
  'identifier',
];

export type NumericType = 'integer' | 'float' | 'boolean' | 'datetime';
export type StringType = 'categorical' | 'text' | 'identifier';

/**
 * How the values of a column looked before typing, counted over the non-missing cells.
 * The profiler uses it for the "mixed types" and "date stored as text" alerts.
 */
export interface ValueShapes {
  /** Cells that parse as a finite or infinite number. */
  numeric: number;
  /** Cells that parse as a date or date-time in a supported format. */
  datetime: number;
  /** Cells that are a boolean token (true/false, yes/no). */
  boolean: number;
  /** Everything else. */
  other: number;
}

interface ColumnBase {
  name: string;
  /** The type inferred from the data, before any user override. */
  inferredType: ColumnType;
  shapes?: ValueShapes;
}

/**
 * Numbers live in a Float64Array with NaN for missing.
 * - integer/float: the value (±Infinity allowed).
 * - boolean: 1 or 0.
 * - datetime: UTC epoch milliseconds; `format` names the text format it came from.
 * - boolean: `format` holds the file's words for false and true when they are not true/false ("No/Yes").
 */
export interface NumericColumn extends ColumnBase {
  type: NumericType;
  values: Float64Array;
  format?: string;
}

/** Strings are dictionary-encoded: `codes[i]` indexes `dictionary`, -1 marks missing. */
export interface StringColumn extends ColumnBase {
  type: StringType;
  codes: Int32Array;
  dictionary: string[];
}

export type Column = NumericColumn | StringColumn;

export interface Table {
  name: string;
  rowCount: number;
  columns: Column[];
}

/** A soft problem found while reading; shown in the UI under "Ingest warnings". */
export interface IngestWarning {
  /** Stable code, e.g. `ragged-rows`, `header-repaired`, `encoding-fallback`. */
  code: string;
  message: string;
  /** 1-based line or row numbers, at most 20 listed. */
  rows?: number[];
  /** Total occurrences, when more than listed. */
  count?: number;
  column?: string;
}

export type SourceFormat = 'csv' | 'json' | 'ndjson' | 'parquet' | 'arrow';

export interface ReadMeta {
  format: SourceFormat;
  fileName: string;
  bytes: number;
  encoding?: string;
  delimiter?: string;
  /** Wall-clock milliseconds spent parsing. */
  parseMs: number;
}

export interface ReadResult {
  table: Table;
  warnings: IngestWarning[];
  meta: ReadMeta;
  /** Per-column missing counts and mini distributions for the schema panel, when the reader computed them. */
  summaries?: import('./columnSummary').ColumnSummary[];
}

/** A hard failure reading input: names what, where and what to do. Never a crash. */
export class DataError extends Error {
  override name = 'DataError';
  constructor(
    message: string,
    readonly details: { file?: string; row?: number; column?: string | number; code?: string } = {},
  ) {
    super(message);
  }
}

export function isNumeric(column: Column): column is NumericColumn {
  return 'values' in column;
}

export function isString(column: Column): column is StringColumn {
  return 'codes' in column;
}
