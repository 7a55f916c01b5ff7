import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type {
  AliasRecord,
  AuditRecord,
  BlobRecord,
  ChunkRecord,
  DatasetRecord,
  ModelRecord,
  RunRecord,
  RunStatus,
  VersionRecord,
} from './records';
import { attachContext, type StudioOptions } from './context';
import { backendOf, trainingOf } from './training';
import type { Project } from '../core/project';

/** The studio's IndexedDB schema, declared once. Bump `STUDIO_DB_VERSION` with a new migration. */
export interface StudioDB extends DBSchema {
  datasets: { key: string; value: DatasetRecord; indexes: { 'by-fingerprint': string } };
  blobs: { key: string; value: BlobRecord; indexes: { 'by-owner': string } };
  chunks: { key: [string, number]; value: ChunkRecord };
  runs: {
    key: string;
    value: RunRecord;
    indexes: { 'by-dataset': string; 'by-status': RunStatus; 'by-started': number };
  };
  models: { key: string; value: ModelRecord };
  versions: {
    key: string;
    value: VersionRecord;
    indexes: { 'by-model': string; 'by-model-version': [string, number]; 'by-run': string };
  };
  aliases: { key: [string, string]; value: AliasRecord; indexes: { 'by-model': string } };
  /** Added in version 2. */
  audit: {
    key: number;
    value: AuditRecord;
    indexes: { 'by-subject': string; 'by-at': number; 'by-action': string };
  };
  /** Added in version 4: TDSP projects (charter, evidence, ticks). */
  projects: { key: string; value: Project; indexes: { 'by-updated': number } };
}

export type StudioDb = IDBPDatabase<StudioDB>;
export type StoreName = StoreNames<StudioDB>;
type UpgradeTx = IDBPTransaction<StudioDB, StoreName[], 'versionchange'>;

export const STUDIO_DB_NAME = 'modelbench';
export const STUDIO_DB_VERSION = 4;

/** Every store, in the order a whole-database transaction lists them. */
export const ALL_STORES: StoreName[] = [
  'datasets',
  'blobs',
  'chunks',
  'runs',
  'models',
  'versions',
  'aliases',
  'audit',
  'projects',
];

/** Version 1: the registry without an audit trail. */
function migrateToV1(db: IDBPDatabase<StudioDB>): void {
  db.createObjectStore('datasets', { keyPath: 'id' }).createIndex('by-fingerprint', 'fingerprint', {
    unique: true,
  });
  db.createObjectStore('blobs', { keyPath: 'id' }).createIndex('by-owner', 'owner.id');
  db.createObjectStore('chunks', { keyPath: ['blobId', 'index'] });
  const runs = db.createObjectStore('runs', { keyPath: 'id' });
  runs.createIndex('by-dataset', 'datasetId');
  runs.createIndex('by-status', 'status');
  runs.createIndex('by-started', 'startedAt');
  db.createObjectStore('models', { keyPath: 'name' });
  const versions = db.createObjectStore('versions', { keyPath: 'id' });
  versions.createIndex('by-model', 'model');
  versions.createIndex('by-model-version', ['model', 'version'], { unique: true });
  db.createObjectStore('aliases', { keyPath: ['model', 'alias'] }).createIndex('by-model', 'model');
}

/**
 * Version 2: the audit store, and versions indexed by run. Existing versions and aliases get
 * back-filled `register` / `alias-set` entries so `aliasAt` and the log cover pre-audit history.
 */
async function migrateToV2(db: IDBPDatabase<StudioDB>, tx: UpgradeTx): Promise<void> {
  const audit = db.createObjectStore('audit', { keyPath: 'id', autoIncrement: true });
  audit.createIndex('by-subject', 'subject');
  audit.createIndex('by-at', 'at');
  audit.createIndex('by-action', 'action');
  const versions = tx.objectStore('versions');
  versions.createIndex('by-run', 'runId');
  const auditStore = tx.objectStore('audit');
  for (const v of await versions.getAll()) {
    await auditStore.add({
      at: v.createdAt,
      action: 'register',
      subject: v.model,
      detail: { version: v.version, runId: v.runId, backfilled: true },
    });
  }
  for (const a of await tx.objectStore('aliases').getAll()) {
    await auditStore.add({
      at: a.setAt,
      action: 'alias-set',
      subject: a.model,
      detail: { alias: a.alias, version: a.version, previous: null, backfilled: true },
    });
  }
}

/**
 * Version 3: versions keep their run's seed, backend and training record (split, training profile,
 * baseline metrics, whole result). The split is rebuilt from the stored recipe and the dataset's
 * fingerprint; what cannot be rebuilt is listed in `training.missing`, never made up.
 */
async function migrateToV3(tx: UpgradeTx): Promise<void> {
  const versions = tx.objectStore('versions');
  for (const v of await versions.getAll()) {
    const run = await tx.objectStore('runs').get(v.runId);
    const dataset = run ? await tx.objectStore('datasets').get(run.datasetId) : undefined;
    await versions.put({ ...v, seed: run?.seed ?? null, backend: backendOf(run), training: trainingOf(run, dataset) });
  }
}

/** Version 4: the projects store. Nothing existing changes; a project is made when the studio first needs one. */
function migrateToV4(db: IDBPDatabase<StudioDB>): void {
  db.createObjectStore('projects', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
}

/**
 * Opens the schema at `version`, running every migration above the stored one.
 * Tests use it to build an older database; the app calls `openStudioDB`.
 */
export async function openStudioDBAt(
  name: string,
  version: number,
  options: StudioOptions = {},
): Promise<StudioDb> {
  const db = await openDB<StudioDB>(name, version, {
    async upgrade(database, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) migrateToV1(database);
      if (oldVersion < 2 && version >= 2) await migrateToV2(database, tx);
      if (oldVersion < 3 && version >= 3) await migrateToV3(tx);
      if (oldVersion < 4 && version >= 4) migrateToV4(database);
    },
    blocked() {
      options.onBlocked?.();
    },
  });
  return attachContext(db, name, options);
}

/**
 * Opens (creating or upgrading) the studio database. Call `markInterruptedRuns` right after.
 * When another tab upgrades the schema, this connection closes and `options.onVersionChange` runs
 * so the UI can ask the user to reload.
 */
export function openStudioDB(name = STUDIO_DB_NAME, options: StudioOptions = {}): Promise<StudioDb> {
  return openStudioDBAt(name, STUDIO_DB_VERSION, options);
}
