import type { StudioDb } from './db';
import { RUN_STATUSES, type RunRecord, type RunStatus } from './records';
import { contextOf } from './context';
import { prepareBlob, writeBlob, type PreparedBlob } from './blobs';
import { NotFoundError, StorageInputError } from './errors';
import { notifyChange } from './changes';
import { readTx, writeTx } from './transact';

/** A run as the train stage hands it over; storage fills `artifactIds` and `owner`. */
export interface NewRun extends Omit<RunRecord, 'artifactIds' | 'owner'> {
  artifactIds?: string[];
}

/** A binary payload saved with a run, e.g. `{ name: 'weights.bin', bytes }`. */
export interface ArtifactInput {
  name: string;
  bytes: Uint8Array;
}

/**
 * Saves a run and its artifacts in ONE transaction: all of it lands or none of it does
 * (a full disk throws `StorageFullError` and leaves the store as it was). Saving an existing run
 * again replaces its fields and appends the new artifacts to the ones it had.
 */
export async function saveRun(db: StudioDb, run: NewRun, artifacts: ArtifactInput[] = []): Promise<RunRecord> {
  checkStatus(run.status, `run "${run.id}"`);
  const context = contextOf(db);
  const createdAt = context.now();
  const blobs: PreparedBlob[] = [];
  for (const a of artifacts) {
    blobs.push(await prepareBlob(a.bytes, { kind: 'artifact', name: a.name, owner: { kind: 'run', id: run.id }, createdAt }, context.chunkSize));
  }
  const bytes = artifacts.reduce((n, a) => n + a.bytes.length, 0);
  const what = `run "${run.id}" with ${artifacts.length} artifact(s) (${(bytes / 1e6).toFixed(1)} MB)`;
  const saved = await writeTx(db, ['datasets', 'runs', 'blobs', 'chunks'], what, async (tx) => {
    if (!(await tx.objectStore('datasets').getKey(run.datasetId))) {
      throw new StorageInputError(`Run "${run.id}" names dataset "${run.datasetId}", which is not stored; save the dataset with putDataset first.`);
    }
    const previous = await tx.objectStore('runs').get(run.id);
    const { artifactIds: _ignored, owner: _owner, ...fields } = run as RunRecord;
    const record: RunRecord = {
      ...fields,
      artifactIds: [...(previous?.artifactIds ?? []), ...blobs.map((b) => b.record.id)],
      ...(run.status === 'running' ? { owner: { session: context.session, heartbeatAt: createdAt } } : {}),
    };
    await tx.objectStore('runs').put(record);
    const stores = { blobs: tx.objectStore('blobs'), chunks: tx.objectStore('chunks') };
    for (const blob of blobs) await writeBlob(stores, blob);
    return record;
  });
  notifyChange(db, { kind: 'run', verb: 'saveRun', ids: [run.id] });
  return saved;
}

/** Fields that may change with a status. */
export interface RunStatusUpdate {
  error?: string;
  metrics?: RunRecord['metrics'];
  curves?: RunRecord['curves'];
  /** Default: now, for any status but `running`. */
  endedAt?: number;
}

/** Moves a run to `status`; leaving `running` stamps `endedAt` and drops the tab ownership. */
export async function updateRunStatus(
  db: StudioDb,
  id: string,
  status: RunStatus,
  update: RunStatusUpdate = {},
): Promise<RunRecord> {
  checkStatus(status, `run "${id}"`);
  const context = contextOf(db);
  const now = context.now();
  const saved = await writeTx(db, ['runs'], `status of run "${id}"`, async (tx) => {
    const run = await tx.objectStore('runs').get(id);
    if (!run) throw new NotFoundError(`No run has id "${id}"; list runs with listRuns().`);
    const { owner: _owner, ...rest } = run;
    const next: RunRecord = {
      ...rest,
      ...update,
      status,
      endedAt: status === 'running' ? null : (update.endedAt ?? now),
      ...(status === 'running' ? { owner: { session: context.session, heartbeatAt: now } } : {}),
    };
    await tx.objectStore('runs').put(next);
    return next;
  });
  notifyChange(db, { kind: 'run', verb: 'updateRunStatus', ids: [id] });
  return saved;
}

/**
 * Says "this tab is still training run `id`". Call it every few seconds while training so
 * `markInterruptedRuns` in another tab leaves the run alone.
 */
export async function heartbeatRun(db: StudioDb, id: string): Promise<void> {
  const context = contextOf(db);
  await writeTx(db, ['runs'], `heartbeat of run "${id}"`, async (tx) => {
    const run = await tx.objectStore('runs').get(id);
    if (run?.status !== 'running') return;
    await tx.objectStore('runs').put({ ...run, owner: { session: context.session, heartbeatAt: context.now() } });
  });
}

/** Options for `markInterruptedRuns`. */
export interface InterruptOptions {
  /** A heartbeat older than this (ms) means the tab that ran it is gone. Default 30,000. */
  staleAfterMs?: number;
}

/**
 * At startup: runs left `running` by a tab that closed become `interrupted`. A run whose
 * heartbeat is fresh, or that belongs to this tab's session, is left alone. Returns the ids marked.
 */
export async function markInterruptedRuns(db: StudioDb, options: InterruptOptions = {}): Promise<string[]> {
  const context = contextOf(db);
  const staleAfter = options.staleAfterMs ?? 30_000;
  const now = context.now();
  const marked = await writeTx(db, ['runs'], 'interrupted runs', async (tx) => {
    const store = tx.objectStore('runs');
    const ids: string[] = [];
    for (const run of await store.index('by-status').getAll('running')) {
      const owner = run.owner;
      if (owner && (owner.session === context.session || now - owner.heartbeatAt <= staleAfter)) continue;
      const { owner: _owner, ...rest } = run;
      await store.put({
        ...rest,
        status: 'interrupted',
        endedAt: owner?.heartbeatAt ?? now,
        error: 'The tab running this training closed before it finished.',
      });
      ids.push(run.id);
    }
    return ids;
  });
  if (marked.length > 0) notifyChange(db, { kind: 'run', verb: 'markInterruptedRuns', ids: marked });
  return marked;
}

/** Filter for `listRuns`; every field narrows. */
export interface RunFilter {
  datasetId?: string;
  status?: RunStatus;
  /** Started at or after (epoch ms). */
  since?: number;
  /** Newest first, at most this many. */
  limit?: number;
}

/** Runs, newest first. */
export async function listRuns(db: StudioDb, filter: RunFilter = {}): Promise<RunRecord[]> {
  const runs = await readTx(db, ['runs'], (tx) => {
    const store = tx.objectStore('runs');
    if (filter.datasetId !== undefined) return store.index('by-dataset').getAll(filter.datasetId);
    if (filter.status !== undefined) return store.index('by-status').getAll(filter.status);
    return store.index('by-started').getAll(filter.since === undefined ? undefined : IDBKeyRange.lowerBound(filter.since));
  });
  const kept = runs
    .filter(
      (r) =>
        (filter.status === undefined || r.status === filter.status) &&
        (filter.since === undefined || r.startedAt >= filter.since),
    )
    .sort((a, b) => b.startedAt - a.startedAt);
  return filter.limit === undefined ? kept : kept.slice(0, filter.limit);
}

export function getRun(db: StudioDb, id: string): Promise<RunRecord | undefined> {
  return db.get('runs', id);
}

function checkStatus(status: string, place: string): void {
  if (!(RUN_STATUSES as readonly string[]).includes(status)) {
    throw new StorageInputError(`The status "${status}" of ${place} is not one of ${RUN_STATUSES.join(', ')}.`);
  }
}
