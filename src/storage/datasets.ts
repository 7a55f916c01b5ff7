import type { StudioDb } from './db';
import type { DatasetRecord } from './records';
import { contextOf } from './context';
import { prepareBlob, writeBlob } from './blobs';
import { StorageInputError } from './errors';
import { notifyChange } from './changes';
import { writeTx } from './transact';

/** What `putDataset` needs: the dataset's description and, optionally, its table as Arrow IPC. */
export interface NewDataset extends Omit<DatasetRecord, 'id' | 'createdAt' | 'blobId'> {
  /** Default: a random UUID. */
  id?: string;
  /** The table as Arrow IPC bytes; stored chunked in `blobs` so reopening needs no re-parse. */
  arrow?: Uint8Array;
}

/** `created` is false when a dataset with the same fingerprint was already stored; it is returned unchanged. */
export interface PutDatasetResult {
  dataset: DatasetRecord;
  created: boolean;
}

/**
 * Stores a dataset unless one with the same fingerprint exists, in which case that one is
 * returned: opening the same file twice gives the same dataset.
 */
export async function putDataset(db: StudioDb, input: NewDataset): Promise<PutDatasetResult> {
  if (!/^[0-9a-f]{64}$/.test(input.fingerprint)) {
    throw new StorageInputError(
      `Dataset "${input.name}" has fingerprint "${input.fingerprint}"; expected 64 lowercase hex digits from fingerprintBytes(bytes).`,
    );
  }
  const context = contextOf(db);
  const id = input.id ?? crypto.randomUUID();
  const createdAt = context.now();
  const blob = input.arrow
    ? await prepareBlob(input.arrow, { kind: 'dataset', name: `${input.name}.arrow`, owner: { kind: 'dataset', id }, createdAt }, context.chunkSize)
    : undefined;
  const { arrow: _arrow, ...fields } = input;
  const dataset: DatasetRecord = { ...fields, id, createdAt, ...(blob ? { blobId: blob.record.id } : {}) };
  const size = blob ? ` (${(blob.record.byteLength / 1e6).toFixed(1)} MB)` : '';
  const result = await writeTx(db, ['datasets', 'blobs', 'chunks'], `dataset "${input.name}"${size}`, async (tx) => {
    const existing = await tx.objectStore('datasets').index('by-fingerprint').get(input.fingerprint);
    if (existing) return { dataset: existing, created: false };
    await tx.objectStore('datasets').add(dataset);
    if (blob) await writeBlob({ blobs: tx.objectStore('blobs'), chunks: tx.objectStore('chunks') }, blob);
    return { dataset, created: true };
  });
  if (result.created) notifyChange(db, { kind: 'dataset', verb: 'putDataset', ids: [id] });
  return result;
}

export function getDataset(db: StudioDb, id: string): Promise<DatasetRecord | undefined> {
  return db.get('datasets', id);
}

/** All datasets, newest first. */
export async function listDatasets(db: StudioDb): Promise<DatasetRecord[]> {
  return (await db.getAll('datasets')).sort((a, b) => b.createdAt - a.createdAt);
}
