import type { StudioDb } from './db';
import type { IDBPTransaction } from 'idb';
import type { StoreName, StudioDB } from './db';
import { contextOf } from './context';
import { DeletionBlockedError, NotFoundError } from './errors';
import { appendAudit } from './audit';
import { deleteBlob } from './blobs';
import { notifyChange } from './changes';
import { readTx, writeTx } from './transact';

export type DeletableKind = 'run' | 'version' | 'dataset';

/** What deleting one record takes along, and what stops it. */
export interface DeletionPlan {
  kind: DeletableKind;
  /** Run id, dataset id, or a version's `id`. */
  id: string;
  /** Everything that goes: the record itself and what depends on it. */
  removes: {
    datasets: string[];
    runs: string[];
    versions: { id: string; model: string; version: number }[];
    blobs: string[];
  };
  /** Bytes of blobs freed. */
  bytes: number;
  /** Human reasons it cannot happen now; empty when it can. */
  blockers: string[];
}

const PLAN_STORES = ['datasets', 'runs', 'versions', 'aliases', 'blobs'] as const;
type AnyTx = IDBPTransaction<StudioDB, StoreName[], IDBTransactionMode>;

/**
 * What `delete<Kind>(id)` would remove and what blocks it: a version an alias points at; a run
 * still running or registered as a version; a dataset whose runs are blocked. A dataset takes
 * its runs and all their artifacts along; a version takes only itself (its weights belong to its run).
 */
export function deletionPlan(db: StudioDb, kind: DeletableKind, id: string): Promise<DeletionPlan> {
  return readTx(db, [...PLAN_STORES], (tx) => planIn(tx as unknown as AnyTx, kind, id));
}

async function planIn(tx: AnyTx, kind: DeletableKind, id: string): Promise<DeletionPlan> {
  const plan: DeletionPlan = { kind, id, removes: { datasets: [], runs: [], versions: [], blobs: [] }, bytes: 0, blockers: [] };
  if (kind === 'version') {
    const v = await tx.objectStore('versions').get(id);
    if (!v) throw new NotFoundError(`No model version has id "${id}"; see listVersions(model).`);
    plan.removes.versions.push({ id, model: v.model, version: v.version });
    for (const a of await tx.objectStore('aliases').index('by-model').getAll(v.model)) {
      if (a.version === v.version) plan.blockers.push(`alias "${a.alias}" points at ${v.model} v${v.version}; move or remove it first`);
    }
    return plan;
  }
  let runIds: string[];
  if (kind === 'dataset') {
    const d = await tx.objectStore('datasets').get(id);
    if (!d) throw new NotFoundError(`No dataset has id "${id}"; see listDatasets().`);
    plan.removes.datasets.push(id);
    if (d.blobId) await addBlob(tx, plan, d.blobId);
    runIds = (await tx.objectStore('runs').index('by-dataset').getAllKeys(id)) as string[];
  } else {
    runIds = [id];
  }
  for (const runId of runIds) {
    const run = await tx.objectStore('runs').get(runId);
    if (!run) throw new NotFoundError(`No run has id "${runId}"; see listRuns().`);
    plan.removes.runs.push(runId);
    if (run.status === 'running') plan.blockers.push(`run "${runId}" is still running; cancel it first`);
    for (const v of await tx.objectStore('versions').index('by-run').getAll(runId)) {
      plan.blockers.push(`run "${runId}" is registered as ${v.model} v${v.version}; delete that version first`);
    }
    for (const blobId of run.artifactIds) await addBlob(tx, plan, blobId);
  }
  return plan;
}

async function addBlob(tx: AnyTx, plan: DeletionPlan, blobId: string): Promise<void> {
  const blob = await tx.objectStore('blobs').get(blobId);
  plan.removes.blobs.push(blobId);
  plan.bytes += blob?.byteLength ?? 0;
}

async function execute(db: StudioDb, kind: DeletableKind, id: string): Promise<DeletionPlan> {
  const now = contextOf(db).now();
  const stores = [...PLAN_STORES, 'chunks', 'audit'] as const;
  const plan = await writeTx(db, [...stores], `deletion of ${kind} "${id}"`, async (tx) => {
    const p = await planIn(tx as unknown as AnyTx, kind, id);
    if (p.blockers.length > 0) throw new DeletionBlockedError(`${kind} "${id}"`, p.blockers);
    const blobStores = { blobs: tx.objectStore('blobs'), chunks: tx.objectStore('chunks') };
    for (const blobId of p.removes.blobs) await deleteBlob(blobStores, blobId);
    for (const runId of p.removes.runs) await tx.objectStore('runs').delete(runId);
    for (const datasetId of p.removes.datasets) await tx.objectStore('datasets').delete(datasetId);
    for (const v of p.removes.versions) await tx.objectStore('versions').delete(v.id);
    const audit = tx.objectStore('audit');
    if (kind === 'version') {
      const v = p.removes.versions[0];
      await appendAudit(audit, now, 'delete-version', v.model, { version: v.version, versionId: v.id });
    } else {
      await appendAudit(audit, now, kind === 'run' ? 'delete-run' : 'delete-dataset', id, {
        runs: p.removes.runs,
        blobs: p.removes.blobs.length,
        bytes: p.bytes,
      });
    }
    return p;
  });
  notifyChange(db, { kind: kind === 'version' ? 'version' : kind, verb: `delete-${kind}`, ids: [id] });
  return plan;
}

/** Deletes a run and its artifacts, or throws `DeletionBlockedError` (see `deletionPlan`). */
export function deleteRun(db: StudioDb, id: string): Promise<DeletionPlan> {
  return execute(db, 'run', id);
}

/** Deletes a model version by its `id`, unless an alias points at it. Its number is never reused. */
export function deleteVersion(db: StudioDb, id: string): Promise<DeletionPlan> {
  return execute(db, 'version', id);
}

/** Deletes a dataset, its Arrow bytes, its runs and their artifacts, unless a run blocks it. */
export function deleteDataset(db: StudioDb, id: string): Promise<DeletionPlan> {
  return execute(db, 'dataset', id);
}
