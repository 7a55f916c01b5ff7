import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Registry } from '../../../src/state/registry.svelte';
import type { TrainedRunLike } from '../../../src/state/registrySink';
import type { FittedRecipe } from '../../../src/core/recipe';
import { openStudioDB, closeStudioDB, saveRun, putDataset, getRun } from '../../../src/storage';

const open: Registry[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.close();
  vi.useRealTimers();
});

function fresh(heartbeatMs = 5000) {
  const name = `reg-${Math.random()}`;
  const registry = new Registry({ name, channel: `ch-${name}`, heartbeatMs });
  open.push(registry);
  return { registry, name };
}

const dataset = (n = 1) => ({
  name: `data-${n}.csv`,
  sourceFileName: `data-${n}.csv`,
  fingerprint: n.toString(16).padStart(64, '0'),
  schema: [{ name: 'x', type: 'float' }],
  rows: 10,
  columns: 1,
  profileSummary: null,
});


describe('Registry', () => {
  test('a dataset, a run, its outcome and a registered version show up in the lists', async () => {
    const { registry } = fresh();
    await registry.open();
    expect(registry.ready).toBe(true);
    const datasetId = await registry.rememberDataset(dataset());
    expect(await registry.rememberDataset({ ...dataset(), name: 'again' })).toBe(datasetId);
    const runId = await registry.startRun({ datasetId, recipe: { steps: [] }, spec: { kind: 'mlp' }, seed: 7, backend: 'cpu' });
    expect(registry.runs.map((r) => [r.id, r.status])).toEqual([[runId, 'running']]);
    const saved = await registry.finishRun(
      runId,
      { status: 'completed', metrics: { accuracy: 0.9 }, curves: { loss: [1, 0.5] }, evaluation: { task: 'binary' } },
      [{ name: 'weights.bin', bytes: new Uint8Array([1, 2, 3]) }],
    );
    expect(saved).toBe(true);
    const run = registry.runs[0];
    expect(run).toMatchObject({ status: 'completed', metrics: { accuracy: 0.9, evaluation: { task: 'binary' } }, curves: { loss: [1, 0.5] } });
    expect(run.artifactIds).toHaveLength(1);
    expect(run.endedAt).not.toBeNull();
    expect(await registry.register(runId, 'penguins-mlp')).toEqual({ name: 'penguins-mlp', version: 1 });
    expect(registry.models.map((m) => [m.name, m.versionCount])).toEqual([['penguins-mlp', 1]]);
    await registry.promote('penguins-mlp', 1, 'champion');
    expect(registry.models[0].aliases).toEqual({ champion: 1 });
    expect(await registry.aliasAt('penguins-mlp', 'champion', Date.now() + 1000)).toBe(1);
    expect((await registry.audit('penguins-mlp')).map((e) => e.action)).toEqual(['alias-set', 'register']);
  });

  test('a running run is heartbeated until it finishes', async () => {
    const { registry, name } = fresh(20);
    await registry.open();
    const datasetId = await registry.rememberDataset(dataset());
    const runId = await registry.startRun({ datasetId, recipe: null, spec: null, seed: 0, backend: 'js' });
    const db = await openStudioDB(name, { channel: `other-${name}` });
    const first = (await getRun(db, runId))!.owner!.heartbeatAt;
    // A later beat, however long a busy machine holds back the 20 ms timer.
    await vi.waitFor(async () => expect((await getRun(db, runId))!.owner!.heartbeatAt).toBeGreaterThan(first), { timeout: 30_000, interval: 20 });
    await registry.finishRun(runId, { status: 'cancelled', metrics: {}, curves: {} });
    expect((await getRun(db, runId))!.owner).toBeUndefined();
    closeStudioDB(db);
  });

  test('runs left running by a closed tab become interrupted at open, with a notice', async () => {
    const { registry, name } = fresh();
    const db = await openStudioDB(name, { channel: `other-${name}`, session: 'gone', now: () => Date.now() - 60_000 });
    const { dataset: d } = await putDataset(db, dataset());
    await saveRun(db, { id: 'r1', datasetId: d.id, recipe: null, spec: null, seed: 0, backend: 'cpu', status: 'running', startedAt: 1, endedAt: null, curves: {}, metrics: {} });
    closeStudioDB(db);
    await registry.open();
    expect(registry.runs[0].status).toBe('interrupted');
    expect(registry.notice).toMatch(/1 run was interrupted/);
  });

  test('a write in another connection on the same channel refreshes the lists', async () => {
    const { registry, name } = fresh();
    await registry.open();
    const db = await openStudioDB(name, { channel: `ch-${name}` });
    await putDataset(db, dataset(2));
    // The refresh arrives by BroadcastChannel and then reads IndexedDB: wait for it, not for a time
    // (a fixed 30 ms missed it at load average 12).
    await vi.waitFor(() => expect(registry.datasets.map((d) => d.name)).toEqual(['data-2.csv']), { timeout: 30_000, interval: 20 });
    closeStudioDB(db);
  });

  test('a deletion plan names what goes; a blocked deletion throws and keeps everything', async () => {
    const { registry } = fresh();
    await registry.open();
    const datasetId = await registry.rememberDataset(dataset());
    const runId = await registry.startRun({ datasetId, recipe: null, spec: null, seed: 0, backend: 'cpu' });
    await registry.finishRun(runId, { status: 'completed', metrics: {}, curves: {} }, [{ name: 'w', bytes: new Uint8Array(10) }]);
    await registry.register(runId, 'm');
    const plan = await registry.plan('dataset', datasetId);
    expect(plan.removes.runs).toEqual([runId]);
    expect(plan.blockers.join()).toMatch(/registered as m v1/);
    await expect(registry.delete('dataset', datasetId)).rejects.toThrow(/Cannot delete/);
    expect(registry.runs).toHaveLength(1);
  });

  test('reproduce stores the version recipe, spec and the run seed for the Train stage', async () => {
    const { registry } = fresh();
    await registry.open();
    const datasetId = await registry.rememberDataset(dataset());
    const runId = await registry.startRun({ datasetId, recipe: { target: 'y' }, spec: { kind: 'linear' }, seed: 42, backend: 'cpu' });
    await registry.finishRun(runId, { status: 'completed', metrics: { rmse: 1 }, curves: {} });
    await registry.register(runId, 'm');
    const [v] = await registry.versions('m');
    await registry.requestReproduce(v);
    expect(registry.reproduceRequest).toMatchObject({ model: 'm', version: 1, runId, datasetId, recipe: { target: 'y' }, spec: { kind: 'linear' }, seed: 42 });
  });
});

