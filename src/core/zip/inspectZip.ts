/**
 * Checks a user's zip before anything in it is inflated: workspace files, CLI run folders and deploy
 * bundles all go through here, so a zip bomb or a path like `../x` is refused the same way everywhere.
 */

/** A zip refused before inflation; the message says what, why, and what to do. */
export class ZipError extends Error {
  override name = 'ZipError';
}

/** Limits applied to a zip before anything in it is inflated. */
export interface ZipLimits {
  /** Sum of declared uncompressed sizes, bytes. Default 2 GiB. */
  maxTotalBytes: number;
  /** Number of entries. Default 10,000. */
  maxFiles: number;
  /** Declared uncompressed / compressed size of any entry over 1 KiB. Default 1,100 (DEFLATE tops out near 1,032). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 2 * 1024 ** 3, maxFiles: 10_000, maxRatio: 1_100 };

/** What a zip is, and how to get a good one, for the messages that refuse it. */
export interface ZipKind {
  what: string;
  redo: string;
}

/** One central-directory entry, as declared (not yet trusted). */
export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  size: number;
  method: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/**
 * Reads the central directory of `bytes` and refuses, before any inflation, a file that is not
 * a zip, uses ZIP64 or encryption, has unsafe names, or declares more files, bytes or a higher
 * compression ratio than `limits` allow.
 */
export function inspectZip(bytes: Uint8Array, kind: ZipKind, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntryInfo[] {
  const fail = (reason: string): never => refuse(reason, kind);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(view, kind);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) fail('it uses ZIP64, which Modelbench never writes');
  if (count > limits.maxFiles) fail(`it lists ${count} files; the limit is ${limits.maxFiles}`);
  if (cdOffset + cdSize > eocd) fail('its central directory runs past its end record (the file is truncated or corrupted)');
  const entries: ZipEntryInfo[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let total = 0;
  for (let i = 0, p = cdOffset; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) fail(`central directory entry ${i + 1} is damaged`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) fail(`"${name}" is encrypted`);
    if (method !== 0 && method !== 8) fail(`"${name}" uses compression method ${method}; only stored and DEFLATE are read`);
    if (compressedSize === 0xffffffff || size === 0xffffffff) fail(`"${name}" uses ZIP64 sizes`);
    if (!safeName(name)) fail(`it contains an entry named "${name}", which is not a plain relative path`);
    if (size > 1024 && size / Math.max(compressedSize, 1) > limits.maxRatio) {
      fail(`"${name}" declares ${size} bytes from ${compressedSize} compressed (ratio over ${limits.maxRatio}), the mark of a zip bomb`);
    }
    total += size;
    if (total > limits.maxTotalBytes) fail(`its files declare more than ${limits.maxTotalBytes} bytes uncompressed`);
    entries.push({ name, compressedSize, size, method });
  }
  return entries;
}

function findEocd(view: DataView, kind: ZipKind): number {
  const last = view.byteLength - 22;
  for (let p = last; p >= Math.max(0, last - 0xffff); p--) {
    if (view.getUint32(p, true) === EOCD) return p;
  }
  return refuse('it is not a zip file (no end-of-central-directory record)', kind);
}

function safeName(name: string): boolean {
  return (
    name.length > 0 &&
    !name.startsWith('/') &&
    !name.includes('\\') &&
    !name.includes('\0') &&
    name.split('/').every((part) => part !== '..' && part !== '.')
  );
}

function refuse(reason: string, kind: ZipKind): never {
  throw new ZipError(`This ${kind.what} cannot be imported: ${reason}. Nothing was changed; ${kind.redo}.`);
}
