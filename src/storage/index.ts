/**
 * The model registry in IndexedDB: datasets, runs with their artifacts, model versions,
 * aliases and an audit log, plus workspace export/import. Every verb takes the connection from
 * `openStudioDB` first; writes are single transactions and post a `StudioChange` after commit.
 */
export type { Json } from './json';
export type * from './records';
export { RUN_STATUSES } from './records';
export { openStudioDB, STUDIO_DB_NAME, STUDIO_DB_VERSION, type StudioDB, type StudioDb } from './db';
export { closeStudioDB, DEFAULT_CHUNK_SIZE, type StudioOptions } from './context';
export {
  StorageFullError,
  NotFoundError,
  DeletionBlockedError,
  WorkspaceError,
  StorageInputError,
  CorruptBlobError,
} from './errors';
export { fingerprintBytes, sha256Hex } from './fingerprint';
export { putDataset, getDataset, listDatasets, type NewDataset, type PutDatasetResult } from './datasets';
export {
  saveRun,
  updateRunStatus,
  heartbeatRun,
  markInterruptedRuns,
  listRuns,
  getRun,
  type NewRun,
  type ArtifactInput,
  type RunStatusUpdate,
  type InterruptOptions,
  type RunFilter,
} from './runs';
export { loadArtifact, getArtifactInfo } from './artifacts';
export { registerVersion, listModels, listVersions, type RegisterOptions, type ModelSummary } from './versions';
export { setTag, removeTag, setNotes, setLatency } from './annotations';
export { tagMap } from './tags';
export { setAlias, removeAlias, aliasAt } from './aliases';
export { auditLog, type AuditFilter } from './audit';
export { deletionPlan, deleteRun, deleteVersion, deleteDataset, type DeletionPlan, type DeletableKind } from './deletion';
export { storageReport, forgetEverything, type StorageReport } from './report';
export { onChange, type StudioChange, type ChangeKind } from './changes';
export { exportWorkspace, type ExportOptions } from './exportWorkspace';
export { importWorkspace, type ImportSummary } from './importWorkspace';
export { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zipCheck';
export { runFolderFiles } from './runFolder';
export { versionRunFiles } from './versionRunFiles';
export { versionFiles } from './versionFiles';
export type { RegistryMergeSummary } from './registryFolderView';
export { WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION } from './workspace';
export { listProjects, putProject } from './projects';
export { registryFolderService } from './registryFolderService';
export { canKeepFiles, keepFile, keptFiles, keptFile, forgetFile, type KeptFile, type KeptRead } from './keptFiles';
