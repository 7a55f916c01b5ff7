import { expect, test } from 'vitest';
import { addDataset, freshDb, hex } from './helpers';
import { exportFolderProjects, importFolderProjects } from '../../../src/storage/projectFolder';
import { listProjects, putProject } from '../../../src/storage';
import { newProject } from '../../../src/core/project';

test('a project goes into a registry folder and into another studio, its dataset found by fingerprint', async () => {
  const a = await freshDb();
  const d = await addDataset(a, 1);
  const project = { ...newProject('p-1', 'Churn', 1000), datasetIds: [d.id] };
  await putProject(a, project);
  const writes = await exportFolderProjects(a, null);
  expect(Object.keys(writes)).toEqual(['projects/p-1.json']);
  expect(JSON.parse(new TextDecoder().decode(writes['projects/p-1.json'])).datasets).toEqual({ [d.id]: hex(1) });
  // The folder already holds this copy: nothing to write.
  expect(await exportFolderProjects(a, writes)).toEqual({});

  const b = await freshDb();
  const twin = await addDataset(b, 1);
  expect(twin.id).not.toBe(d.id);
  expect(await importFolderProjects(b, { 'registry/registry.json': new Uint8Array(), ...Object.fromEntries(Object.entries(writes).map(([p, v]) => [`registry/${p}`, v])) })).toEqual({ imported: ['Churn'], problems: [] });
  expect(await listProjects(b)).toEqual([{ ...project, datasetIds: [twin.id] }]);

  // A newer copy in the studio is kept over an older one in the folder, and goes out on the next export.
  await putProject(b, { ...project, datasetIds: [twin.id], name: 'Churn 2', updatedAt: 5000 });
  expect((await importFolderProjects(b, writes)).imported).toEqual([]);
  expect((await listProjects(b))[0].name).toBe('Churn 2');
  expect(Object.keys(await exportFolderProjects(b, writes))).toEqual(['projects/p-1.json']);
});

test('the folder’s gate verdicts become evidence of the project, once however often it is imported', async () => {
  const db = await freshDb();
  await putProject(db, newProject('p', 'Churn', 1000));
  const log = [
    { at: '2026-03-01T10:00:00.000Z', action: 'gate', by: 'ci', model: 'churn', version: 1, detail: { verdict: 'pass', champion: null, pipeline: 'pipeline.json' }, prev: '' },
    { at: '2026-03-02T10:00:00.000Z', action: 'gate', by: 'ci', model: 'churn', detail: { verdict: 'fail', champion: 'churn@1', pipeline: 'pipeline.json', refused: true }, prev: '' },
  ];
  // The chain is checked separately (readAuditLog reports a break); verdicts are read either way.
  const files = { 'audit.ndjson': new TextEncoder().encode(log.map((l) => JSON.stringify(l)).join('\n') + '\n') };
  await importFolderProjects(db, files);
  await importFolderProjects(db, files);
  expect((await listProjects(db))[0].events).toEqual([
    { kind: 'gate', at: Date.parse(log[0].at), model: 'churn', version: '1', pass: true, source: 'pipeline.json, the first version: nothing to compare with yet' },
    { kind: 'gate', at: Date.parse(log[1].at), model: 'churn', version: 'not registered', pass: false, source: 'pipeline.json, against churn@1' },
  ]);
});
