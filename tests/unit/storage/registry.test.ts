import { describe, expect, test } from 'vitest';
import { addDataset, bytesOf, completedRun, freshDb, runInput, testClock } from './helpers';
import {
  StorageInputError,
  aliasAt,
  auditLog,
  listModels,
  listVersions,
  loadArtifact,
  registerVersion,
  removeAlias,
  removeTag,
  saveRun,
  setAlias,
  setLatency,
  setNotes,
  setTag,
  tagMap,
} from '../../../src/storage';

async function setup(options = {}) {
  const db = await freshDb(options);
  const d = await addDataset(db);
  const r1 = await completedRun(db, 'r1', d.id);
  const r2 = await completedRun(db, 'r2', d.id);
  return { db, d, r1, r2 };
}

describe('registerVersion', () => {
  test('numbers versions 1, 2, 3 per model name, independently across names', async () => {
    const { db } = await setup();
    expect((await registerVersion(db, 'r1', 'churn')).version).toBe(1);
    expect((await registerVersion(db, 'r2', 'churn')).version).toBe(2);
    expect((await registerVersion(db, 'r1', 'other')).version).toBe(1);
    expect((await registerVersion(db, 'r1', 'churn')).version).toBe(3);
    const models = await listModels(db);
    expect(models.map((m) => [m.name, m.versionCount, m.latestVersion])).toEqual([
      ['churn', 3, 3],
      ['other', 1, 1],
    ]);
  });

  test('copies the run and keeps its weights reachable', async () => {
    const { db, r1 } = await setup();
    const v = await registerVersion(db, 'r1', 'churn', { tags: { team: 'risk' }, notes: 'first cut' });
    expect(v).toMatchObject({ runId: 'r1', metrics: r1.metrics, recipe: r1.recipe, spec: r1.spec, artifactIds: r1.artifactIds, notes: 'first cut' });
    expect(await loadArtifact(db, v.artifactIds[0])).toEqual(bytesOf(100, 2));
  });

  test('only a completed run can be registered, under a real name', async () => {
    const { db, d } = await setup();
    await saveRun(db, runInput('bad', d.id, { status: 'failed' }));
    await expect(registerVersion(db, 'bad', 'churn')).rejects.toThrow(/"bad" is failed; only a completed run/);
    await expect(registerVersion(db, 'ghost', 'churn')).rejects.toThrow(/No run has id "ghost"/);
    await expect(registerVersion(db, 'r1', '   ')).rejects.toThrow(StorageInputError);
    expect(await db.count('versions')).toBe(0);
  });

  test('tags with prototype-like keys stay data', async () => {
    const { db } = await setup();
    const v = await registerVersion(db, 'r1', 'churn', { tags: JSON.parse('{"__proto__":"x","constructor":"y","a":"z"}') });
    expect(v.tags).toEqual([['__proto__', 'x'], ['a', 'z'], ['constructor', 'y']]);
    expect(tagMap(v.tags).get('constructor')).toBe('y');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('version immutability', () => {
  test('annotations change only tags, notes and latency, each audited', async () => {
    const { db } = await setup();
    const v = await registerVersion(db, 'r1', 'churn', { tags: { stage: 'dev' } });
    const frozen = { ...v, tags: undefined, notes: undefined, latency: undefined };
    await setTag(db, 'churn', 1, 'stage', 'prod');
    await setTag(db, 'churn', 1, 'owner', 'ana');
    await removeTag(db, 'churn', 1, 'stage');
    await setNotes(db, 'churn', 1, 'looks good');
    const after = await setLatency(db, 'churn', 1, { p50Micros: 9.5 });
    expect({ ...after, tags: undefined, notes: undefined, latency: undefined }).toEqual(frozen);
    expect(after).toMatchObject({ tags: [['owner', 'ana']], notes: 'looks good', latency: { p50Micros: 9.5 } });
    expect(await db.getFromIndex('versions', 'by-model-version', ['churn', 1])).toEqual(after);
    const actions = (await auditLog(db, { subject: 'churn' })).map((e) => e.action).reverse();
    expect(actions).toEqual(['register', 'tag-set', 'tag-set', 'tag-removed', 'note', 'latency']);
  });

  test('re-registering the same run makes a new version instead of changing the old one', async () => {
    const { db } = await setup();
    const v1 = await registerVersion(db, 'r1', 'churn');
    await registerVersion(db, 'r1', 'churn', { notes: 'again' });
    expect((await listVersions(db, 'churn'))[0]).toEqual(v1);
    await expect(setTag(db, 'churn', 9, 'k', 'v')).rejects.toThrow(/no version 9/);
  });
});

describe('aliases', () => {
  test('an alias moves between versions and aliasAt answers for any past moment', async () => {
    const clock = testClock(Date.UTC(2026, 2, 1));
    const { db } = await setup({ now: clock.now });
    await registerVersion(db, 'r1', 'churn');
    await registerVersion(db, 'r2', 'churn');
    const t = (h: number) => Date.UTC(2026, 2, 2, h);
    clock.set(t(1) - 1000);
    await setAlias(db, 'churn', 'champion', 1);
    clock.set(t(2) - 1000);
    await setAlias(db, 'churn', 'challenger', 2);
    clock.set(t(3) - 1000);
    await setAlias(db, 'churn', 'champion', 2);
    clock.set(t(4) - 1000);
    expect(await removeAlias(db, 'churn', 'champion')).toBe(true);
    expect(await removeAlias(db, 'churn', 'champion')).toBe(false);

    expect(await aliasAt(db, 'churn', 'champion', t(0))).toBeNull();
    expect(await aliasAt(db, 'churn', 'champion', t(1))).toBe(1);
    expect(await aliasAt(db, 'churn', 'champion', new Date(t(2) + 30 * 60_000))).toBe(1);
    expect(await aliasAt(db, 'churn', 'champion', t(3))).toBe(2);
    expect(await aliasAt(db, 'churn', 'champion', t(5))).toBeNull();
    expect(await aliasAt(db, 'churn', 'challenger', t(5))).toBe(2);
    expect((await listModels(db))[0].aliases).toEqual({ challenger: 2 });

    const moves = await auditLog(db, { subject: 'churn', action: 'alias-set' });
    expect(moves.map((e) => e.detail)).toEqual([
      { alias: 'champion', version: 2, previous: 1 },
      { alias: 'challenger', version: 2, previous: null },
      { alias: 'champion', version: 1, previous: null },
    ]);
    expect((await auditLog(db, { since: t(3), until: t(4) })).map((e) => e.action)).toEqual(['alias-removed', 'alias-set']);
    expect(await auditLog(db, { limit: 1 })).toHaveLength(1);
  });

  test('an alias can only point at a registered version and needs a sane name', async () => {
    const { db } = await setup();
    await registerVersion(db, 'r1', 'churn');
    await expect(setAlias(db, 'churn', 'champion', 2)).rejects.toThrow(/no version 2/);
    await expect(setAlias(db, 'churn', '', 1)).rejects.toThrow(StorageInputError);
    expect(await db.count('aliases')).toBe(0);
  });
});
