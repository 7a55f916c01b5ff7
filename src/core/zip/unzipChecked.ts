import { unzipSync } from 'fflate';
import { DEFAULT_ZIP_LIMITS, ZipError, inspectZip, type ZipKind, type ZipLimits } from './inspectZip';

/**
 * Inflates a user's zip only after `inspectZip` accepts its central directory, and refuses an entry
 * that inflates to another size than declared (fflate stops at the declared size, so a lying header
 * cannot make it inflate more).
 */
export function unzipChecked(bytes: Uint8Array, kind: ZipKind, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Record<string, Uint8Array> {
  const declared = inspectZip(bytes, kind, limits).filter((e) => !e.name.endsWith('/'));
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => !f.name.endsWith('/') });
  } catch (error) {
    throw new ZipError(`This ${kind.what} is damaged: its contents do not inflate (${(error as Error).message}). Nothing was changed; ${kind.redo}.`);
  }
  for (const entry of declared) {
    const got = files[entry.name];
    if (got && got.length !== entry.size) {
      throw new ZipError(`This ${kind.what} is damaged: "${entry.name}" inflates to a different size than its header declares. Nothing was changed; ${kind.redo}.`);
    }
  }
  return files;
}
