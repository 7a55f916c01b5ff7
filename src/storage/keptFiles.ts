/**
 * Copies of dataset files the user chose to keep, in the Origin Private File System: a browser's
 * own disk, sized for files far larger than IndexedDB handles well, and private to this origin.
 * Each copy is named by the file's SHA-256 (the dataset's fingerprint), with a small JSON note of
 * its original name and type beside it, so reopening gives back the same File the user dropped.
 */

import type { ColumnType } from '../core/table';

const FOLDER = 'kept-datasets';

/** What a kept copy remembers of the original file. */
export interface KeptFile {
  fingerprint: string;
  name: string;
  type: string;
  bytes: number;
  /** How the studio read the file when it was kept (absent in notes written before this was kept). */
  read?: KeptRead;
}

/** The column types the file was read with (set by the user or the studio, such as an image set's class names) and its target. */
export interface KeptRead {
  types: Record<string, ColumnType>;
  target: string | null;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** True where the browser offers the Origin Private File System (not in every private window). */
export function canKeepFiles(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

async function folder(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(FOLDER, { create: true });
}

async function writeFile(dir: FileSystemDirectoryHandle, name: string, data: Blob): Promise<void> {
  const handle = await dir.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  // Streamed, so a gigabyte file never sits in memory twice; an error leaves the old content in place.
  await data.stream().pipeTo(writable);
}

/** Keeps a copy of `file` under its fingerprint. The note is written last: a copy without one is incomplete and ignored. */
export async function keepFile(fingerprint: string, file: File, read?: KeptRead): Promise<KeptFile> {
  if (!HEX64.test(fingerprint)) throw new Error(`"${fingerprint}" is not a SHA-256 fingerprint (64 lowercase hex digits).`);
  const dir = await folder();
  await writeFile(dir, fingerprint, file);
  const kept: KeptFile = { fingerprint, name: file.name, type: file.type, bytes: file.size, ...(read ? { read } : {}) };
  await writeFile(dir, `${fingerprint}.json`, new Blob([JSON.stringify(kept)], { type: 'application/json' }));
  return kept;
}

/** Every complete kept copy, by fingerprint. */
export async function keptFiles(): Promise<Map<string, KeptFile>> {
  const out = new Map<string, KeptFile>();
  if (!canKeepFiles()) return out;
  const dir = await folder();
  for await (const [name, handle] of dir as unknown as AsyncIterable<[string, FileSystemHandle]>) {
    if (handle.kind !== 'file' || !name.endsWith('.json')) continue;
    try {
      const note = JSON.parse(await (await (handle as FileSystemFileHandle).getFile()).text()) as KeptFile;
      if (HEX64.test(note.fingerprint)) out.set(note.fingerprint, note);
    } catch {
      // A note cut short by a closed tab: the copy is treated as not kept.
    }
  }
  return out;
}

/** The kept copy as a File with its original name, or null when there is none. */
export async function keptFile(fingerprint: string): Promise<{ file: File; read: KeptRead | null } | null> {
  const note = (await keptFiles()).get(fingerprint);
  if (!note) return null;
  const dir = await folder();
  const blob = await (await dir.getFileHandle(fingerprint)).getFile();
  return { file: new File([blob], note.name, { type: note.type }), read: note.read ?? null };
}

/** Removes a kept copy and its note; nothing happens when there is none. */
export async function forgetFile(fingerprint: string): Promise<void> {
  if (!canKeepFiles()) return;
  const dir = await folder();
  for (const name of [`${fingerprint}.json`, fingerprint]) {
    try {
      await dir.removeEntry(name);
    } catch (error) {
      if ((error as DOMException).name !== 'NotFoundError') throw error;
    }
  }
}
