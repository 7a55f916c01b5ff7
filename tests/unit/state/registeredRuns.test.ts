import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { Registry } from '../../../src/state/registry.svelte';
import { registeredRunsOf, suggestedNameFor } from '../../../src/state/registeredRuns.svelte';

const open: Registry[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.close();
});

async function registryWithRuns(count: number) {
  const name = `registered-${Math.random()}`;
  const registry = new Registry({ name, channel: `ch-${name}` });
  open.push(registry);
  await registry.open();
  const datasetId = await registry.rememberDataset({
    name: 'Palmer penguins',
    sourceFileName: 'penguins.json',
    fingerprint: 'a'.repeat(64),
    schema: [{ name: 'Species', type: 'string' }],
    rows: 344,
    columns: 1,
    profileSummary: null,
  });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await registry.startRun({ datasetId, recipe: { target: 'Species', steps: [] }, spec: { kind: 'gbdt' }, seed: i, backend: 'js' });
    await registry.finishRun(id, { status: 'completed', metrics: { accuracy: 0.9 }, curves: {} });
    ids.push(id);
  }
  return { registry, ids };
}

describe('RegisteredRuns', () => {
  test('names each registered run by its versions and leaves the others unnamed', async () => {
    const { registry, ids } = await registryWithRuns(3);
    const registered = registeredRunsOf(registry);
    expect(registeredRunsOf(registry)).toBe(registered);
    await registered.load();
    expect(ids.map((id) => registered.nameOf(id))).toEqual([null, null, null]);

    await registry.register(ids[0], 'penguins-species');
    await registry.register(ids[2], 'penguins-species');
    await registry.register(ids[2], 'champion-candidates');
    await registered.load();
    expect(registered.nameOf(ids[0])).toBe('penguins-species v1');
    expect(registered.nameOf(ids[1])).toBeNull();
    expect(registered.nameOf(ids[2])).toBe('champion-candidates v1, penguins-species v2');
  });

  test('concurrent loads end on the latest registrations', async () => {
    const { registry, ids } = await registryWithRuns(1);
    const registered = registeredRunsOf(registry);
    const first = registered.load();
    await registry.register(ids[0], 'late');
    await Promise.all([first, registered.load()]);
    expect(registered.nameOf(ids[0])).toBe('late v1');
  });

  test('suggests a name from the run\'s data file and target', async () => {
    const { registry, ids } = await registryWithRuns(1);
    expect(suggestedNameFor(registry, ids[0])).toBe('penguins-species');
    expect(suggestedNameFor(registry, 'no-such-run')).toBe('model');
  });
});
