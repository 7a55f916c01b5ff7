import { describe, expect, test } from 'vitest';
import { addDataset, bytesOf, completedRun, freshDb } from './helpers';
import { forgetEverything, openStudioDB, closeStudioDB, storageReport } from '../../../src/storage';

describe('storageReport', () => {
  test('counts records and sums blob bytes per store', async () => {
    const db = await freshDb({ chunkSize: 40 });
    const d = await addDataset(db, 1, bytesOf(100));
    await completedRun(db, 'r1', d.id, bytesOf(50));
    const report = await storageReport(db);
    expect(report.stores.datasets.count).toBe(1);
    expect(report.stores.runs.count).toBe(1);
    expect(report.stores.blobs.count).toBe(2);
    expect(report.stores.chunks).toEqual({ count: 3 + 2, bytes: 150 });
    expect(report.blobBytes).toBe(150);
    expect(report.stores.runs.bytes).toBeGreaterThan(100);
    expect(report.stores.audit).toEqual({ count: 0, bytes: 0 });
    if (typeof navigator !== 'undefined' && 'storage' in navigator) expect(report.estimate).toBeDefined();
  });
});

describe('forgetEverything', () => {
  test('deletes the whole database', async () => {
    const name = `forget-${Math.random()}`;
    const db = await freshDb({ channel: name }, name);
    await addDataset(db);
    await forgetEverything(db);
    const again = await openStudioDB(name, { channel: name });
    expect(await again.count('datasets')).toBe(0);
    closeStudioDB(again);
  });
});
