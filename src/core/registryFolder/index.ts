/**
 * A registry folder: versions (immutable, hashed), aliases, tags and notes, and a hash-chained
 * audit log, as plain files. Pure layout, records and merges; the CLI reads and writes the folder on
 * disk, the studio through a picked folder or a zip.
 */
export { AUDIT_FILE, LOCK_FILE, REGISTRY_FILE, REGISTRY_FORMAT, checkName, modelFile, parseVersionRef, versionDir, versionsDir, type VersionRef } from './registryLayout';
export { checkVersionFiles, emptyModel, fileHashes, resolveRef, type ModelRecord, type VersionRecord } from './registryRecords';
export { auditLine, readAuditLog, type AuditAction, type AuditEntry } from './auditLog';
export { bundleModel, bundleOfRun } from './runBundle';
export { planMerge, conflictWords, type MergeConflict, type MergeOptions, type MergePlan, type Mapped, type ViewModel } from './planMerge';
export { readRegistryFiles, folderView, RegistryFolderError, type FolderVersion, type RegistryContents } from './readRegistryFiles';
export { folderVersionOf, folderWrites, type VersionSource } from './folderWrites';
export { gateEvents, projectFileBytes, projectPath, readProjectFiles, replacesProject } from './projectFiles';
