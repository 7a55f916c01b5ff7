/**
 * A registry folder: versions (immutable, hashed), aliases, tags and notes, and a hash-chained
 * audit log, as plain files. Pure layout and records; reading and writing the folder is the CLI's.
 */
export { AUDIT_FILE, LOCK_FILE, REGISTRY_FILE, REGISTRY_FORMAT, checkName, modelFile, parseVersionRef, versionDir, versionsDir, type VersionRef } from './registryLayout';
export { checkVersionFiles, emptyModel, fileHashes, resolveRef, type ModelRecord, type VersionRecord } from './registryRecords';
export { auditLine, readAuditLog, type AuditAction, type AuditEntry } from './auditLog';
