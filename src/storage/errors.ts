/**
 * The browser refused to store more (`QuotaExceededError`), or the write aborted. The transaction
 * was rolled back: the database is as it was before the call.
 */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  /** What the failed call was writing, e.g. `run "r1" with 2 artifacts (84.2 MB)`. */
  readonly what: string;
  constructor(what: string, cause: unknown) {
    super(
      `Browser storage is full, so ${what} was not saved (nothing was written). ` +
        'Free space by deleting old runs or datasets under Models → Storage, or export a workspace ' +
        'and then "Forget everything".',
      { cause },
    );
    this.what = what;
  }
}

/** A record the call names does not exist. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A deletion that `deletionPlan` blocks, e.g. a version that an alias points at. */
export class DeletionBlockedError extends Error {
  override name = 'DeletionBlockedError';
  readonly blockers: string[];
  constructor(subject: string, blockers: string[]) {
    super(`Cannot delete ${subject}: ${blockers.join('; ')}.`);
    this.blockers = blockers;
  }
}

/** A workspace file that is damaged, tampered with or not a workspace. Nothing was imported. */
export class WorkspaceError extends Error {
  override name = 'WorkspaceError';
}

/** A call's argument is out of its domain (empty model name, unknown status…). */
export class StorageInputError extends Error {
  override name = 'StorageInputError';
}

/** Stored bytes no longer match their recorded SHA-256. */
export class CorruptBlobError extends Error {
  override name = 'CorruptBlobError';
}

export function isQuotaError(error: unknown): boolean {
  return error instanceof Error && error.name === 'QuotaExceededError';
}
