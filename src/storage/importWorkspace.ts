import type { StudioDb } from './db';
import { ALL_STORES } from './db';
import type { VersionRecord } from './records';
import type { Project } from '../core/project';
import { contextOf } from './context';
import { prepareBlob, writeBlob, type PreparedBlob } from './blobs';
import { WorkspaceError } from './errors';
import { appendAudit } from './audit';
import { sameJson } from './json';
import { notifyChange } from './changes';
import { writeTx } from './transact';
import { readWorkspace } from './readWorkspace';
import type { ZipLimits } from './zipCheck';

type Counts = Record<'datasets' | 'runs' | 'models' | 'versions' | 'aliases' | 'blobs' | 'audit' | 'projects', number>;

/** What an import did. Nothing local was overwritten. */
export interface ImportSummary {
  added: Counts;
  /** Items already stored with the same id and content. */
  identical: Counts;
  /** Items whose id exists locally with different content; the local one was kept. */
  conflicts: string[];
  /** Imported versions whose number was taken locally, given the next free numbers. */
  renumbered: { model: string; from: number; to: number }[];
  /** Imported datasets whose bytes are already stored under another id; their runs now point there. */
  deduplicated: { imported: string; existing: string }[];
}

const zero = (): Counts => ({ datasets: 0, runs: 0, models: 0, versions: 0, aliases: 0, blobs: 0, audit: 0, projects: 0 });

/**
 * Imports a workspace zip. Everything is validated before anything is written (see
 * `readWorkspace`), then merged in ONE transaction: identical items are skipped, nothing
 * existing is overwritten, clashing version numbers are renumbered after the local ones. A bad
 * file throws `WorkspaceError` and a full disk `StorageFullError`; either way nothing changes.
 */
