import { DataError } from './types';

/** Codecs the reader decodes (hyparquet's own Snappy, the rest from hyparquet-compressors). */
const PARQUET_CODECS = ['Snappy', 'ZSTD', 'GZIP', 'Brotli', 'LZ4', 'no compression'];

/**
 * A failure while decoding Parquet pages, worded for its cause: a feature the reader lacks (a codec,
 * an encoding, a type) is "unsupported", with a way around it; only the rest blames the file.
 * hyparquet words the first kind "unsupported …", "… not supported" or "unhandled …".
 */
export function parquetReadError(name: string, error: unknown): DataError {
  const detail = String((error as Error)?.message ?? error).replace(/^parquet /, '');
  const codec = detail.match(/unsupported compression codec: (\w+)/)?.[1];
  if (codec) {
    return new DataError(
      `"${name}" is compressed with ${codec}, which Modelbench cannot read yet. Save it again with another compression (${PARQUET_CODECS.filter((c) => c.toUpperCase() !== codec).join(', ')}), or as CSV or Arrow.`,
      { file: name, code: 'parquet-unsupported' },
    );
  }
  if (/unsupported|not supported|unhandled/.test(detail)) {
    return new DataError(
      `"${name}" uses a Parquet feature Modelbench cannot read yet (${detail}). Save it again with plain column types and default writer settings, or as CSV or Arrow.`,
      { file: name, code: 'parquet-unsupported' },
    );
  }
  return new DataError(`"${name}" has a damaged data page (${detail}). The file may be truncated or corrupted; export it again.`, { file: name, code: 'parquet-data' });
}
