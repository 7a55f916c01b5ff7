import { afterEach, describe, expect, test, vi } from 'vitest';
import { addDataset, bytesOf, dump, freshDb, runInput, testClock, track } from './helpers';
import {
  StorageFullError,
  StorageInputError,
  getRun,
  heartbeatRun,
  listRuns,
  loadArtifact,
  markInterruptedRuns,
  openStudioDB,
  saveRun,
  updateRunStatus,
} from '../../../src/storage';

afterEach(() => vi.restoreAllMocks());

/** Makes the `nth` put into `store` throw QuotaExceededError, the way a full disk does inside a transaction. */
function failNthPut(store: string, nth: number) {
  const original = IDBObjectStore.prototype.put;
  let count = 0;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
    if (this.name === store && ++count === nth) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return original.apply(this, args as Parameters<typeof original>);
  });
}

describe('saveRun', () => {
  test('saves a run with its artifacts, chunked, and loads them back', async () => {
    const db = await freshDb({ chunkSize: 32 });
    const d = await addDataset(db);
    const weights = bytesOf(100, 5);
    const topology = new TextEncoder().encode('{"layers":[]}');
    const run = await saveRun(db, runInput('r1', d.id), [
      { name: 'weights.bin', bytes: weights },
      { name: 'model.json', bytes: topology },
    ]);
    expect(run.artifactIds).toHaveLength(2);
    expect(await getRun(db, 'r1')).toEqual(run);
    expect(await loadArtifact(db, run.artifactIds[0])).toEqual(weights);
    expect(await loadArtifact(db, run.artifactIds[1])).toEqual(topology);
    expect(await db.count('chunks')).toBe(4 + 1);
  });

  test('a quota failure on the third chunk leaves the store exactly as it was', async () => {
    const db = await freshDb({ chunkSize: 16 });
    const d = await addDataset(db);
    await saveRun(db, runInput('r0', d.id), [{ name: 'w', bytes: bytesOf(20) }]);
    const before = await dump(db);
    failNthPut('chunks', 3);
    const error = await saveRun(db, runInput('r1', d.id), [{ name: 'weights.bin', bytes: bytesOf(100) }]).catch((e) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error.message).toMatch(/run "r1" with 1 artifact\(s\).*nothing was written.*delet/i);
    vi.restoreAllMocks();
    expect(await dump(db)).toEqual(before);
  });

  test('saving a running run again appends artifacts and keeps earlier ones', async () => {
    const db = await freshDb();
    const d = await addDataset(db);
    const first = await saveRun(db, runInput('r1', d.id, { status: 'running', endedAt: null }), [{ name: 'a', bytes: bytesOf(3) }]);
    const second = await saveRun(db, runInput('r1', d.id), [{ name: 'b', bytes: bytesOf(4) }]);
    expect(second.artifactIds.slice(0, 1)).toEqual(first.artifactIds);
    expect(second.artifactIds).toHaveLength(2);
    expect(second.owner).toBeUndefined();
  });

  test('a run naming an unknown dataset or status is refused', async () => {
    const db = await freshDb();
    await expect(saveRun(db, runInput('r1', 'ghost'))).rejects.toThrow(/dataset "ghost".*putDataset/);
    const d = await addDataset(db);
    await expect(saveRun(db, runInput('r1', d.id, { status: 'done' as never }))).rejects.toThrow(StorageInputError);
    expect(await db.count('runs')).toBe(0);
  });
});

describe('listRuns and updateRunStatus', () => {
  test('filters by dataset, status and start time, newest first', async () => {
    const db = await freshDb();
    const d1 = await addDataset(db, 1);
    const d2 = await addDataset(db, 2);
    await saveRun(db, runInput('a', d1.id, { startedAt: 100 }));
    await saveRun(db, runInput('b', d1.id, { startedAt: 300, status: 'failed', error: 'NaN loss' }));
    await saveRun(db, runInput('c', d2.id, { startedAt: 200 }));
    const ids = async (f = {}) => (await listRuns(db, f)).map((r) => r.id);
    expect(await ids()).toEqual(['b', 'c', 'a']);
    expect(await ids({ datasetId: d1.id })).toEqual(['b', 'a']);
    expect(await ids({ status: 'completed' })).toEqual(['c', 'a']);
    expect(await ids({ since: 200, limit: 1 })).toEqual(['b']);
  });

  test('leaving running stamps endedAt and drops the tab ownership', async () => {
    const db = await freshDb({ now: () => 5000 });
    const d = await addDataset(db);
    const running = await saveRun(db, runInput('r', d.id, { status: 'running', endedAt: null }));
    expect(running.owner).toMatchObject({ heartbeatAt: 5000 });
    const cancelled = await updateRunStatus(db, 'r', 'cancelled');
    expect(cancelled).toMatchObject({ status: 'cancelled', endedAt: 5000 });
    expect(cancelled.owner).toBeUndefined();
    await expect(updateRunStatus(db, 'nope', 'failed')).rejects.toThrow(/No run has id "nope"/);
  });
});

describe('markInterruptedRuns', () => {
  test('marks runs of closed tabs, not those with a fresh heartbeat in another tab', async () => {
    const name = `tabs-${Math.random()}`;
    const clock = testClock(1_000_000);
    const tabA = track(await openStudioDB(name, { session: 'A', now: clock.now, channel: name }));
    const tabB = track(await openStudioDB(name, { session: 'B', now: clock.now, channel: name }));
    const d = await addDataset(tabA);
    const running = (id: string) => runInput(id, d.id, { status: 'running', endedAt: null });
    const lastBeat = (await saveRun(tabA, running('closed-tab'))).owner!.heartbeatAt;
    await saveRun(tabB, running('live-tab'));
    clock.set(1_000_000 + 60_000);
    await heartbeatRun(tabB, 'live-tab');
    // A new tab C starts a minute later: A stopped beating, B is alive.
    const tabC = track(await openStudioDB(name, { session: 'C', now: clock.now, channel: name }));
    expect(await markInterruptedRuns(tabC)).toEqual(['closed-tab']);
    expect(await getRun(tabC, 'closed-tab')).toMatchObject({ status: 'interrupted', endedAt: lastBeat });
    expect((await getRun(tabC, 'live-tab'))?.status).toBe('running');
    expect(await markInterruptedRuns(tabB, { staleAfterMs: 0 })).toEqual([]);
  });
});
