import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { track } from './helpers';
import { openStudioDBAt } from '../../../src/storage/db';
import { closeStudioDB } from '../../../src/storage/context';
import { aliasAt, auditLog, listVersions, loadArtifact, openStudioDB, registerVersion, STUDIO_DB_VERSION, tagMap, type VersionRecord } from '../../../src/storage';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/storage/v1-contents.json', import.meta.url), 'utf8'));
const strip = ({ seed: _s, backend: _b, training: _t, ...v }: VersionRecord) => v;
const sorted = (records: unknown[]) => records.map((r) => JSON.stringify(r)).sort();
const V1_STORES = ['datasets', 'blobs', 'runs', 'models', 'versions', 'aliases'] as const;

function chunkRecords() {
  return fixture.chunks.map((c: { blobId: string; index: number; bytesBase64: string }) => ({
    blobId: c.blobId,
    index: c.index,
    bytes: new Uint8Array(Buffer.from(c.bytesBase64, 'base64')).buffer,
  }));
}

async function seedV1(name: string) {
  const v1 = await openStudioDBAt(name, 1, { channel: `ch-${name}` });
  expect([...v1.objectStoreNames].sort()).toEqual(['aliases', 'blobs', 'chunks', 'datasets', 'models', 'runs', 'versions']);
  const tx = v1.transaction([...V1_STORES, 'chunks'], 'readwrite');
  for (const store of V1_STORES) for (const r of fixture[store]) await tx.objectStore(store).add(r);
  for (const c of chunkRecords()) await tx.objectStore('chunks').add(c);
  await tx.done;
  closeStudioDB(v1);
}

describe('openStudioDB migrations', () => {
  test('upgrading the v1 fixture to v2 keeps every record and back-fills the audit log', async () => {
    const name = `migrate-${Math.random()}`;
    await seedV1(name);
    const db = track(await openStudioDB(name, { channel: `ch-${name}` }));
    expect(db.version).toBe(STUDIO_DB_VERSION);
    for (const store of V1_STORES) {
      // Version 3 added seed, backend and the training record to versions; every stored field stays as it was.
      const records = (await db.getAll(store)).map((r) => (store === 'versions' ? strip(r as VersionRecord) : r));
      expect(sorted(records)).toEqual(sorted(fixture[store]));
    }
    expect(await db.getAll('chunks')).toEqual(chunkRecords());
    // Bytes still verify against hashlib's SHA-256 from the fixture.
    for (const b of fixture.blobs) expect((await loadArtifact(db, b.id)).length).toBe(b.byteLength);

    const log = await auditLog(db, { subject: 'penguin-species' });
    expect(log.map((e) => [e.action, (e.detail as { version: number }).version])).toEqual([
      ['alias-set', 2],
      ['register', 2],
      ['register', 1],
    ]);
    expect(await db.getAllKeysFromIndex('versions', 'by-run', 'r2')).toEqual(['v-2']);
    const T0 = Date.UTC(2026, 0, 1);
    expect(await aliasAt(db, 'penguin-species', 'champion', T0 + 29_999)).toBeNull();
    expect(await aliasAt(db, 'penguin-species', 'champion', T0 + 30_000)).toBe(2);
    expect(tagMap((await listVersions(db, 'penguin-species'))[0].tags).get('__proto__')).toBe('kept as data');

    const v3 = await registerVersion(db, 'r1', 'penguin-species');
    expect(v3.version).toBe(3);
  });

  test('upgrading to v3 rebuilds each version\'s split from its recipe and dataset, and names what cannot be rebuilt', async () => {
    const name = `migrate-v3-${Math.random()}`;
    await seedV1(name);
    const v2 = await openStudioDBAt(name, 2, { channel: `ch-${name}` });
    const split = { method: 'stratified', testFraction: 0.25, seed: 3 };
    await v2.put('runs', { ...fixture.runs[0], recipe: { steps: [], split }, backend: 'auto' });
    closeStudioDB(v2);
    const db = track(await openStudioDB(name, { channel: `ch-${name}` }));
    const [v1, v2v] = await listVersions(db, 'penguin-species');
    const dataset = fixture.datasets[0];
    expect(v1.seed).toBe(7);
    // `auto` was written at the start of old runs; it names no backend, so the version says none rather than guess.
    expect(v1.backend).toBeNull();
    expect(v1.training.split).toEqual({ spec: split, dataFingerprint: `sha256:${dataset.fingerprint}`, dataRows: dataset.rows, trainRows: null });
    expect(v1.training.missing.map((m) => m.part)).toEqual(['profile', 'baselineMetrics', 'result']);
    expect(v1.training.profile).toBeNull();
    expect(v1.training.baselineMetrics).toBeNull();
    // v2's recipe has no split: nothing is made up, and the reason is there for the UI.
    expect(v2v.backend).toBe('cpu');
    expect(v2v.training.split).toBeNull();
    expect(v2v.training.missing[0]).toMatchObject({ part: 'split', reason: expect.stringMatching(/^This version was registered before splits were saved.*comparisons use a file you pick\.$/) });
  });

  test('a fresh database is created at the current version with every store', async () => {
    const db = track(await openStudioDB(`fresh-${Math.random()}`, { channel: 'x' }));
    expect([...db.objectStoreNames].sort()).toEqual(['aliases', 'audit', 'blobs', 'chunks', 'datasets', 'models', 'projects', 'runs', 'versions']);
  });
});
