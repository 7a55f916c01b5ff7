/** A picked folder (File System Access API), faked in memory: the studio exports into it, refuses unsafe folders, and imports from it. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { readRegistryFiles } from '../../../src/core/registryFolder';
import { writeRunFile } from '../../../src/core/run';
import { registryFolderService } from '../../../src/storage';
import { Registry } from '../../../src/state/registry.svelte';
import { exportRegistryToFolder, importRegistry } from '../../../src/state/registryFolderExchange';
import { importRunFiles } from '../../../src/state/runExchange';
import { trainedRun } from '../core/run/trainedRun';

// The worker's calls, made in this thread: the service the worker exposes.
vi.mock('../../../src/bridge/registryFolderJob', () => ({
  registryFolderJob: <T>(call: (api: unknown) => Promise<T>) => call(registryFolderService),
}));

type Node = Map<string, Node | Uint8Array>;
/** Just enough of FileSystemDirectoryHandle for reading and writing a folder. */
function fakeDir(name: string, node: Node = new Map()): FileSystemDirectoryHandle {
  const file = (key: string) => ({
    kind: 'file',
    name: key,
    getFile: async () => ({ arrayBuffer: async () => (node.get(key) as Uint8Array).slice().buffer }),
    createWritable: async () => ({ write: async (b: Uint8Array) => void node.set(key, new Uint8Array(b)), close: async () => undefined }),
  });
  return {
    kind: 'directory',
    name,
    async *entries() {
      for (const [key, value] of node) yield [key, value instanceof Map ? fakeDir(key, value) : file(key)];
    },
    async getDirectoryHandle(key: string, options?: { create?: boolean }) {
      if (!node.has(key) && options?.create) node.set(key, new Map());
      return fakeDir(key, node.get(key) as Node);
    },
    async getFileHandle(key: string, options?: { create?: boolean }) {
      if (!node.has(key) && options?.create) node.set(key, new Uint8Array());
      return file(key);
    },
  } as unknown as FileSystemDirectoryHandle;
}

function flatten(node: Node, prefix = ''): Record<string, Uint8Array> {
  return Object.fromEntries([...node].flatMap(([k, v]) => (v instanceof Map ? Object.entries(flatten(v, `${prefix}${k}/`)) : [[`${prefix}${k}`, v]])));
}

const registries: Registry[] = [];
afterEach(() => registries.splice(0).forEach((r) => r.close()));
async function fresh() {
  const name = `folder-${Math.random()}`;
  const registry = new Registry({ name, channel: name });
  registries.push(registry);
  await registry.open();
  return registry;
}

describe('a picked registry folder', () => {
  test('an empty folder becomes a registry folder; exporting again writes nothing; another studio imports it', { timeout: 60_000 }, async () => {
    const registry = await fresh();
    const { input } = await trainedRun({ kind: 'gbdt', seed: 3, options: { rounds: 10 } });
    await importRunFiles(registry, Object.entries(writeRunFile(input)).map(([name, bytes]) => ({ name, path: `penguins/${name}`, bytes })));
    const root: Node = new Map([['.DS_Store', new Uint8Array(1)]]);
    const dir = fakeDir('registry', root);

    const first = await exportRegistryToFolder(registry, dir, 'keep');
    expect(first).toMatchObject({ direction: 'export', where: 'registry', added: [{ model: 'penguins', version: 1, from: 1 }], problems: [] });
    const written = flatten(root);
    expect(readRegistryFiles(written, 'the folder').models[0].versions).toHaveLength(1);
    expect(await exportRegistryToFolder(registry, dir, 'keep')).toMatchObject({ added: [], same: 1 });
    expect(flatten(root)).toEqual(written);

    const other = await fresh();
    expect(await importRegistry(other, { kind: 'folder', dir }, 'keep')).toMatchObject({ direction: 'import', added: [{ model: 'penguins', version: 1, from: 1 }], problems: [] });
    expect(other.models.map((m) => m.name)).toEqual(['penguins']);
  });

  test('a folder holding other files, or locked by the CLI, is refused with what to do', async () => {
    const registry = await fresh();
    await expect(exportRegistryToFolder(registry, fakeDir('docs', new Map([['notes.txt', new Uint8Array(1)]])), 'keep')).rejects.toThrow('The folder "docs" is neither empty nor a registry folder (it has no registry.json); choose an empty folder, or the folder given to modelbench registry --registry.');
    await expect(exportRegistryToFolder(registry, fakeDir('reg', new Map([['.lock', new Uint8Array(1)]])), 'keep')).rejects.toThrow(/locked: a modelbench registry command is writing to it.*delete reg\/\.lock/);
  });
});
