import { describe, expect, test } from 'vitest';
import { DEFAULT_ZIP_LIMITS, WorkspaceError, importWorkspace } from '../../../src/storage';
import { addDataset, dump, freshDb } from '../storage/helpers';
import { lyingZipBomb, zipBomb } from '../../fixtures/hostile/hostile';

describe('importWorkspace against zip bombs (default limits, as the Models stage uses them)', () => {
  // DEFLATE tops out near 1,032:1, so 200 MiB of zeros (~205 KB zipped) stays under the 1,100 ratio
  // limit: with the default limits it is inflated, and refused only on its contents.
  test('200 MB of zeros in a 205 KB zip: refused with a clear message, nothing written', async () => {
    const bomb = zipBomb(200);
    expect(bomb.bytes.length).toBeLessThan(400_000);
    const db = await freshDb();
    await addDataset(db);
    const before = await dump(db);
    const error = await importWorkspace(db, bomb.bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as Error).message).toMatch(/Nothing was (changed|imported)/);
    expect(await dump(db)).toEqual(before);
  });

  test('a total-size limit refuses the same bomb from its declared sizes, before inflating', async () => {
    const bomb = zipBomb(200);
    const db = await freshDb();
    // The check reads only the central directory, so this message means nothing was inflated.
    const error = await importWorkspace(db, bomb.bytes, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 100 * 1024 * 1024 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/declare more than 104857600 bytes uncompressed\. Nothing was changed/);
  });

  test('a bomb whose headers understate its size inflates no further than declared and is refused', async () => {
    const bomb = lyingZipBomb(200);
    const db = await freshDb();
    await addDataset(db);
    const before = await dump(db);
    // fflate inflates each entry into a buffer of its declared size, so the stream stops there.
    const error = await importWorkspace(db, bomb.bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as Error).message).toMatch(/cannot be imported: manifest\.json is not valid UTF-8 JSON\. Nothing was changed/);
    expect(await dump(db)).toEqual(before);
  });

  test('the default limits are the documented ones', () => {
    expect(DEFAULT_ZIP_LIMITS).toEqual({ maxTotalBytes: 2 * 1024 ** 3, maxFiles: 10_000, maxRatio: 1_100 });
  });
});
