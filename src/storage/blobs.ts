import type { BlobKind, BlobRecord, ChunkRecord } from './records';
import { sha256Hex } from './fingerprint';

/** A blob ready to write: hashed and sliced before any transaction opens. */
export interface PreparedBlob {
  record: BlobRecord;
  chunks: ChunkRecord[];
}

/** Hashes and slices `bytes` into chunks of `chunkSize`; all the async work a blob write needs. */
export async function prepareBlob(
  bytes: Uint8Array,
  meta: { id?: string; kind: BlobKind; name: string; owner: BlobRecord['owner']; createdAt: number },
  chunkSize: number,
): Promise<PreparedBlob> {
  const id = meta.id ?? crypto.randomUUID();
  const chunks: ChunkRecord[] = [];
  for (let at = 0, index = 0; at < bytes.length || index === 0; at += chunkSize, index++) {
    chunks.push({ blobId: id, index, bytes: bytes.slice(at, at + chunkSize).buffer });
    if (bytes.length === 0) break;
  }
  const record: BlobRecord = {
    id,
    kind: meta.kind,
    name: meta.name,
    owner: meta.owner,
    byteLength: bytes.length,
    sha256: await sha256Hex(bytes),
    chunkSize,
    chunkCount: chunks.length,
    createdAt: meta.createdAt,
  };
  return { record, chunks };
}

interface BlobStores {
  blobs: { put(value: BlobRecord): Promise<unknown>; delete(key: string): Promise<void> };
  chunks: {
    put(value: ChunkRecord): Promise<unknown>;
    delete(key: IDBKeyRange): Promise<void>;
  };
}

/** Writes a prepared blob inside the caller's transaction. */
export async function writeBlob(stores: BlobStores, blob: PreparedBlob): Promise<void> {
  await stores.blobs.put(blob.record);
  for (const chunk of blob.chunks) await stores.chunks.put(chunk);
}

/** Deletes a blob and all its chunks inside the caller's transaction. */
export async function deleteBlob(stores: BlobStores, id: string): Promise<void> {
  await stores.blobs.delete(id);
  await stores.chunks.delete(chunkRange(id));
}

/** Key range covering every chunk of blob `id`. */
export function chunkRange(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
}

/** Joins chunks (in key order) back into the payload. */
export function joinChunks(chunks: ChunkRecord[], byteLength: number): Uint8Array {
  const out = new Uint8Array(byteLength);
  let at = 0;
  for (const chunk of chunks) {
    out.set(new Uint8Array(chunk.bytes), at);
    at += chunk.bytes.byteLength;
  }
  return out;
}
