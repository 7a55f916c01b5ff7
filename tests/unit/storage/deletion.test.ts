import { describe, expect, test } from 'vitest';
import { addDataset, bytesOf, completedRun, freshDb, runInput } from './helpers';
import {
  DeletionBlockedError,
  auditLog,
  deleteDataset,
  deleteRun,
  deleteVersion,
  deletionPlan,
  registerVersion,
  saveRun,
  setAlias,
} from '../../../src/storage';

describe('deletionPlan and delete verbs', () => {
  test('a dataset takes its Arrow bytes, its runs and their artifacts along', async () => {
    const db = await freshDb({ chunkSize: 50 });
    const d = await addDataset(db, 1, bytesOf(120));
    const keep = await addDataset(db, 2);
    const r1 = await completedRun(db, 'r1', d.id, bytesOf(200));
    await completedRun(db, 'r2', d.id, bytesOf(10));
    await completedRun(db, 'other', keep.id);
    const plan = await deletionPlan(db, 'dataset', d.id);
    expect(plan.blockers).toEqual([]);
    expect(plan.removes.runs.sort()).toEqual(['r1', 'r2']);
    expect(plan.removes.blobs).toHaveLength(3);
    expect(plan.removes.blobs).toContain(r1.artifactIds[0]);
    expect(plan.bytes).toBe(120 + 200 + 10);

    await deleteDataset(db, d.id);
    expect(await db.getAllKeys('datasets')).toEqual([keep.id]);
    expect(await db.getAllKeys('runs')).toEqual(['other']);
    expect(await db.count('blobs')).toBe(1);
    expect(await db.count('chunks')).toBe(2);
    const [entry] = await auditLog(db, { action: 'delete-dataset' });
    expect(entry).toMatchObject({ subject: d.id, detail: { blobs: 3, bytes: 330 } });
  });

  test('a registered run blocks deleting it and its dataset; an alias blocks deleting a version', async () => {
    const db = await freshDb();
    const d = await addDataset(db);
    await completedRun(db, 'r1', d.id);
    const v = await registerVersion(db, 'r1', 'churn');
    await setAlias(db, 'churn', 'champion', 1);

    expect((await deletionPlan(db, 'run', 'r1')).blockers).toEqual(['run "r1" is registered as churn v1; delete that version first']);
    expect((await deletionPlan(db, 'dataset', d.id)).blockers).toHaveLength(1);
    expect((await deletionPlan(db, 'version', v.id)).blockers).toEqual([
      'alias "champion" points at churn v1; move or remove it first',
    ]);
    await expect(deleteVersion(db, v.id)).rejects.toThrow(DeletionBlockedError);
    await expect(deleteRun(db, 'r1')).rejects.toThrow(/Cannot delete run "r1": run "r1" is registered/);
    expect(await db.count('versions')).toBe(1);
    expect(await db.count('runs')).toBe(1);
  });

  test('a version goes alone, its number is not reused, and then its run can go', async () => {
    const db = await freshDb();
    const d = await addDataset(db);
    await completedRun(db, 'r1', d.id);
    const v1 = await registerVersion(db, 'r1', 'churn');
    const plan = await deleteVersion(db, v1.id);
    expect(plan.removes).toEqual({ datasets: [], runs: [], versions: [{ id: v1.id, model: 'churn', version: 1 }], blobs: [] });
    expect((await registerVersion(db, 'r1', 'churn')).version).toBe(2);
    const v2 = (await db.getAll('versions'))[0];
    await deleteVersion(db, v2.id);
    await deleteRun(db, 'r1');
    expect(await db.count('blobs')).toBe(0);
    expect(await db.count('chunks')).toBe(0);
    expect((await auditLog(db)).map((e) => e.action)).toEqual(['delete-run', 'delete-version', 'register', 'delete-version', 'register']);
  });

  test('a running run cannot be deleted; unknown ids say so', async () => {
    const db = await freshDb();
    const d = await addDataset(db);
    await saveRun(db, runInput('live', d.id, { status: 'running', endedAt: null }));
    expect((await deletionPlan(db, 'run', 'live')).blockers).toEqual(['run "live" is still running; cancel it first']);
    await expect(deletionPlan(db, 'run', 'nope')).rejects.toThrow(/No run has id "nope"/);
    await expect(deletionPlan(db, 'version', 'nope')).rejects.toThrow(/No model version/);
  });
});
