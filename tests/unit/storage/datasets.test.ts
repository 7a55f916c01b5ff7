import { describe, expect, test } from 'vitest';
import { addDataset, bytesOf, freshDb, hex } from './helpers';
import {
  CorruptBlobError,
  StorageInputError,
  getDataset,
  listDatasets,
  loadArtifact,
  putDataset,
} from '../../../src/storage';

describe('putDataset', () => {
  test('the same fingerprint twice gives the same dataset and stores nothing new', async () => {
    const db = await freshDb();
    const first = await addDataset(db, 1, bytesOf(300));
    const again = await putDataset(db, { ...first, name: 'renamed', arrow: bytesOf(300) });
    expect(again.created).toBe(false);
    expect(again.dataset).toEqual(first);
    expect(await db.count('datasets')).toBe(1);
    expect(await db.count('blobs')).toBe(1);
    expect(await db.getFromIndex('datasets', 'by-fingerprint', hex(1))).toEqual(first);
    await addDataset(db, 2);
    expect((await listDatasets(db)).map((d) => d.name)).toEqual(['data-2', 'data-1']);
  });

  test('Arrow bytes are chunked at the chunk size and read back intact', async () => {
    const db = await freshDb({ chunkSize: 64 });
    const arrow = bytesOf(1000, 3);
    const dataset = await addDataset(db, 1, arrow);
    const info = await db.get('blobs', dataset.blobId!);
    expect(info).toMatchObject({ byteLength: 1000, chunkSize: 64, chunkCount: 16, kind: 'dataset' });
    const chunks = await db.getAll('chunks');
    expect(chunks.map((c) => c.bytes.byteLength)).toEqual([...Array(15).fill(64), 1000 - 15 * 64]);
    expect(await loadArtifact(db, dataset.blobId!)).toEqual(arrow);
  });

  test('an empty payload is one empty chunk', async () => {
    const db = await freshDb({ chunkSize: 64 });
    const dataset = await addDataset(db, 1, new Uint8Array(0));
    expect(await loadArtifact(db, dataset.blobId!)).toEqual(new Uint8Array(0));
  });

  test('loadArtifact refuses bytes that no longer match their SHA-256', async () => {
    const db = await freshDb({ chunkSize: 64 });
    const dataset = await addDataset(db, 1, bytesOf(200));
    const chunk = (await db.get('chunks', [dataset.blobId!, 1]))!;
    new Uint8Array(chunk.bytes)[0] ^= 1;
    await db.put('chunks', chunk);
    await expect(loadArtifact(db, dataset.blobId!)).rejects.toThrow(CorruptBlobError);
    await db.delete('chunks', [dataset.blobId!, 2]);
    await expect(loadArtifact(db, dataset.blobId!)).rejects.toThrow(/3\/4 chunks/);
  });

  test('a fingerprint that is not SHA-256 hex is refused with the value named', async () => {
    const db = await freshDb();
    await expect(
      putDataset(db, { name: 'x', sourceFileName: 'x.csv', fingerprint: 'abc', schema: [], rows: 0, columns: 0, profileSummary: null }),
    ).rejects.toThrow(StorageInputError);
    expect(await getDataset(db, 'nope')).toBeUndefined();
  });
});
