/** A CLI run directory imported into the registry, and the registered version written back out as one. */
import 'fake-indexeddb/auto';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, test } from 'vitest';
import { readRunFile, writeRunFile } from '../../../src/core/run';
import { Registry } from '../../../src/state/registry.svelte';
import { versionSource } from '../../../src/state/modelSource';
import { importRunFiles, versionRunFiles, type ChosenFile } from '../../../src/state/runExchange';
import { FINGERPRINT, trainedRun } from '../core/run/trainedRun';

const registries: Registry[] = [];
afterEach(() => registries.splice(0).forEach((r) => r.close()));

async function fresh() {
  const name = `runs-${Math.random()}`;
  const registry = new Registry({ name, channel: name });
  registries.push(registry);
  await registry.open();
  return registry;
}

const chosen = (files: Record<string, Uint8Array>, folder: string): ChosenFile[] => Object.entries(files).map(([name, bytes]) => ({ name, path: `${folder}/${name}`, bytes }));
const top = (files: Record<string, Uint8Array>) => JSON.parse(new TextDecoder().decode(files['run.json'])) as Record<string, unknown>;

describe('importing a CLI run and writing a version out', () => {
  test('a network run folder becomes a version, and the version written back out has the same run.json fields', { timeout: 60_000 }, async () => {
    const registry = await fresh();
    const { input } = await trainedRun({ kind: 'mlp', seed: 3, options: { epochs: 3, units: 8 } });
    const files = writeRunFile(input);
    const imported = await importRunFiles(registry, chosen(files, 'penguins-mlp'));
    expect(imported).toEqual({ name: 'penguins-mlp', version: 1, missing: [] });

    const [version] = await registry.versions('penguins-mlp');
    expect(version.backend).toBe('cpu');
    expect(version.seed).toBe(3);
    expect(version.training).toEqual(input.training);
    expect(registry.datasets.map((d) => d.fingerprint)).toEqual([FINGERPRINT.slice('sha256:'.length)]);
    const { files: stored, dataset } = await registry.versionFiles(version);
    const back = versionRunFiles(version, stored, dataset);
    const { createdAt: _a, ...before } = top(files);
    const { createdAt: _b, ...after } = top(back);
    expect(after).toEqual(before);
    expect(back['weights.bin']).toEqual(files['weights.bin']);
    expect(back['model.json']).toEqual(files['model.json']);

    // Deploy sees the imported version with its split, drift profile and baseline: nothing missing.
    const source = versionSource(version, stored, dataset);
    expect(source.missing).toEqual([]);
    expect(source.training.split).toEqual(input.training.split);
    expect(source.baselineMetrics).toEqual(input.training.baselineMetrics);
    expect(source.profile).toEqual(input.training.profile);
  });

  test('a zip of the folder imports as the next version, and trees read back whole', { timeout: 60_000 }, async () => {
    const registry = await fresh();
    const { input } = await trainedRun({ kind: 'gbdt', seed: 3, options: { rounds: 20 } });
    const files = writeRunFile(input);
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [`trees-run/${n}`, b])));
    expect(await importRunFiles(registry, [{ name: 'trees-run.zip', path: '', bytes: zip }])).toMatchObject({ name: 'trees-run', version: 1 });
    expect(await importRunFiles(registry, [{ name: 'trees-run.zip', path: '', bytes: zip }])).toMatchObject({ name: 'trees-run', version: 2 });
    const [v1] = await registry.versions('trees-run');
    const { files: stored, dataset } = await registry.versionFiles(v1);
    expect(readRunFile(versionRunFiles(v1, stored, dataset)).model).toEqual(input.model);
    // One dataset for both: the same training file.
    expect(registry.datasets).toHaveLength(1);
  });

  test('what cannot be imported is refused with a message, and nothing is registered', { timeout: 60_000 }, async () => {
    const registry = await fresh();
    const { input } = await trainedRun({ kind: 'baseline', seed: 1 });
    const files = writeRunFile(input);
    const run = top(files);
    const format1 = { ...files, 'run.json': new TextEncoder().encode(JSON.stringify({ ...run, format: undefined, version: 1, input: { file: 'penguins.csv', rows: 344 } })) };
    await expect(importRunFiles(registry, chosen(format1, 'old'))).rejects.toThrow(/older modelbench train \(run\.json format 1\), which did not record its training file's fingerprint.*Train it again/);
    await expect(importRunFiles(registry, chosen({ 'baseline.json': files['baseline.json'] }, 'partial'))).rejects.toThrow(/has no run\.json/);
    await expect(importRunFiles(registry, [{ name: 'run.zip', path: '', bytes: new TextEncoder().encode('not a zip') }])).rejects.toThrow(/This run folder zip cannot be imported: it is not a zip file/);
    const two = zipSync({ 'a/run.json': files['run.json'], 'b/run.json': files['run.json'] });
    await expect(importRunFiles(registry, [{ name: 'two.zip', path: '', bytes: two }])).rejects.toThrow(/holds 2 runs/);
    await expect(importRunFiles(registry, chosen({ ...files, 'baseline.json': new TextEncoder().encode('{"kind":') }, 'broken'))).rejects.toThrow(/baseline\.json in The folder "broken" is damaged/);
    expect(registry.models).toEqual([]);
  });
});

test('a version whose run kept no files says so instead of writing a partial run', async () => {
  const version = { model: 'old', version: 1 } as Parameters<typeof versionRunFiles>[0];
  expect(() => versionRunFiles(version, {}, null)).toThrow('old v1 has no stored fitted-recipe.json; its run was saved without files, so it cannot be written out. Retrain and register it again.');
});
