import { zipSync } from 'fflate';
import { unzipChecked } from '../core/zip';
import { openStudioDB, type StudioDb } from './db';
import { closeStudioDB } from './context';
import { exportFolderProjects, importFolderProjects } from './projectFolder';
import { exportRegistryFolder } from './registryFolderExport';
import { importRegistryFolder } from './registryFolderImport';
import type { RegistryMergeSummary } from './registryFolderView';

const ZIP = { what: 'registry folder zip', redo: 'zip the registry folder again (the folder given to modelbench registry --registry), or choose the folder itself' };
/** The folder a zip export holds, so unzipping it gives one registry folder. */
const ZIP_FOLDER = 'modelbench-registry';

async function withDb<T>(dbName: string, channel: string, work: (db: StudioDb) => Promise<T>): Promise<T> {
  const db = await openStudioDB(dbName, { channel });
  try {
    return await work(db);
  } finally {
    closeStudioDB(db);
  }
}

/**
 * Registry folder import and export, for the registry-folder worker: building each version's bundle,
 * hashing every file and zipping or inflating a folder of bundles would block the page. Each call
 * opens its own connection to the studio's database and announces changes on its channel.
 */
export const registryFolderService = {
  /** Merges a picked folder's files, or a zip of a folder, into the studio. */
  importFolder(dbName: string, channel: string, source: { files: Record<string, Uint8Array> } | { zip: Blob }, conflicts: 'keep' | 'take', where: string): Promise<RegistryMergeSummary> {
    return withDb(dbName, channel, async (db) => {
      const files = 'zip' in source ? unzipChecked(new Uint8Array(await source.zip.arrayBuffer()), ZIP) : source.files;
      const summary = await importRegistryFolder(db, files, conflicts, where);
      // Projects come after the versions, whose datasets they name.
      const projects = await importFolderProjects(db, files);
      return { ...summary, problems: [...summary.problems, ...projects.problems] };
    });
  },

  /** The files that merge the studio into a picked folder (`existing`: its records). */
  exportFolder(dbName: string, channel: string, existing: Record<string, Uint8Array> | null, conflicts: 'keep' | 'take', where: string): Promise<{ writes: Record<string, Uint8Array>; summary: RegistryMergeSummary }> {
    return withDb(dbName, channel, async (db) => {
      const merged = await exportRegistryFolder(db, existing, conflicts, where);
      return { ...merged, writes: { ...merged.writes, ...(await exportFolderProjects(db, existing)) } };
    });
  },

  /** The studio's registry as a zip holding one new registry folder. */
  async exportZip(dbName: string, channel: string): Promise<{ zip: Uint8Array; summary: RegistryMergeSummary }> {
    const { writes, summary } = await registryFolderService.exportFolder(dbName, channel, null, 'keep', 'a new registry folder');
    return { zip: zipSync(Object.fromEntries(Object.entries(writes).map(([path, bytes]) => [`${ZIP_FOLDER}/${path}`, bytes]))), summary };
  },
};