describe('registrySink', () => {
  test('a Train-stage run is recorded at start and saved whole at the end, with JSON-safe metrics', async () => {
    const { registrySink } = await import('../../../src/state/registrySink');
    const { registry } = fresh();
    await registry.open();
    const sink = registrySink(registry, async () => dataset(3));
    const run = {
      id: 'train-1', label: 'Neural network (MLP) #1', spec: { kind: 'mlp', seed: 9 }, recipe: { target: 'y' }, status: 'running' as 'running' | 'completed', backend: 'wasm', error: null,
      epochs: [{ loss: 1, valLoss: null, metric: 0.5, valMetric: null }, { loss: 0.5, valLoss: null, metric: 0.7, valMetric: null }],
      result: null as TrainedRunLike['result'],
    };
    await sink.started(run);
    expect(registry.runs.map((r) => [r.id, r.name, r.status, r.seed, r.backend])).toEqual([['train-1', 'Neural network (MLP) #1', 'running', 9, 'wasm']]);
    run.status = 'completed';
    const split = { method: 'random' as const, testFraction: 0.2, seed: 9 };
    const fitted = { target: 'y', inputSchema: [{ name: 'x', type: 'float' }] } as unknown as FittedRecipe;
    run.result = { result: { recipe: { split }, rows: { train: 240 }, baselineMetrics: { accuracy: 0.5 }, slices: [{ name: 'x < 1' }], metrics: { accuracy: 0.8, rocAuc: NaN }, report: { roc: [{ thresholds: [Infinity, 0.5] }] }, fitted, model: { kind: 'tf', files: { modelJson: '{}', weights: new Uint8Array(8) } } } as NonNullable<TrainedRunLike['result']>['result'] };
    await sink.finished(run);
    const saved = registry.runs[0];
    expect(saved).toMatchObject({ name: 'Neural network (MLP) #1', status: 'completed', curves: { loss: [1, 0.5], metric: [0.5, 0.7] }, metrics: { accuracy: 0.8, rocAuc: null, evaluation: { roc: [{ thresholds: [null, 0.5] }] } } });
    expect(saved.curves.val_loss).toBeUndefined();
    expect(saved.artifactIds).toHaveLength(4);
    expect(registry.datasets).toHaveLength(1);
    // The training record: the split on this dataset, the baseline, the whole result (extra fields too) without the weights.
    expect(saved.training).toMatchObject({ split: { spec: split, dataFingerprint: `sha256:${registry.datasets[0].fingerprint}`, dataRows: registry.datasets[0].rows, trainRows: 240 }, baselineMetrics: { accuracy: 0.5 }, result: { slices: [{ name: 'x < 1' }] } });
    expect(saved.training!.result!.model).toBeUndefined();
    expect(saved.training!.missing.map((m) => m.part)).toEqual(['profile']);
  });

  test('a later visit numbers its runs after the names the registry kept', async () => {
    const { registrySink } = await import('../../../src/state/registrySink');
    const { nextRunName } = await import('../../../src/state/nextRunName');
    const { registry } = fresh();
    await registry.open();
    const datasetId = await registry.rememberDataset(dataset());
    for (const name of ['Logistic regression #1', 'Logistic regression #3', 'Gradient-boosted trees #1']) await registry.startRun({ name, datasetId, recipe: null, spec: { kind: 'logistic' }, seed: 0, backend: 'cpu' });
    await registry.startRun({ datasetId, recipe: null, spec: { kind: 'logistic' }, seed: 0, backend: 'cpu' });
    const sink = registrySink(registry, async () => dataset());
    expect(nextRunName('Logistic regression', sink.names())).toBe('Logistic regression #4');
    expect(nextRunName('Gradient-boosted trees', sink.names())).toBe('Gradient-boosted trees #2');
    expect(nextRunName('Random forest', sink.names())).toBe('Random forest #1');
  });
});

describe('nextRunName', () => {
  test('follows the highest number of that model; other models, other words and malformed numbers do not count', async () => {
    const { nextRunName } = await import('../../../src/state/nextRunName');
    expect(nextRunName('Linear regression', [])).toBe('Linear regression #1');
    expect(nextRunName('Linear regression', ['Linear regression #2', undefined, 'Linear regression #10', 'Linear regression #7'])).toBe('Linear regression #11');
    expect(nextRunName('Linear regression', ['Linear regression #', 'Linear regression #02', 'Linear regression #3b', 'Linear regression', 'Neural network (MLP) #9'])).toBe('Linear regression #1');
    expect(nextRunName('Neural network (MLP)', ['Neural network (MLP) #9'])).toBe('Neural network (MLP) #10');
  });
});
