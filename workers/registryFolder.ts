import { transfer } from 'comlink';
import { exposeService } from '../src/core/thread';
import { registryFolderService as service } from '../src/storage';

/** The exported files and the zip are transferred, not copied. */
const api = {
  importFolder: service.importFolder,
  exportFolder: async (...args: Parameters<typeof service.exportFolder>) => {
    const out = await service.exportFolder(...args);
    return transfer(out, [...new Set(Object.values(out.writes).map((b) => b.buffer as ArrayBuffer))]);
  },
  exportZip: async (...args: Parameters<typeof service.exportZip>) => {
    const out = await service.exportZip(...args);
    return transfer(out, [out.zip.buffer as ArrayBuffer]);
  },
};

export type RegistryFolderApi = typeof api;
exposeService(api);
