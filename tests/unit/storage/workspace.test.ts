import { describe, expect, test, vi } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { addDataset, bytesOf, completedRun, dump, freshDb, runInput } from './helpers';
import {
  StorageFullError,
  WorkspaceError,
  aliasAt,
  auditLog,
  exportWorkspace,
  importWorkspace,
  listVersions,
  loadArtifact,
  registerVersion,
  saveRun,
  setAlias,
  setTag,
} from '../../../src/storage';
import { sha256Hex } from '../../../src/storage/fingerprint';

/** A workspace with two datasets, three runs, two models, aliases, tags and an audit trail. */
async function populated(chunkSize = 64) {
  const db = await freshDb({ chunkSize });
  const d1 = await addDataset(db, 1, bytesOf(300, 9));
  const d2 = await addDataset(db, 2);
  await completedRun(db, 'r1', d1.id, bytesOf(500, 1));
  // One run with the name the Train stage gives, which the round trip must keep.
  await saveRun(db, runInput('r2', d1.id, { name: 'Neural network (MLP) #2' }), [{ name: 'weights.bin', bytes: bytesOf(70, 2) }]);
  await completedRun(db, 'r3', d2.id, bytesOf(10, 3));
  await registerVersion(db, 'r1', 'churn', { tags: { __proto__: 'p', team: 'risk' } as Record<string, string> });
  await registerVersion(db, 'r2', 'churn');
  await registerVersion(db, 'r3', 'fraud');
  await setAlias(db, 'churn', 'champion', 2);
  await setTag(db, 'fraud', 1, 'stage', 'staging');
  return db;
}

const withoutIds = (entries: { id?: number }[]) => entries.map(({ id: _id, ...e }) => e);

/** Rebuilds a zip from its files after `edit`, keeping the manifest as it was unless edited too. */
function rezip(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  edit(files);
  return zipSync(files);
}

async function expectNothingWritten(bytes: Uint8Array, message: RegExp) {
  const db = await populated();
  const before = await dump(db);
  await expect(importWorkspace(db, bytes)).rejects.toThrow(message);
  expect(await dump(db)).toEqual(before);
}

describe('exportWorkspace → importWorkspace', () => {
  test('a fresh database ends up with identical records and bytes', async () => {
    const source = await populated();
    const zip = await exportWorkspace(source);
    const target = await freshDb({ chunkSize: 64 });
    const summary = await importWorkspace(target, zip);
    expect(summary.added).toEqual({ datasets: 2, runs: 3, models: 2, versions: 3, aliases: 1, blobs: 4, audit: 5, projects: 0 });
    expect(summary.conflicts).toEqual([]);
    const a = await dump(source);
    const b = await dump(target);
    for (const store of ['datasets', 'runs', 'models', 'versions', 'aliases', 'blobs', 'chunks']) expect(b[store]).toEqual(a[store]);
    expect((b.runs as { name?: string }[]).map((r) => r.name)).toContain('Neural network (MLP) #2');
    const log = await auditLog(target);
    expect(log.filter((e) => e.action === 'import').map((e) => e.subject)).toEqual(['workspace']);
    expect(withoutIds(log.filter((e) => e.action !== 'import'))).toEqual(withoutIds(await auditLog(source)));
    expect(await aliasAt(target, 'churn', 'champion', Date.now())).toBe(2);
  });

  test('the zip holds workspace.json, blob files and a manifest hashing each of them', async () => {
    const zip = await exportWorkspace(await populated());
    const files = unzipSync(zip);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(manifest).toMatchObject({ format: 'modelbench-workspace', formatVersion: 1 });
    const names = Object.keys(files).filter((n) => n !== 'manifest.json').sort();
    expect(Object.keys(manifest.files).sort()).toEqual(names);
    expect(names.filter((n) => n.startsWith('blobs/'))).toHaveLength(4);
    for (const n of names) expect(manifest.files[n].sha256).toBe(await sha256Hex(files[n]));
  });

  test('exporting one model brings its runs, datasets and bytes, not the others', async () => {
    const source = await populated();
    const target = await freshDb();
    const summary = await importWorkspace(target, await exportWorkspace(source, { models: ['fraud'] }));
    expect(summary.added).toMatchObject({ datasets: 1, runs: 1, models: 1, versions: 1, aliases: 0, blobs: 1 });
    expect(await target.getAllKeys('runs')).toEqual(['r3']);
    const [v] = await listVersions(target, 'fraud');
    expect(await loadArtifact(target, v.artifactIds[0])).toEqual(bytesOf(10, 3));
    await expect(exportWorkspace(source, { models: ['nope'] })).rejects.toThrow(/No model is named "nope"/);
  });
});

