import { deleteDB } from 'idb';
import type { StoreName, StudioDb } from './db';
import { ALL_STORES } from './db';
import { closeStudioDB, contextOf } from './context';
import { notifyChange } from './changes';
import { readTx } from './transact';

/** Per-store usage, plus the browser's own estimate when it gives one. */
export interface StorageReport {
  stores: Record<StoreName, { count: number; bytes: number }>;
  /** Sum of the stored blob payloads. */
  blobBytes: number;
  /** `navigator.storage.estimate()`, when the platform has it. */
  estimate?: { usage?: number; quota?: number };
}

/**
 * Counts records and sizes every store. Byte sizes are the binary payload for chunks and the
 * UTF-8 length of the JSON form for other records: an estimate of what IndexedDB holds, not its overhead.
 */
export async function storageReport(db: StudioDb): Promise<StorageReport> {
  const stores = {} as StorageReport['stores'];
  await readTx(db, [...ALL_STORES], async (tx) => {
    for (const name of ALL_STORES) {
      let count = 0;
      let bytes = 0;
      for (let cursor = await tx.objectStore(name).openCursor(); cursor; cursor = await cursor.continue()) {
        count++;
        bytes += sizeOf(cursor.value);
      }
      stores[name] = { count, bytes };
    }
  });
  const report: StorageReport = { stores, blobBytes: stores.chunks.bytes };
  const storage = (globalThis as { navigator?: { storage?: { estimate?: () => Promise<{ usage?: number; quota?: number }> } } })
    .navigator?.storage;
  if (storage?.estimate) {
    const { usage, quota } = await storage.estimate();
    report.estimate = { usage, quota };
  }
  return report;
}

const encoder = new TextEncoder();

function sizeOf(value: unknown): number {
  if (value && typeof value === 'object' && 'bytes' in value && value.bytes instanceof ArrayBuffer) return value.bytes.byteLength;
  return encoder.encode(JSON.stringify(value)).length;
}

/** Closes `db` and deletes the whole database: every dataset, run, model and log entry. */
export async function forgetEverything(db: StudioDb): Promise<void> {
  const name = contextOf(db).name;
  notifyChange(db, { kind: 'workspace', verb: 'forgetEverything', ids: [] });
  closeStudioDB(db);
  await deleteDB(name);
}
