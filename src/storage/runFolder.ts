import { unzipSync } from 'fflate';
import { WorkspaceError } from './errors';
import { DEFAULT_ZIP_LIMITS, inspectZip, type ZipLimits } from './zipCheck';

const RUN_ZIP = { what: 'run folder zip', redo: 'zip the folder `modelbench train --out DIR` wrote again, or choose its files instead' };

/**
 * The files of a zipped run folder by plain name (`run.json`, `weights.bin`…), checked as workspace
 * imports are (central directory first, no inflation of a zip bomb). A zip holding several runs is
 * refused: it would be unclear which one to import.
 */
export function runFolderFiles(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Record<string, Uint8Array> {
  const declared = inspectZip(bytes, limits, RUN_ZIP).filter((e) => !e.name.endsWith('/'));
  const runs = declared.filter((e) => e.name.split('/').pop() === 'run.json');
  if (runs.length > 1) throw new WorkspaceError(`This zip holds ${runs.length} runs (${runs.map((e) => e.name).join(', ')}); zip one run folder at a time.`);
  const folder = runs[0]?.name.slice(0, -'run.json'.length) ?? '';
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name.startsWith(folder) && !f.name.slice(folder.length).includes('/') });
  } catch (error) {
    throw new WorkspaceError(`This ${RUN_ZIP.what} is damaged: its contents do not inflate (${(error as Error).message}). Nothing was changed; ${RUN_ZIP.redo}.`);
  }
  for (const entry of declared) {
    const got = files[entry.name];
    if (got && got.length !== entry.size) throw new WorkspaceError(`This ${RUN_ZIP.what} is damaged: "${entry.name}" inflates to a different size than its header declares. Nothing was changed; ${RUN_ZIP.redo}.`);
  }
  return Object.fromEntries(Object.entries(files).map(([name, b]) => [name.slice(folder.length), b]));
}