describe('importWorkspace merge', () => {
  test('importing into the same workspace skips everything as identical', async () => {
    const db = await populated();
    const zip = await exportWorkspace(db);
    const before = await dump(db);
    const summary = await importWorkspace(db, zip);
    expect(summary.added).toEqual({ datasets: 0, runs: 0, models: 0, versions: 0, aliases: 0, blobs: 0, audit: 0, projects: 0 });
    expect(summary.identical).toMatchObject({ datasets: 2, runs: 3, versions: 3, aliases: 1, blobs: 4 });
    const after = await dump(db);
    expect({ ...after, audit: after.audit.slice(0, -1) }).toEqual(before);
  });

  test('clashing version numbers are renumbered after the local ones; nothing local changes', async () => {
    const source = await populated();
    const zip = await exportWorkspace(source, { models: ['churn'] });
    const target = await freshDb();
    const d = await addDataset(target, 7);
    await completedRun(target, 'local', d.id);
    const mine = await registerVersion(target, 'local', 'churn');
    await setAlias(target, 'churn', 'champion', 1);
    const before = await dump(target);

    const summary = await importWorkspace(target, zip);
    expect(summary.renumbered).toEqual([
      { model: 'churn', from: 1, to: 3 },
      { model: 'churn', from: 2, to: 4 },
    ]);
    expect(summary.conflicts).toEqual(['alias "champion" of churn points at v1 here; kept it']);
    const versions = await listVersions(target, 'churn');
    expect(versions.map((v) => [v.version, v.runId])).toEqual([[1, 'local'], [3, 'r1'], [4, 'r2']]);
    expect(versions[0]).toEqual(mine);
    const after = await dump(target);
    for (const store of Object.keys(before)) {
      for (const record of before[store]) if (store !== 'models') expect(after[store]).toContainEqual(record);
    }
    expect(await target.get('models', 'churn')).toMatchObject({ lastVersion: 4 });
    expect((await registerVersion(target, 'local', 'churn')).version).toBe(5);
    // Re-importing the same file recognises the renumbered versions as identical.
    const again = await importWorkspace(target, zip);
    expect(again.added.versions).toBe(0);
    expect(again.identical.versions).toBe(2);
  });

  test('a dataset already stored under another id is reused, not duplicated', async () => {
    const source = await populated();
    const target = await freshDb();
    const mine = await addDataset(target, 2);
    const summary = await importWorkspace(target, await exportWorkspace(source, { models: ['fraud'] }));
    expect(summary.deduplicated).toHaveLength(1);
    expect(summary.deduplicated[0].existing).toBe(mine.id);
    expect(await target.count('datasets')).toBe(1);
    expect((await target.get('runs', 'r3'))?.datasetId).toBe(mine.id);
  });

  test('a disk that fills up mid-import leaves the database as it was', async () => {
    const zip = await exportWorkspace(await populated());
    const target = await freshDb({ chunkSize: 64 });
    const before = await dump(target);
    const original = IDBObjectStore.prototype.add;
    let n = 0;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'versions' && ++n === 2) throw new DOMException('full', 'QuotaExceededError');
      return original.apply(this, args as Parameters<typeof original>);
    });
    await expect(importWorkspace(target, zip)).rejects.toThrow(StorageFullError);
    spy.mockRestore();
    expect(await dump(target)).toEqual(before);
  });
});

