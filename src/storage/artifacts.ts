import type { StudioDb } from './db';
import type { BlobRecord } from './records';
import { CorruptBlobError, NotFoundError } from './errors';
import { sha256Hex } from './fingerprint';
import { chunkRange, joinChunks } from './blobs';
import { readTx } from './transact';

/** A stored payload's metadata, without its bytes. */
export function getArtifactInfo(db: StudioDb, id: string): Promise<BlobRecord | undefined> {
  return db.get('blobs', id);
}

/**
 * The bytes of blob `id` (model weights, a dataset's Arrow IPC), checked against the
 * recorded SHA-256. Throws `NotFoundError` for an unknown id and `CorruptBlobError` on mismatch.
 */
export async function loadArtifact(db: StudioDb, id: string): Promise<Uint8Array> {
  const { record, chunks } = await readTx(db, ['blobs', 'chunks'], async (tx) => ({
    record: await tx.objectStore('blobs').get(id),
    chunks: await tx.objectStore('chunks').getAll(chunkRange(id)),
  }));
  if (!record) throw new NotFoundError(`No stored artifact has id "${id}"; it may have been deleted with its run.`);
  const bytes = joinChunks(chunks, record.byteLength);
  const got = chunks.reduce((n, c) => n + c.bytes.byteLength, 0);
  if (chunks.length !== record.chunkCount || got !== record.byteLength || (await sha256Hex(bytes)) !== record.sha256) {
    throw new CorruptBlobError(
      `Artifact "${record.name}" (${id}) no longer matches its SHA-256 (${chunks.length}/${record.chunkCount} chunks, ` +
        `${got}/${record.byteLength} bytes). Delete its run and train it again.`,
    );
  }
  return bytes;
}
