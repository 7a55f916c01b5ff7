import type { ColumnType, SourceFormat } from './types';

/** How to read a file. Every field is optional. */
export interface ReadOptions {
  /** `auto` (default): by file extension, then by sniffing the bytes. */
  format?: SourceFormat | 'auto';
  /** A single character, or `auto` (default): sniffed among comma, tab, semicolon and pipe. */
  delimiter?: string | 'auto';
  /** Cell texts read as missing; default `DEFAULT_MISSING_TOKENS`. The empty cell is always missing. */
  missingTokens?: string[];
  /** Forces column types by name; values that do not fit become missing and are counted in a warning. */
  typeOverrides?: Record<string, ColumnType>;
  /** Bytes read per chunk (default 8 MiB); results do not depend on it. */
  chunkBytes?: number;
}

export const DEFAULT_CHUNK_BYTES = 8 << 20;
/** Rows sampled to infer column types. */
export const SAMPLE_ROWS = 65536;
/** Bytes sampled to infer column types (more when the header alone is longer). */
export const SAMPLE_BYTES = 4 << 20;

/** The override for `name`, read without touching the prototype chain. */
export function overrideFor(options: ReadOptions, name: string): ColumnType | undefined {
  const overrides = options.typeOverrides;
  return overrides && Object.prototype.hasOwnProperty.call(overrides, name) ? overrides[name] : undefined;
}
