/**
 * The studio's registry to and from a registry folder (the one `modelbench registry` keeps): through
 * the File System Access API where the browser has it, a zip elsewhere. The merge, bundling and
 * hashing run in a worker; this file only reads and writes the picked folder.
 */
import { transfer } from 'comlink';
import { registryFolderJob } from '../bridge/registryFolderJob';
import type { RegistryMergeSummary } from '../storage';
import type { Registry } from './registry.svelte';
import { formatCount } from '../core/format';
import { download } from './explore.svelte';

/** What the user chose when the two sides disagree: keep what the target has, or take the other side's. */
export type ConflictChoice = 'keep' | 'take';

/** The summary and where it happened, for the message. */
export interface FolderMerge extends RegistryMergeSummary {
  direction: 'import' | 'export';
  where: string;
}

interface DirectoryPicker {
  showDirectoryPicker(options: { mode: 'readwrite'; id: string }): Promise<FileSystemDirectoryHandle>;
}
type Entries = FileSystemDirectoryHandle & { entries(): AsyncIterable<[string, FileSystemHandle]> };

/** True where the browser lets a page read and write a folder the user picks (Chromium on the desktop). */
export const canPickFolder = (): boolean => typeof window !== 'undefined' && 'showDirectoryPicker' in window;

const pickFolder = () => (window as unknown as DirectoryPicker).showDirectoryPicker({ mode: 'readwrite', id: 'modelbench-registry' });

/** A registry's records only: what an export needs to merge beside them without reading every bundle. */
const RECORD = /^(registry\.json|audit\.ndjson|models\/[^/]+\/model\.json|models\/[^/]+\/versions\/\d+\/version\.json|projects\/[^/]+\.json)$/;

/** Every file under `dir` by its path (or only the records), skipping hidden ones (the CLI's lock and half-written versions). */
async function readFolder(dir: FileSystemDirectoryHandle, recordsOnly: boolean, prefix = '', out: Record<string, Uint8Array> = {}): Promise<Record<string, Uint8Array>> {
  for await (const [name, handle] of (dir as Entries).entries()) {
    if (name.startsWith('.')) continue;
    const path = `${prefix}${name}`;
    if (handle.kind === 'directory') await readFolder(handle as FileSystemDirectoryHandle, recordsOnly, `${path}/`, out);
    else if (!recordsOnly || RECORD.test(path)) out[path] = new Uint8Array(await (await (handle as FileSystemFileHandle).getFile()).arrayBuffer());
  }
  return out;
}

async function hasEntry(dir: FileSystemDirectoryHandle, name: string): Promise<boolean> {
  for await (const [entry] of (dir as Entries).entries()) if (entry === name) return true;
  return false;
}

/** Writes each file, making folders on the way; versions first, then model records, the audit log last. */
async function writeFolder(dir: FileSystemDirectoryHandle, writes: Record<string, Uint8Array>): Promise<void> {
  const rank = (path: string) => (path.endsWith('/version.json') ? 1 : path.endsWith('/model.json') ? 2 : path === 'audit.ndjson' ? 3 : 0);
  for (const path of Object.keys(writes).sort((a, b) => rank(a) - rank(b))) {
    const parts = path.split('/');
    let folder = dir;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, { create: true });
    const writable = await (await folder.getFileHandle(parts[parts.length - 1], { create: true })).createWritable();
    await writable.write(writes[path] as BufferSource);
    await writable.close();
  }
}

const transferred = (files: Record<string, Uint8Array>) => transfer({ files }, [...new Set(Object.values(files).map((b) => b.buffer as ArrayBuffer))]);

/** A picked folder, kept so the same merge can run again with the other choice on conflicts. */
export type Picked = { kind: 'folder'; dir: FileSystemDirectoryHandle } | { kind: 'zip'; file: File };

