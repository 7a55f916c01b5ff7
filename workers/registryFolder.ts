import { transfer } from 'comlink';
import { zipSync } from 'fflate';
import { exposeService } from '../src/core/thread';
import { unzipChecked } from '../src/core/zip';
import { closeStudioDB, exportFolderProjects, exportRegistryFolder, importFolderProjects, importRegistryFolder, openStudioDB, type RegistryMergeSummary, type StudioDb } from '../src/storage';

/**
 * Registry folder import and export run here: building each version's bundle, hashing every file
 * and zipping or inflating a folder of bundles would block the page. The worker opens its own
 * connection to the same database and announces changes on the same channel.
 */
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

const buffers = (files: Record<string, Uint8Array>) => Object.values(files).map((b) => b.buffer as ArrayBuffer);

const api = {
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
  async exportFolder(dbName: string, channel: string, existing: Record<string, Uint8Array> | null, conflicts: 'keep' | 'take', where: string): Promise<{ writes: Record<string, Uint8Array>; summary: RegistryMergeSummary }> {
    const out = await withDb(dbName, channel, async (db) => {
      const merged = await exportRegistryFolder(db, existing, conflicts, where);
      return { ...merged, writes: { ...merged.writes, ...(await exportFolderProjects(db, existing)) } };
    });
    return transfer(out, [...new Set(buffers(out.writes))]);
  },
  /** The studio's registry as a zip holding one new registry folder. */
  async exportZip(dbName: string, channel: string): Promise<{ zip: Uint8Array; summary: RegistryMergeSummary }> {
    const { writes, summary } = await withDb(dbName, channel, async (db) => {
      const merged = await exportRegistryFolder(db, null, 'keep', 'a new registry folder');
      return { ...merged, writes: { ...merged.writes, ...(await exportFolderProjects(db, null)) } };
    });
    const zip = zipSync(Object.fromEntries(Object.entries(writes).map(([path, bytes]) => [`${ZIP_FOLDER}/${path}`, bytes])));
    return transfer({ zip, summary }, [zip.buffer as ArrayBuffer]);
  },
};

export type RegistryFolderApi = typeof api;
exposeService(api);