describe('importWorkspace refuses bad files and writes nothing', () => {
  test('bytes that are not a zip', async () => {
    await expectNothingWritten(strToU8('name,age\nana,3\n'), /not a zip file/);
  });

  test('a truncated zip', async () => {
    const zip = await exportWorkspace(await populated());
    await expectNothingWritten(zip.slice(0, zip.length - 30), /cannot be imported/);
    await expectNothingWritten(zip.slice(100), /cannot be imported/);
  });

  test('a corrupted deflate stream', async () => {
    const zip = await exportWorkspace(await populated());
    const broken = zip.slice();
    for (let i = 200; i < 260; i++) broken[i] ^= 0xa5;
    await expectNothingWritten(broken, /cannot be imported/);
  });

  test('a blob changed after export (hash mismatch)', async () => {
    const zip = await exportWorkspace(await populated());
    const tampered = rezip(zip, (files) => {
      const name = Object.keys(files).find((n) => n.startsWith('blobs/'))!;
      files[name] = files[name].slice();
      files[name][0] ^= 1;
    });
    await expectNothingWritten(tampered, /does not match the SHA-256 recorded in manifest\.json/);
  });

  test('workspace.json edited and its manifest hash recomputed still fails the blob hash check', async () => {
    const zip = await exportWorkspace(await populated());
    const tampered = rezip(zip, (files) => {
      const name = Object.keys(files).find((n) => n.startsWith('blobs/'))!;
      files[name] = new Uint8Array(files[name].length);
    });
    const files = unzipSync(tampered);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    for (const n of Object.keys(manifest.files)) manifest.files[n].sha256 = await sha256Hex(files[n]);
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    await expectNothingWritten(zipSync(files), /does not match the size or SHA-256 recorded for it in workspace\.json/);
  });

  test('a record of the wrong shape is named with its place', async () => {
    const zip = await exportWorkspace(await populated());
    const files = unzipSync(zip);
    const json = JSON.parse(new TextDecoder().decode(files['workspace.json']));
    json.runs[1].status = 'done';
    files['workspace.json'] = strToU8(JSON.stringify(json));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    manifest.files['workspace.json'] = { sha256: await sha256Hex(files['workspace.json']), bytes: files['workspace.json'].length };
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    await expectNothingWritten(zipSync(files), /workspace\.json: runs\[1\]\.status is "done"; expected one of running/);
  });

  test('an extra file not in the manifest, or a newer format', async () => {
    const zip = await exportWorkspace(await populated());
    await expectNothingWritten(rezip(zip, (f) => void (f['evil.js'] = strToU8('x'))), /"evil\.js" is in the zip but not in manifest\.json/);
    const newer = rezip(zip, (f) => {
      const m = JSON.parse(new TextDecoder().decode(f['manifest.json']));
      f['manifest.json'] = strToU8(JSON.stringify({ ...m, formatVersion: 99 }));
    });
    await expectNothingWritten(newer, /format 99; this Modelbench reads up to 1/);
  });

  test('a zip bomb is refused from its declared sizes, before inflating', async () => {
    // 50 MB of zeros deflates to ~50 KB: a ratio near 1,000 that the 2 GB and ratio limits catch.
    const bomb = zipSync({ 'manifest.json': strToU8('{}'), 'blobs/x.bin': new Uint8Array(50_000_000) }, { level: 9 });
    const db = await freshDb();
    await expect(importWorkspace(db, bomb, { maxTotalBytes: 10_000_000, maxFiles: 10, maxRatio: 1100 })).rejects.toThrow(
      /declare more than 10000000 bytes/,
    );
    await expect(importWorkspace(db, bomb, { maxTotalBytes: 2 ** 31, maxFiles: 10, maxRatio: 100 })).rejects.toThrow(/zip bomb/);
    expect(await db.count('audit')).toBe(0);
  });

  test('a forged central directory declaring 4 GB is refused without inflating', async () => {
    const zip = zipSync({ 'workspace.json': strToU8('{}') }, { level: 0 });
    const view = new DataView(zip.buffer);
    const cd = view.getUint32(zip.length - 22 + 16, true);
    view.setUint32(cd + 24, 0xfffffff0, true);
    await expectNothingWritten(zip, /declare more than|zip bomb/);
  });

  test('too many files', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 12; i++) files[`f${i}`] = strToU8('x');
    const db = await freshDb();
    await expect(importWorkspace(db, zipSync(files), { maxTotalBytes: 1e9, maxFiles: 10, maxRatio: 1100 })).rejects.toThrow(
      /lists 12 files; the limit is 10/,
    );
  });

  test('a path-traversal entry name', async () => {
    await expectNothingWritten(zipSync({ '../etc/passwd': strToU8('x') }), /not a plain relative path/);
  });
});

test('WorkspaceError is what bad files raise', async () => {
  const db = await freshDb();
  await expect(importWorkspace(db, new Uint8Array(10))).rejects.toBeInstanceOf(WorkspaceError);
});
