import { transfer } from 'comlink';
import { exposeService } from '../src/core/thread';
import { closeStudioDB, exportWorkspace, importWorkspace, openStudioDB, type ImportSummary } from '../src/storage';

/**
 * Workspace export and import run here: zipping, inflating and hashing a workspace of hundreds of
 * megabytes would block the page for seconds. The worker opens its own connection to the same
 * database (IndexedDB serialises the transactions) and announces changes on the same channel.
 */
const api = {
  async exportWorkspace(dbName: string, channel: string, models?: string[]): Promise<Uint8Array> {
    const db = await openStudioDB(dbName, { channel });
    try {
      const bytes = await exportWorkspace(db, models ? { models } : {});
      return transfer(bytes, [bytes.buffer as ArrayBuffer]);
    } finally {
      closeStudioDB(db);
    }
  },
  async importWorkspace(dbName: string, channel: string, file: Blob): Promise<ImportSummary> {
    const db = await openStudioDB(dbName, { channel });
    try {
      return await importWorkspace(db, new Uint8Array(await file.arrayBuffer()));
    } finally {
      closeStudioDB(db);
    }
  },
};

export type WorkspaceApi = typeof api;
exposeService(api);
