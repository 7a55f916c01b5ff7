import { describe, expect, test } from 'vitest';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import { addDataset, completedRun, freshDb, track } from './helpers';
import { openStudioDBAt } from '../../../src/storage/db';
import { closeStudioDB } from '../../../src/storage/context';
import { exportWorkspace, importWorkspace, listProjects, openStudioDB, putProject, STUDIO_DB_VERSION, WorkspaceError } from '../../../src/storage';
import { sha256Hex } from '../../../src/storage/fingerprint';
import { newProject, type Project } from '../../../src/core/project';

const charter = { question: 'Who leaves?', metric: 'rocAuc', threshold: 0.1, stakeholders: 'Retention', dataSources: 'CRM', timeline: 'Q2' };

function project(id: string, datasetIds: string[], updatedAt = 1): Project {
  return { ...newProject(id, `Project ${id}`, 1), updatedAt, charter, datasetIds, events: [{ kind: 'bundle-exported', at: 2, model: 'm', version: '1', fileName: 'm-v1.zip' }], ticks: [{ item: 'agreed', at: 3, note: 'yes' }] };
}

describe('the projects store', () => {
  test('version 4 adds it to a version 3 database and keeps every record', async () => {
    const name = `v3-${Math.random()}`;
    const v3 = await openStudioDBAt(name, 3, { channel: `ch-${name}` });
    expect([...v3.objectStoreNames]).not.toContain('projects');
    await v3.put('datasets', { id: 'd', name: 'a', sourceFileName: 'a.csv', fingerprint: 'f', schema: [], rows: 1, columns: 1, profileSummary: null, createdAt: 1 });
    closeStudioDB(v3);
    const db = track(await openStudioDB(name, { channel: `ch-${name}` }));
    expect(STUDIO_DB_VERSION).toBe(4);
    expect(db.version).toBe(4);
    expect(await db.count('datasets')).toBe(1);
    expect(await listProjects(db)).toEqual([]);
  });

  test('putProject stores a project whole; listProjects gives the most recently changed first', async () => {
    const db = await freshDb();
    await putProject(db, project('a', [], 10));
    await putProject(db, project('b', [], 20));
    await putProject(db, { ...project('a', ['d'], 30) });
    expect((await listProjects(db)).map((p) => [p.id, p.datasetIds])).toEqual([['a', ['d']], ['b', []]]);
  });
});

describe('projects in the workspace file', () => {
  test('travel with a whole-workspace export, follow deduplicated datasets, and are identical on a second import', async () => {
    const source = await freshDb();
    const d = await addDataset(source, 1);
    await completedRun(source, 'r1', d.id);
    await putProject(source, project('p', [d.id]));
    const zip = await exportWorkspace(source);

    const target = await freshDb();
    const twin = await addDataset(target, 1); // same bytes, its own id
    const summary = await importWorkspace(target, zip);
    expect(summary.added.projects).toBe(1);
    const [imported] = await listProjects(target);
    expect(imported).toEqual({ ...project('p', [twin.id]) });
    expect((await importWorkspace(target, zip)).identical.projects).toBe(1);
  });

  test('a stored project with other content is kept and the clash reported', async () => {
    const source = await freshDb();
    await putProject(source, project('p', []));
    const target = await freshDb();
    await putProject(target, { ...project('p', []), name: 'Mine' });
    const summary = await importWorkspace(target, await exportWorkspace(source));
    expect(summary.conflicts).toEqual(['project "Project p" differs from the stored one; kept the stored one']);
    expect((await listProjects(target))[0].name).toBe('Mine');
  });

  test('an export of chosen models carries no project; a file from before projects imports as before', async () => {
    const source = await freshDb();
    const d = await addDataset(source, 1);
    await completedRun(source, 'r1', d.id);
    await putProject(source, project('p', [d.id]));
    const { registerVersion } = await import('../../../src/storage');
    await registerVersion(source, 'r1', 'churn');
    const files = unzipSync(await exportWorkspace(source, { models: ['churn'] }));
    expect(JSON.parse(new TextDecoder().decode(files['workspace.json'])).projects).toBeUndefined();
  });

  test('a bad project names its place and imports nothing', async () => {
    const source = await freshDb();
    await putProject(source, project('p', []));
    const files = unzipSync(await exportWorkspace(source));
    const json = JSON.parse(new TextDecoder().decode(files['workspace.json']));
    json.projects[0].charter.threshold = 5;
    files['workspace.json'] = strToU8(JSON.stringify(json));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    manifest.files['workspace.json'] = { sha256: await sha256Hex(files['workspace.json']), bytes: files['workspace.json'].length };
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    const target = await freshDb();
    const error = await importWorkspace(target, zipSync(files)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as Error).message).toMatch(/workspace\.json: projects\[0\]\.charter\.threshold: The success threshold must be a percentage/);
    expect(await listProjects(target)).toEqual([]);
  });
});
