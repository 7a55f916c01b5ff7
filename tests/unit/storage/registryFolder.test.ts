/** The studio's registry written as a registry folder and read back into another studio, merged by content hash. */
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { readRegistryFiles, readAuditLog } from '../../../src/core/registryFolder';
import { readRunFile, writeRunFile } from '../../../src/core/run';
import { exportRegistryFolder } from '../../../src/storage/registryFolderExport';
import { importRegistryFolder } from '../../../src/storage/registryFolderImport';
import { auditLog, getRun, getDataset, listModels, listVersions, putDataset, registerVersion, saveRun, setAlias, setNotes, setTag, tagMap, type StudioDb } from '../../../src/storage';
import { FINGERPRINT, trainedRun } from '../core/run/trainedRun';
import { freshDb } from './helpers';

/** A studio holding `churn` v1 (champion, tagged, with a note), trained on penguins. */
async function studioWithVersion(db: StudioDb, name = 'churn') {
  const { input } = await trainedRun({ kind: 'gbdt', seed: 3, options: { rounds: 10 } });
  const { dataset } = await putDataset(db, { name: 'penguins.csv', sourceFileName: 'penguins.csv', fingerprint: FINGERPRINT.slice(7), schema: [], rows: input.data!.rows, columns: 7, profileSummary: null });
  const run = readRunFile(writeRunFile(input));
  await saveRun(db, { id: 'run-1', datasetId: dataset.id, recipe: input.recipe as never, spec: input.spec as never, seed: 3, backend: 'cpu', status: 'completed', startedAt: 1, endedAt: 2, curves: {}, metrics: input.metrics, training: input.training }, Object.entries(run.studioFiles).map(([name, bytes]) => ({ name, bytes })));
  await registerVersion(db, 'run-1', name);
  await setAlias(db, name, 'champion', 1);
  await setTag(db, name, 1, 'reviewed', 'yes');
  await setNotes(db, name, 1, 'first model');
  return input;
}

