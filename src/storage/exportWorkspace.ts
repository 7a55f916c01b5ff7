import { zipSync, type Zippable } from 'fflate';
import type { StudioDb } from './db';
import type { BlobRecord, ChunkRecord } from './records';
import { contextOf } from './context';
import { chunkRange, joinChunks } from './blobs';
import { sha256Hex } from './fingerprint';
import { readTx } from './transact';
import { NotFoundError } from './errors';
import { WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION, blobPath, type WorkspaceJson, type WorkspaceManifest } from './workspace';

/** What to export. */
export interface ExportOptions {
  /**
   * Only these models, with their versions, aliases, audit entries, the runs they came from,
   * those runs' datasets and all their bytes. Default: the whole workspace.
   */
  models?: string[];
}

/**
 * The workspace as a zip (`workspace.json`, `blobs/<id>.bin`, `manifest.json` with the SHA-256
 * of every file), read in one consistent snapshot. `importWorkspace` reads it back.
 */
export async function exportWorkspace(db: StudioDb, options: ExportOptions = {}): Promise<Uint8Array> {
  const stores = ['datasets', 'runs', 'models', 'versions', 'aliases', 'audit', 'blobs', 'chunks', 'projects'] as const;
  const { json, chunks } = await readTx(db, [...stores], async (tx) => {
    const wanted = options.models === undefined ? undefined : new Set(options.models);
    const models = (await tx.objectStore('models').getAll()).filter((m) => !wanted || wanted.has(m.name));
    for (const name of wanted ?? []) {
      if (!models.some((m) => m.name === name)) throw new NotFoundError(`No model is named "${name}"; see listModels().`);
    }
    const keep = (model: string) => !wanted || wanted.has(model);
    const versions = (await tx.objectStore('versions').getAll()).filter((v) => keep(v.model));
    const runIds = new Set(versions.map((v) => v.runId));
    const runs = (await tx.objectStore('runs').getAll()).filter((r) => !wanted || runIds.has(r.id));
    const datasetIds = new Set(runs.map((r) => r.datasetId));
    const datasets = (await tx.objectStore('datasets').getAll()).filter((d) => !wanted || datasetIds.has(d.id));
    const blobIds = new Set([...runs.flatMap((r) => r.artifactIds), ...datasets.flatMap((d) => (d.blobId ? [d.blobId] : []))]);
    const blobs = (await tx.objectStore('blobs').getAll()).filter((b) => !wanted || blobIds.has(b.id));
    const chunks = new Map<string, ChunkRecord[]>();
    for (const b of blobs) chunks.set(b.id, await tx.objectStore('chunks').getAll(chunkRange(b.id)));
    const aliases = (await tx.objectStore('aliases').getAll()).filter((a) => keep(a.model));
    const audit = (await tx.objectStore('audit').getAll())
      .filter((e) => !wanted || wanted.has(e.subject) || runIds.has(e.subject) || datasetIds.has(e.subject))
      .map(({ id: _id, ...entry }) => entry);
    const json: WorkspaceJson = { datasets, runs: runs.map(({ owner: _o, ...r }) => r), models, versions, aliases, audit, blobs };
    // A project spans datasets a chosen-models export may leave out, so only whole workspaces carry projects.
    if (!wanted) json.projects = await tx.objectStore('projects').getAll();
    return { json, chunks };
  });
  return zipWorkspace(json, chunks, contextOf(db).now());
}

async function zipWorkspace(json: WorkspaceJson, chunks: Map<string, ChunkRecord[]>, now: number): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = { 'workspace.json': new TextEncoder().encode(JSON.stringify(json)) };
  for (const blob of json.blobs as BlobRecord[]) files[blobPath(blob.id)] = joinChunks(chunks.get(blob.id) ?? [], blob.byteLength);
  const manifest: WorkspaceManifest = { format: WORKSPACE_FORMAT, formatVersion: WORKSPACE_FORMAT_VERSION, exportedAt: now, files: {} };
  for (const [name, bytes] of Object.entries(files)) manifest.files[name] = { sha256: await sha256Hex(bytes), bytes: bytes.length };
  const zippable: Zippable = { 'manifest.json': new TextEncoder().encode(JSON.stringify(manifest, null, 2)) };
  // Weights and Arrow bytes barely compress; a fast level keeps export quick.
  for (const [name, bytes] of Object.entries(files)) zippable[name] = [bytes, { level: name.endsWith('.json') ? 6 : 1 }];
  // Zip timestamps start in 1980; a test clock may be earlier.
  return zipSync(zippable, { mtime: Math.max(now, Date.UTC(1980, 0, 2)) });
}
