import type { Project } from '../core/project';
import type { AliasRecord, AuditRecord, BlobRecord, DatasetRecord, ModelRecord, RunRecord, VersionRecord } from './records';

/** The `format` string of a workspace manifest. */
export const WORKSPACE_FORMAT = 'modelbench-workspace';
/** Bumped when `workspace.json` changes shape; import refuses newer ones. */
export const WORKSPACE_FORMAT_VERSION = 1;

/** `workspace.json`: every record exported. Blob bytes are separate files, `blobs/<id>.bin`. */
export interface WorkspaceJson {
  datasets: DatasetRecord[];
  runs: RunRecord[];
  models: ModelRecord[];
  versions: VersionRecord[];
  aliases: AliasRecord[];
  /** Without their local ids. */
  audit: AuditRecord[];
  blobs: BlobRecord[];
  /** TDSP projects; absent from files written before projects existed, and from exports of chosen models. */
  projects?: Project[];
}

/** `manifest.json`: the SHA-256 and size of every other file in the zip. */
export interface WorkspaceManifest {
  format: typeof WORKSPACE_FORMAT;
  formatVersion: number;
  exportedAt: number;
  files: Record<string, { sha256: string; bytes: number }>;
}

export const blobPath = (id: string): string => `blobs/${id}.bin`;
