import { DEFAULT_ZIP_LIMITS, ZipError, inspectZip as inspectCentralDirectory, type ZipEntryInfo, type ZipKind, type ZipLimits } from '../core/zip';
import { WorkspaceError } from './errors';

export { DEFAULT_ZIP_LIMITS, type ZipEntryInfo, type ZipKind, type ZipLimits };

const WORKSPACE_ZIP: ZipKind = { what: 'workspace file', redo: 'export the workspace again from Modelbench' };

/** The core check (src/core/zip), with its refusals as the `WorkspaceError` that storage's callers show. */
export function inspectZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS, kind: ZipKind = WORKSPACE_ZIP): ZipEntryInfo[] {
  try {
    return inspectCentralDirectory(bytes, kind, limits);
  } catch (error) {
    throw error instanceof ZipError ? new WorkspaceError(error.message) : error;
  }
}
