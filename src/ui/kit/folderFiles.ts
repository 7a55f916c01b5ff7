import type { FolderFile } from '../../core/image';

/** A folder the user chose or dropped: its name and its files with their paths inside it (the name first). */
export interface PickedFolder {
  name: string;
  files: FolderFile[];
}

/** The files of an `<input webkitdirectory>`, which carry their path in `webkitRelativePath`. */
export function chosenFolder(list: FileList): PickedFolder | null {
  const files = [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
  if (files.length === 0) return null;
  return { name: files[0].path.split('/')[0], files };
}

/** The dropped folder, when the first dropped item is one (read now: a DataTransfer empties after the event). */
export function droppedFolder(transfer: DataTransfer): Promise<PickedFolder> | null {
  const entry = transfer.items[0]?.webkitGetAsEntry?.();
  if (!entry?.isDirectory) return null;
  return walk(entry as FileSystemDirectoryEntry).then((files) => ({ name: entry.name, files }));
}

async function walk(directory: FileSystemDirectoryEntry): Promise<FolderFile[]> {
  const reader = directory.createReader();
  const entries: FileSystemEntry[] = [];
  // readEntries returns at most 100 entries a call in Chromium: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    entries.push(...batch);
  }
  const out: FolderFile[] = [];
  for (const entry of entries) {
    if (entry.isDirectory) out.push(...(await walk(entry as FileSystemDirectoryEntry)));
    else {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ path: entry.fullPath.replace(/^\//, ''), file });
    }
  }
  return out;
}
