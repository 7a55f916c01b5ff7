/**
 * Issue 16, item 1: two models trained on the same file with the default split, compared as this
 * session's runs and as the versions registered from them, must be compared on the same held-out
 * rows with the same verdict. Before, a registered version lost its split (versionSource never read
 * it), so the comparison fell back to every row of the file, training rows included.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { Registry } from '../../../src/state/registry.svelte';
import { registrySink, type TrainedRunLike } from '../../../src/state/registrySink';
import { registryTrainedOn, sessionSource, versionSource, type ModelSource } from '../../../src/state/modelSource';
import type { SessionRun } from '../../../src/state/train.svelte';
import { compareOnTable, heldOutRows } from '../../../src/core/abtest';
import { driftReport, portableOf, scorerModule, type Preprocess, type RowPrediction } from '../../../src/core/deploy';
import { layersFiles, runExperiment, useBackend, type ModelSpec } from '../../../src/core/models';
import { profileTable } from '../../../src/core/profile';
import { proposeRecipe, splitRows } from '../../../src/core/recipe';
import { breastCancer, importScorer } from '../core/deploy/trainTiny';

const registries: Registry[] = [];
afterEach(() => registries.splice(0).forEach((r) => r.close()));

const table = breastCancer();
const FINGERPRINT = 'ab'.repeat(32);
const profile = profileTable(table, { target: 'diagnosis' });

/** A completed Train-stage run, shaped as the train worker hands it over (weights as files). */
async function trainRun(id: string, spec: ModelSpec): Promise<SessionRun> {
  await useBackend('cpu');
  const recipe = proposeRecipe(table, undefined, 'diagnosis');
  const result = await runExperiment(table, recipe, spec);
  const model = result.model.kind === 'tf'
    ? { kind: 'tf' as const, modelKind: result.model.modelKind, task: result.model.task, numClasses: result.model.numClasses, files: await layersFiles(result.model) }
    : (result.model as Exclude<typeof result.model, { kind: 'tf' }>);
  return {
    id, label: `${spec.kind} #1`, spec, recipe, status: 'completed', startedAt: 0, endedAt: 1, epochs: [], backend: 'cpu', probe: null, recoveries: [], error: null,
    result: { result: { ...result, model }, backend: 'cpu', probe: null, recoveries: [] },
  } as SessionRun;
}

async function scorerOf(m: ModelSource) {
  const s = await importScorer(scorerModule(m.fitted, portableOf(m), { name: m.name, version: m.version }));
  return { name: `${m.name} v${m.version}`, preprocess: m.fitted as Preprocess, predict: (rows: Record<string, unknown>[]) => s.predict(rows) as RowPrediction[] };
}

async function compare(models: ModelSource[]) {
  const rows = heldOutRows(table, 'diagnosis', `sha256:${FINGERPRINT}`, models.map((m) => ({ label: m.label, ...m.training })));
  if (!rows.ok) throw new Error(rows.reason);
  const out = compareOnTable(table, 'diagnosis', await Promise.all(models.map(scorerOf)), { rows: rows.rows, resamples: 1000 });
  return { rows: rows.rows, notes: rows.notes, out };
}

describe('comparing registered versions', () => {
  test('two versions give the same rows, p-value and verdict as the same two session runs', { timeout: 120_000 }, async () => {
    const registry = new Registry({ name: `cmp-${Math.random()}`, channel: `cmp-${Math.random()}` });
    registries.push(registry);
    await registry.open();
    const describe = async () => ({ name: 'breast-cancer', sourceFileName: 'breast-cancer.csv', fingerprint: FINGERPRINT, schema: [], rows: table.rowCount, columns: table.columns.length, profileSummary: null });
    const sink = registrySink(registry, describe, () => profile);
    const runs = [await trainRun('run-mlp', { kind: 'mlp', seed: 1, options: { epochs: 3, units: 8 } }), await trainRun('run-logistic', { kind: 'logistic', seed: 1 })];
    for (const run of runs) {
      await sink.started(run as unknown as TrainedRunLike);
      await sink.finished(run as unknown as TrainedRunLike);
    }
    await registry.register('run-mlp', 'net');
    await registry.register('run-logistic', 'lr');

    const sessions = runs.map((r) => sessionSource(r, profile, registryTrainedOn(registry, r.id))!);
    const versions = await Promise.all(['net', 'lr'].map(async (name) => {
      const [v] = await registry.versions(name);
      const { files, dataset } = await registry.versionFiles(v);
      return { ...versionSource(v, files, dataset), name: sessions[name === 'net' ? 0 : 1].name };
    }));

    const asRuns = await compare(sessions);
    const asVersions = await compare(versions);
    // Held-out rows only: exactly the test split both models share, never the training rows.
    const test = splitRows(table, 'diagnosis', runs[0].recipe.split).test;
    expect(Array.from(asRuns.rows)).toEqual(Array.from(test));
    expect(test.length).toBeLessThan(table.rowCount / 2);
    expect(Array.from(asVersions.rows)).toEqual(Array.from(asRuns.rows));
    expect(asVersions.notes).toEqual([]);
    expect(asVersions.out.report.n).toBe(asRuns.out.report.n);
    expect(asVersions.out.report.comparisons[0].pValue).toBe(asRuns.out.report.comparisons[0].pValue);
    expect(asVersions.out.report.comparisons[0].verdict).toBe(asRuns.out.report.comparisons[0].verdict);
    expect(asVersions.out.report.comparisons[0].verdict).toContain(`on ${asRuns.out.report.n} rows`);

    // The version also keeps what drift and the model card need, and reports the same drift.
    for (const [i, v] of versions.entries()) {
      expect(v.missing).toEqual([]);
      expect(v.baselineMetrics).toEqual(runs[i].result!.result.baselineMetrics);
      expect(Object.keys(v.baselineMetrics!).sort()).toEqual(Object.keys(v.metrics!).sort());
      expect(driftReport(v.profile!, table)).toEqual(driftReport(sessions[i].profile!, table));
      expect(v.profile!.columns.map((c) => c.name)).toEqual(v.fitted.inputSchema.map((c) => c.name));
      // Its card's explanation and weakest slices, read back from the stored result, are the run's.
      expect(v.explanation).toBeDefined();
      expect(v.explanation).toEqual(sessions[i].explanation);
      expect(v.slices).toEqual(sessions[i].slices);
    }
    const [stored] = await registry.versions('net');
    expect(stored.backend).toBe('cpu');
    expect(stored.training.result).toMatchObject({ metrics: runs[0].result!.result.metrics, rows: runs[0].result!.result.rows });
  });
});
