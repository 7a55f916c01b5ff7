import type { IDBPTransaction } from 'idb';
import type { StoreName, StudioDB, StudioDb } from './db';
import { StorageFullError, isQuotaError } from './errors';

export type ReadTx<S extends StoreName[]> = IDBPTransaction<StudioDB, S, 'readonly'>;
export type WriteTx<S extends StoreName[]> = IDBPTransaction<StudioDB, S, 'readwrite'>;

/**
 * Runs `work` in one read-write transaction and resolves once it has committed.
 * If `work` throws, the transaction is aborted so none of its writes land; a quota failure
 * (thrown by a request or by the commit) becomes `StorageFullError` naming `what`.
 * `work` must await only IndexedDB requests, or the transaction commits early.
 */
export async function writeTx<S extends StoreName[], T>(
  db: StudioDb,
  stores: S,
  what: string,
  work: (tx: WriteTx<S>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  let result: T;
  try {
    result = await work(tx);
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(() => undefined);
    throw isQuotaError(error) ? new StorageFullError(what, error) : error;
  }
  try {
    await tx.done;
  } catch (error) {
    throw isQuotaError(error) || (error instanceof Error && error.name === 'AbortError')
      ? new StorageFullError(what, error)
      : error;
  }
  return result;
}

/** Runs `work` in one read-only transaction. */
export async function readTx<S extends StoreName[], T>(
  db: StudioDb,
  stores: S,
  work: (tx: ReadTx<S>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readonly');
  const result = await work(tx);
  await tx.done;
  return result;
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted by the failing request: nothing left to roll back.
  }
}
