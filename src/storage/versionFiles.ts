import type { StudioDb } from './db';
import type { DatasetRecord, VersionRecord } from './records';
import { getArtifactInfo, loadArtifact } from './artifacts';
import { getDataset } from './datasets';
import { getRun } from './runs';

/** A version's stored files by artifact name (recipe, meta, weights) and its training dataset's record. */
export async function versionFiles(db: StudioDb, version: Pick<VersionRecord, 'artifactIds' | 'runId'>): Promise<{ files: Record<string, Uint8Array>; dataset: DatasetRecord | null }> {
  const files: Record<string, Uint8Array> = {};
  for (const id of version.artifactIds) {
    const info = await getArtifactInfo(db, id);
    if (info) files[info.name] = await loadArtifact(db, id);
  }
  const run = await getRun(db, version.runId);
  return { files, dataset: run ? ((await getDataset(db, run.datasetId)) ?? null) : null };
}