/** Asks for a folder; null when the user closed the picker. */
export async function pickRegistryFolder(): Promise<Picked | null> {
  try {
    return { kind: 'folder', dir: await pickFolder() };
  } catch (e) {
    if ((e as Error).name === 'AbortError') return null;
    throw e;
  }
}

/** Merges the picked folder (or zip) into the studio by content hash. */
export async function importRegistry(registry: Registry, picked: Picked, conflicts: ConflictChoice): Promise<FolderMerge> {
  const { name, channel } = registry.connection;
  const where = picked.kind === 'zip' ? `The zip "${picked.file.name}"` : `The folder "${picked.dir.name}"`;
  const summary = picked.kind === 'zip'
    ? await registryFolderJob((api) => api.importFolder(name, channel, { zip: picked.file }, conflicts, where))
    : await readFolder(picked.dir, false).then((files) => registryFolderJob((api) => api.importFolder(name, channel, transferred(files), conflicts, where)));
  await registry.refresh();
  return { ...summary, direction: 'import', where: picked.kind === 'zip' ? picked.file.name : picked.dir.name };
}

/** Merges the studio into the picked folder: an existing registry folder, or an empty one that becomes one. */
export async function exportRegistryToFolder(registry: Registry, dir: FileSystemDirectoryHandle, conflicts: ConflictChoice): Promise<FolderMerge> {
  const { name, channel } = registry.connection;
  if (await hasEntry(dir, '.lock')) throw new Error(`The folder "${dir.name}" is locked: a modelbench registry command is writing to it (or stopped while writing). Try again when it finishes; if none is running, delete ${dir.name}/.lock.`);
  const records = await readFolder(dir, true);
  const isRegistry = 'registry.json' in records;
  if (!isRegistry) {
    for await (const [entry] of (dir as Entries).entries()) {
      if (!entry.startsWith('.')) throw new Error(`The folder "${dir.name}" is neither empty nor a registry folder (it has no registry.json); choose an empty folder, or the folder given to modelbench registry --registry.`);
    }
  }
  const where = `The folder "${dir.name}"`;
  const { writes, summary } = await registryFolderJob((api) => api.exportFolder(name, channel, isRegistry ? records : null, conflicts, where));
  await writeFolder(dir, writes);
  await registry.refresh();
  return { ...summary, direction: 'export', where: dir.name };
}

/** Downloads the studio's registry as a zip of a new registry folder (where folders cannot be picked). */
export async function exportRegistryZip(registry: Registry): Promise<FolderMerge> {
  const { name, channel } = registry.connection;
  const { zip, summary } = await registryFolderJob((api) => api.exportZip(name, channel));
  const file = `modelbench-registry-${new Date().toISOString().slice(0, 10)}.zip`;
  download(new Blob([zip as BlobPart], { type: 'application/zip' }), file);
  await registry.refresh();
  return { ...summary, direction: 'export', where: file };
}

const versionWords = (n: number) => `${formatCount(n)} version${n === 1 ? '' : 's'}`;

/** The merge in sentences: what arrived (and under which number), what was already there, the aliases set. */
export function mergeSentences(m: FolderMerge): string[] {
  const [there, here] = m.direction === 'import' ? ['the folder', 'here'] : ['the studio', 'in the folder'];
  const added = m.added.map((a) => `${a.model} v${a.version}${a.version === a.from ? '' : ` (v${a.from} in ${there})`}`);
  return [
    added.length ? `${m.direction === 'import' ? 'Imported from' : 'Exported to'} ${m.where}: ${added.join(', ')}.` : `Nothing new ${m.direction === 'import' ? `in ${m.where}` : `to write to ${m.where}`}.`,
    ...(m.same ? [`${versionWords(m.same)} already ${here} with the same content, left as ${m.same === 1 ? 'it was' : 'they were'}.`] : []),
    ...(m.aliases.length ? [`Aliases set: ${m.aliases.map((a) => `${a.alias} → ${a.model} v${a.version}`).join(', ')}.`] : []),
  ];
}