export async function importWorkspace(db: StudioDb, bytes: Uint8Array, limits?: ZipLimits): Promise<ImportSummary> {
  const { json, blobs } = await readWorkspace(bytes, limits);
  const context = contextOf(db);
  const prepared = new Map<string, PreparedBlob>();
  for (const b of json.blobs) {
    prepared.set(b.id, await prepareBlob(blobs.get(b.id)!, { ...b }, context.chunkSize));
  }
  const now = context.now();
  const summary: ImportSummary = { added: zero(), identical: zero(), conflicts: [], renumbered: [], deduplicated: [] };
  await writeTx(db, [...ALL_STORES], `workspace import (${(bytes.length / 1e6).toFixed(1)} MB)`, async (tx) => {
    const store = <N extends (typeof ALL_STORES)[number]>(name: N) => tx.objectStore(name);
    const blobStores = { blobs: store('blobs'), chunks: store('chunks') };
    const newSubjects = new Set<string>();
    const addBlob = async (id: string) => {
      const existing = await store('blobs').get(id);
      const incoming = prepared.get(id)!;
      if (existing && existing.sha256 !== incoming.record.sha256) {
        throw new WorkspaceError(`Blob "${id}" is stored here with different bytes. Nothing was imported; this file does not belong to this workspace's history.`);
      }
      if (existing) summary.identical.blobs++;
      else {
        await writeBlob(blobStores, incoming);
        summary.added.blobs++;
      }
    };

    const datasetIds = new Map<string, string>();
    for (const d of json.datasets) {
      const existing = await store('datasets').get(d.id);
      const twin = existing ? undefined : await store('datasets').index('by-fingerprint').get(d.fingerprint);
      if (existing) {
        datasetIds.set(d.id, d.id);
        if (sameJson(existing, d)) {
          summary.identical.datasets++;
          if (d.blobId) await addBlob(d.blobId);
        }
        else summary.conflicts.push(`dataset "${d.id}" differs from the stored one; kept the stored one`);
      } else if (twin) {
        datasetIds.set(d.id, twin.id);
        summary.deduplicated.push({ imported: d.id, existing: twin.id });
      } else {
        datasetIds.set(d.id, d.id);
        await store('datasets').add(d);
        if (d.blobId) await addBlob(d.blobId);
        newSubjects.add(d.id);
        summary.added.datasets++;
      }
    }

    for (const r of json.runs) {
      const run = { ...r, datasetId: datasetIds.get(r.datasetId) ?? r.datasetId };
      const existing = await store('runs').get(r.id);
      if (existing) {
        if (sameJson(existing, run)) {
          summary.identical.runs++;
          for (const id of run.artifactIds) await addBlob(id);
        }
        else summary.conflicts.push(`run "${r.id}" differs from the stored one; kept the stored one`);
        continue;
      }
      if (!(await store('datasets').getKey(run.datasetId))) {
        throw new WorkspaceError(`Run "${r.id}" needs dataset "${r.datasetId}", which is neither in the file nor stored here. Nothing was imported.`);
      }
      await store('runs').add(run);
      for (const id of run.artifactIds) await addBlob(id);
      newSubjects.add(r.id);
      summary.added.runs++;
    }

    const numbers = new Map<string, number>();
    const byModel = new Map<string, VersionRecord[]>();
    for (const v of json.versions) byModel.set(v.model, [...(byModel.get(v.model) ?? []), v]);
    for (const [model, incoming] of byModel) {
      const local = await store('models').get(model);
      const localVersions = await store('versions').index('by-model').getAll(model);
      const imported = json.models.find((m) => m.name === model);
      let next = Math.max(local?.lastVersion ?? 0, imported?.lastVersion ?? 0, ...localVersions.map((v) => v.version), ...incoming.map((v) => v.version)) + 1;
      let last = next - 1;
      let renumbering = false;
      for (const v of incoming.sort((a, b) => a.version - b.version)) {
        const existing = await store('versions').get(v.id);
        if (existing) {
          numbers.set(`${model}\u0000${v.version}`, existing.version);
          if (sameJson({ ...existing, version: v.version }, v)) summary.identical.versions++;
          else summary.conflicts.push(`${model} version "${v.id}" differs from the stored one; kept the stored one`);
          continue;
        }
        if (!(await store('runs').getKey(v.runId))) {
          throw new WorkspaceError(`${model} v${v.version} comes from run "${v.runId}", which is neither in the file nor stored here. Nothing was imported.`);
        }
        const missing = [];
        for (const id of v.artifactIds) if (!(await store('blobs').getKey(id))) missing.push(id);
        if (missing.length > 0) {
          summary.conflicts.push(`${model} v${v.version} needs artifacts of a run kept from here (${missing.join(', ')}); skipped it`);
          continue;
        }
        const taken = await store('versions').index('by-model-version').getKey([model, v.version]);
        // Once one number clashes, later ones follow it so the imported order survives.
        const number = taken || renumbering ? next++ : v.version;
        renumbering ||= Boolean(taken);
        if (number !== v.version) summary.renumbered.push({ model, from: v.version, to: number });
        last = Math.max(last, number);
        numbers.set(`${model}\u0000${v.version}`, number);
        await store('versions').add({ ...v, version: number });
        summary.added.versions++;
      }
      if (!local) {
        newSubjects.add(model);
        summary.added.models++;
      } else summary.identical.models++;
      await store('models').put({ name: model, createdAt: local?.createdAt ?? imported?.createdAt ?? now, lastVersion: last });
    }
    for (const m of json.models) {
      if (byModel.has(m.name)) continue;
      if (await store('models').get(m.name)) summary.identical.models++;
      else {
        await store('models').add(m);
        newSubjects.add(m.name);
        summary.added.models++;
      }
    }

    for (const a of json.aliases) {
      const version = numbers.get(`${a.model}\u0000${a.version}`) ?? a.version;
      const existing = await store('aliases').get([a.model, a.alias]);
      if (!existing) {
        await store('aliases').add({ ...a, version });
        summary.added.aliases++;
      } else if (existing.version === version) summary.identical.aliases++;
      else summary.conflicts.push(`alias "${a.alias}" of ${a.model} points at v${existing.version} here; kept it`);
    }

    await mergeProjects(store('projects'), json.projects ?? [], datasetIds, summary);

    // History comes along only for what this import created; merging logs of shared subjects would interleave two pasts.
    for (const e of json.audit) {
      if (newSubjects.has(e.subject)) {
        await store('audit').add(e);
        summary.added.audit++;
      }
    }
    await appendAudit(store('audit'), now, 'import', 'workspace', {
      added: summary.added,
      conflicts: summary.conflicts,
      renumbered: summary.renumbered,
      deduplicated: summary.deduplicated,
    });
  });
  notifyChange(db, { kind: 'workspace', verb: 'importWorkspace', ids: [] });
  return summary;
}

/** Adds projects not stored here (their datasets pointed at deduplicated twins); a stored one with other content is kept. */
async function mergeProjects(
  store: { get(id: string): Promise<Project | undefined>; add(p: Project): Promise<unknown> },
  projects: Project[],
  datasetIds: Map<string, string>,
  summary: ImportSummary,
): Promise<void> {
  for (const p of projects) {
    const project = { ...p, datasetIds: [...new Set(p.datasetIds.map((id) => datasetIds.get(id) ?? id))] };
    const existing = await store.get(p.id);
    if (!existing) {
      await store.add(project);
      summary.added.projects++;
    } else if (sameJson(existing, project)) summary.identical.projects++;
    else summary.conflicts.push(`project "${p.name}" differs from the stored one; kept the stored one`);
  }
}