describe('registry folder export and import', () => {
  test('studio records → folder files → another studio: the version, its lineage, alias, tags, note and history arrive', { timeout: 60_000 }, async () => {
    const source = await freshDb();
    const input = await studioWithVersion(source);
    const { writes, summary } = await exportRegistryFolder(source, null, 'keep', 'the new folder');
    expect(summary).toMatchObject({ added: [{ model: 'churn', version: 1, from: 1 }], same: 0, aliases: [{ model: 'churn', alias: 'champion', version: 1 }], conflicts: [], problems: [] });
    expect(Object.keys(writes).sort()).toEqual(['audit.ndjson', 'models/churn/model.json', 'models/churn/versions/1/bundle.zip', 'models/churn/versions/1/run/run.json', 'models/churn/versions/1/run/trees.json', 'models/churn/versions/1/version.json', 'registry.json']);

    const folder = readRegistryFiles(writes, 'the folder');
    expect(folder.problems).toEqual([]);
    const [{ model, versions: [v1] }] = folder.models;
    expect(model).toEqual({ name: 'churn', aliases: { champion: 1 }, tags: { 1: { reviewed: 'yes' } }, notes: { 1: 'first model' } });
    expect(v1.record.lineage).toMatchObject({ source: 'studio churn v1', seed: 3, data: { name: 'penguins.csv', fingerprint: FINGERPRINT, rows: input.data!.rows } });
    expect(readAuditLog(folder.log).entries.map((e) => e.action)).toEqual(['register', 'tag', 'note', 'alias']);
    // The studio remembers the hash, so the same export again writes nothing.
    expect(tagMap((await listVersions(source, 'churn'))[0].tags).get('content-sha256')).toBe(v1.record.contentHash);
    const again = await exportRegistryFolder(source, writes, 'keep', 'the folder');
    expect(again).toEqual({ writes: {}, summary: { added: [], same: 1, aliases: [], conflicts: [], problems: [] } });

    const target = await freshDb();
    const imported = await importRegistryFolder(target, writes, 'keep', 'the folder');
    expect(imported).toEqual({ added: [{ model: 'churn', version: 1, from: 1 }], same: 0, aliases: [{ model: 'churn', alias: 'champion', version: 1 }], conflicts: [], problems: [] });
    const [version] = await listVersions(target, 'churn');
    expect(version).toMatchObject({ seed: 3, notes: 'first model', spec: input.spec, recipe: input.recipe, training: input.training });
    expect(tagMap(version.tags).get('reviewed')).toBe('yes');
    const run = await getRun(target, version.runId);
    expect((await getDataset(target, run!.datasetId))?.fingerprint).toBe(FINGERPRINT.slice(7));
    expect((await listModels(target))[0].aliases).toEqual({ champion: 1 });
    const trail = await auditLog(target, { subject: 'churn', action: 'import' });
    expect(trail[0].detail).toMatchObject({ version: 1, folderVersion: 1, contentHash: v1.record.contentHash, registeredBy: 'modelbench studio' });

    // Importing the same folder again finds every version by its hash.
    expect(await importRegistryFolder(target, writes, 'keep', 'the folder')).toMatchObject({ added: [], same: 1, conflicts: [] });
  });

  test('a note changed on one side is a conflict: the studio keeps its own unless the folder is chosen; a new alias arrives', { timeout: 60_000 }, async () => {
    const db = await freshDb();
    await studioWithVersion(db);
    const { writes } = await exportRegistryFolder(db, null, 'keep', 'the new folder');
    const model = JSON.parse(new TextDecoder().decode(writes['models/churn/model.json']));
    model.aliases = { champion: 1, staging: 1 };
    writes['models/churn/model.json'] = new TextEncoder().encode(JSON.stringify(model));
    await setNotes(db, 'churn', 1, 'changed here');
    const kept = await importRegistryFolder(db, writes, 'keep', 'the folder');
    expect(kept.conflicts).toEqual(['The note of churn v1 is "changed here" in the studio but "first model" in the folder; the studio kept "changed here".']);
    expect((await listVersions(db, 'churn'))[0].notes).toBe('changed here');
    expect(kept.aliases).toEqual([{ model: 'churn', alias: 'staging', version: 1 }]);
    const taken = await importRegistryFolder(db, writes, 'take', 'the folder');
    expect(taken.conflicts[0]).toMatch(/the studio now has "first model"/);
    expect((await listVersions(db, 'churn'))[0].notes).toBe('first model');
  });

  test('a studio model whose name cannot be a folder is left out, saying why', { timeout: 60_000 }, async () => {
    const db = await freshDb();
    await studioWithVersion(db, 'my model');
    const { writes, summary } = await exportRegistryFolder(db, null, 'keep', 'the new folder');
    expect(Object.keys(writes)).toEqual(['registry.json']);
    expect(summary.problems).toEqual([`my model was left out: The model name "my model" must start with a letter or digit and hold only letters, digits, '.', '_' and '-' (at most 64). Register its versions under such a name to export them.`]);
  });

  test('bad input says what, where and what to do', async () => {
    const db = await freshDb();
    await expect(importRegistryFolder(db, { 'notes.txt': new Uint8Array(1) }, 'keep', 'The zip "x.zip"')).rejects.toThrow('The zip "x.zip" is not a registry folder: it has no registry.json at its top. Choose the folder given to modelbench registry --registry, or a zip of it.');
    const files = { 'registry.json': new TextEncoder().encode('{"format":"modelbench-registry/1"}'), 'models/churn/versions/1/version.json': new TextEncoder().encode(JSON.stringify({ name: 'churn', version: 1, contentHash: 'x', files: { 'bundle.zip': { sha256: 'y', bytes: 1 } }, lineage: { source: 'bundle b.zip' } })), 'models/churn/versions/1/bundle.zip': new Uint8Array(1) };
    const summary = await importRegistryFolder(db, files, 'keep', 'the folder');
    expect(summary.added).toEqual([]);
    expect(summary.problems).toEqual(['churn v1 was left out: bundle.zip does not match its SHA-256; it was changed after registration.']);
  });
});
