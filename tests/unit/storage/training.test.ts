import { describe, expect, test } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { addDataset, completedRun, freshDb, runInput } from './helpers';
import { exportWorkspace, importWorkspace, listVersions, registerVersion, saveRun, WorkspaceError } from '../../../src/storage';
import { sha256Hex } from '../../../src/storage/fingerprint';
import type { RunTraining } from '../../../src/core/run';

const split = { method: 'stratified' as const, testFraction: 0.2, seed: 42, folds: 'auto' as const };

/** A training record as the Train stage writes it, with result fields the store knows nothing about. */
function training(fingerprint: string): RunTraining {
  return {
    format: 1,
    split: { spec: split, dataFingerprint: `sha256:${fingerprint}`, dataRows: 100, trainRows: 80 },
    profile: { columns: [{ name: 'x', type: 'float', missing: 2, numeric: { histogram: { edges: [0, 1, 2], counts: [40, 58] } } }] },
    baselineMetrics: { accuracy: 0.5, logLoss: 0.69 },
    result: { metrics: { accuracy: 0.91 }, explanation: { importance: [{ feature: 'x', mean: 0.2, sd: 0.01 }] }, slices: [{ column: 'x', rows: 20 }] },
    missing: [],
  };
}

/** Rewrites workspace.json with `edit` and recomputes the manifest, as an older Modelbench would have written it. */
async function editWorkspace(zip: Uint8Array, edit: (json: { versions: Record<string, unknown>[] }) => void): Promise<Uint8Array> {
  const files = unzipSync(zip);
  const json = JSON.parse(new TextDecoder().decode(files['workspace.json']));
  edit(json);
  files['workspace.json'] = strToU8(JSON.stringify(json));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  manifest.files['workspace.json'] = { sha256: await sha256Hex(files['workspace.json']), bytes: files['workspace.json'].length };
  files['manifest.json'] = strToU8(JSON.stringify(manifest));
  return zipSync(files);
}

describe('a version keeps its run\'s training record', () => {
  test('registration copies seed, backend and the whole training record, and a workspace round trip keeps every field', async () => {
    const db = await freshDb();
    const d = await addDataset(db);
    await saveRun(db, runInput('r1', d.id, { recipe: { target: 'y', split }, training: training(d.fingerprint) }));
    const v = await registerVersion(db, 'r1', 'churn');
    expect(v).toMatchObject({ seed: 42, backend: 'cpu', training: training(d.fingerprint) });

    const target = await freshDb();
    await importWorkspace(target, await exportWorkspace(db));
    expect(await listVersions(target, 'churn')).toEqual([v]);
  });

  test('a run saved before training records rebuilds its split from recipe and dataset; the rest is named missing', async () => {
    const db = await freshDb();
    const d = await addDataset(db);
    await saveRun(db, runInput('old', d.id, { recipe: { target: 'y', split }, backend: 'auto' }));
    const v = await registerVersion(db, 'old', 'churn');
    expect(v.backend).toBeNull();
    expect(v.training.split).toEqual({ spec: split, dataFingerprint: `sha256:${d.fingerprint}`, dataRows: d.rows, trainRows: null });
    expect(v.training.missing.map((m) => m.part)).toEqual(['profile', 'baselineMetrics', 'result']);
    expect(v.training.missing[1].reason).toMatch(/baseline column is empty/);
  });

  test('a workspace file from before version 3 imports with the training record rebuilt the same way', async () => {
    const db = await freshDb();
    const d = await addDataset(db);
    await completedRun(db, 'r1', d.id);
    await registerVersion(db, 'r1', 'churn');
    const old = await editWorkspace(await exportWorkspace(db), (json) => {
      for (const v of json.versions) for (const key of ['seed', 'backend', 'training']) delete v[key];
    });
    const target = await freshDb();
    await importWorkspace(target, old);
    const [v] = await listVersions(target, 'churn');
    expect(v.seed).toBe(42);
    // The helper's recipe has no split: it is named as missing, not invented.
    expect(v.training.split).toBeNull();
    expect(v.training.missing.map((m) => m.part)).toEqual(['split', 'profile', 'baselineMetrics', 'result']);
  });

  test('a damaged training record is refused with its place', async () => {
    const db = await freshDb();
    const d = await addDataset(db);
    await saveRun(db, runInput('r1', d.id, { recipe: { target: 'y', split }, training: training(d.fingerprint) }));
    await registerVersion(db, 'r1', 'churn');
    const bad = await editWorkspace(await exportWorkspace(db), (json) => {
      (json.versions[0].training as { split: { spec: { testFraction: unknown } } }).split.spec.testFraction = 'a fifth';
    });
    const error = await importWorkspace(await freshDb(), bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as Error).message).toMatch(/versions\[0\]\.training\.split\.spec\.testFraction is "a fifth"/);
  });
});
