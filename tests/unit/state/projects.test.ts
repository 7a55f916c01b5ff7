import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Registry } from '../../../src/state/registry.svelte';
import { ProjectsState } from '../../../src/state/projects.svelte';
import { recordEvidence } from '../../../src/state/projectEvidence';
import { emptyCharter } from '../../../src/core/project';

const open: Registry[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.close();
});

async function fresh() {
  const name = `proj-${Math.random()}`;
  const registry = new Registry({ name, channel: `ch-${name}` });
  open.push(registry);
  await registry.open();
  return { registry, projects: new ProjectsState(registry) };
}

const dataset = { name: 'churn.csv', sourceFileName: 'churn.csv', fingerprint: 'a'.repeat(64), schema: [{ name: 'x', type: 'float' }], rows: 10, columns: 1, profileSummary: null };
const item = (p: ProjectsState, id: string) => p.board.flatMap((s) => s.items).find((i) => i.id === id)!;

describe('ProjectsState', () => {
  test('a first refresh makes a project that takes on the stored datasets, and a registered run ticks the board', async () => {
    const { registry, projects } = await fresh();
    const datasetId = await registry.rememberDataset(dataset);
    const runId = await registry.startRun({ datasetId, recipe: { task: 'binary', steps: [] }, spec: { kind: 'logistic' }, seed: 1, backend: 'cpu' });
    await registry.finishRun(runId, { status: 'completed', metrics: { rocAuc: 0.9 }, curves: {} });
    const project = await projects.refresh();
    expect(project.name).toBe('My project');
    expect(project.datasetIds).toEqual([datasetId]);
    expect(item(projects, 'trained').evidence).not.toBeNull();
    expect(item(projects, 'registered').evidence).toBeNull();
    await registry.register(runId, 'churn');
    await projects.refresh();
    expect(item(projects, 'registered').evidence?.words).toMatch(/^churn v1 was registered/);
    // A second refresh neither makes another project nor adds the dataset twice.
    expect((await projects.refresh()).datasetIds).toEqual([datasetId]);
    expect(projects.projects).toHaveLength(1);
  });

  test('evidence the stages report lands in the project, in order, even when several arrive at once', async () => {
    const { projects } = await fresh();
    recordEvidence({ kind: 'bundle-exported', at: 1, model: 'churn', version: '1', fileName: 'churn-v1.zip' });
    recordEvidence({ kind: 'ab-analysed', at: 2, verdict: 'B is better.', units: 500 });
    // Evidence is written in the background: refresh until both have landed, not after a fixed time.
    await vi.waitFor(async () => {
      await projects.refresh();
      expect(projects.active?.events.map((e) => e.kind)).toEqual(['bundle-exported', 'ab-analysed']);
    }, { timeout: 30_000, interval: 20 });
    expect(item(projects, 'bundle').evidence?.words).toMatch(/^churn-v1\.zip was exported/);
  });

  test('the charter is refused with its problems, then saved; manual items tick and untick', async () => {
    const { projects } = await fresh();
    await projects.refresh();
    expect(await projects.saveCharter('', { ...emptyCharter(), threshold: 2 })).toEqual([
      { field: 'threshold', message: expect.stringMatching(/^The success threshold must be a percentage/) },
      { field: 'name', message: 'Give the project a name: it titles the documents.' },
    ]);
    expect(projects.active?.name).toBe('My project');
    expect(await projects.saveCharter(' Churn ', { ...emptyCharter(), question: 'Who leaves?', threshold: 0.1 })).toEqual([]);
    expect(projects.active).toMatchObject({ name: 'Churn', charter: { question: 'Who leaves?', threshold: 0.1 } });
    await projects.tick('signoff', true, 'Ana');
    expect(item(projects, 'signoff').evidence?.words).toMatch(/: Ana$/);
    await projects.tick('signoff', false);
    expect(item(projects, 'signoff').evidence).toBeNull();
    await expect(projects.tick('bundle', true)).rejects.toThrow('"bundle" ticks itself from evidence');
  });
});
