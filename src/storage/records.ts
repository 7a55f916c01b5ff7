import type { Json } from './json';
import type { RunTraining } from '../core/run';

/** A column as stored with a dataset: its name and logical type (`integer`, `categorical`…). */
export interface SchemaField {
  name: string;
  type: string;
}

/** A dataset the user opened. Opening the same bytes again finds this record by `fingerprint`. */
export interface DatasetRecord {
  id: string;
  name: string;
  sourceFileName: string;
  /** SHA-256 of the source file's bytes, lowercase hex (see `fingerprintBytes`). */
  fingerprint: string;
  schema: SchemaField[];
  rows: number;
  columns: number;
  /** Filled by the profile stage. */
  profileSummary: Json;
  /** Epoch ms. */
  createdAt: number;
  /** The table as Arrow IPC bytes, in the `blobs` store, when the caller kept it. */
  blobId?: string;
}

/** What a stored blob carries; `dataset` blobs are Arrow IPC bytes. */
export type BlobKind = 'artifact' | 'dataset';

/** Metadata of a binary payload; its bytes live in `chunks`, `chunkCount` records of ≤ `chunkSize` bytes. */
export interface BlobRecord {
  id: string;
  kind: BlobKind;
  /** The caller's name for it, e.g. `model.json`, `weights.bin`, `table.arrow`. */
  name: string;
  /** The record that owns the blob; deleting the owner deletes the blob. */
  owner: { kind: 'run' | 'dataset'; id: string };
  byteLength: number;
  /** SHA-256 of the whole payload, lowercase hex. */
  sha256: string;
  chunkSize: number;
  chunkCount: number;
  createdAt: number;
}

/** One slice of a blob. Kept below Chromium's ~127 MB single-value limit. */
export interface ChunkRecord {
  blobId: string;
  index: number;
  bytes: ArrayBuffer;
}

export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';
export const RUN_STATUSES: readonly RunStatus[] = ['running', 'completed', 'failed', 'cancelled', 'interrupted'];

/** The tab that is driving a running run, and when it last said so (epoch ms). */
export interface RunOwner {
  session: string;
  heartbeatAt: number;
}

/** One training run. `recipe`, `spec` and `metrics` are filled by the train stage. */
export interface RunRecord {
  id: string;
  /** What the Train stage called it ("Gradient-boosted trees #1"); runs recorded before names were kept have none. */
  name?: string;
  datasetId: string;
  recipe: Json;
  spec: Json;
  seed: number;
  /** TF.js backend name (`cpu`, `wasm`, `webgl`, `webgpu`) or `js` for plain-JS models. */
  backend: string;
  status: RunStatus;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms, null while running. */
  endedAt: number | null;
  /** Per-epoch series by name, e.g. `{ loss: [...], val_loss: [...] }`. */
  curves: Record<string, number[]>;
  metrics: Json;
  error?: string;
  /** Ids of `blobs` owned by this run. Set by `saveRun`; what the caller passes is ignored. */
  artifactIds: string[];
  /** Present while `running`; `markInterruptedRuns` uses it to tell live tabs from closed ones. */
  owner?: RunOwner;
  /** How it was trained (split, training profile, baseline metrics, whole result); set when it completes. */
  training?: RunTraining;
}

/** A registered model name. */
export interface ModelRecord {
  name: string;
  createdAt: number;
  /** Highest version number ever given; deleted numbers are never reused. */
  lastVersion: number;
}

/**
 * Tags as sorted `[key, value]` pairs: a user key like `__proto__` or `constructor` is plain data
 * here, never an object property. Read them with `tagMap`.
 */
export type Tags = [string, string][];

/**
 * An immutable model version. Only `tags`, `notes` and `latency` change afterwards, each change
 * audited; weights (`artifactIds`), recipe, spec, metrics and training record never do.
 */
export interface VersionRecord {
  /** Stable identity across workspaces (a UUID); `model` + `version` is the human name. */
  id: string;
  model: string;
  /** 1, 2, 3… per model name. */
  version: number;
  runId: string;
  createdAt: number;
  metrics: Json;
  recipe: Json;
  spec: Json;
  /** Added in schema version 3, copied from the run; null when its run was gone at the upgrade. */
  seed: number | null;
  /** The backend the run actually trained on (`cpu`, `wasm`, …); null when not known. */
  backend: string | null;
  /** Added in schema version 3: everything else the run kept about its training (see `RunTraining.missing`). */
  training: RunTraining;
  artifactIds: string[];
  tags: Tags;
  notes: string;
  /** Filled by the deploy stage's latency bench. */
  latency?: Json;
}

/** `alias` (e.g. `champion`, `challenger`) points at one version of `model`. */
export interface AliasRecord {
  model: string;
  alias: string;
  version: number;
  setAt: number;
}

export type AuditAction =
  | 'register'
  | 'alias-set'
  | 'alias-removed'
  | 'tag-set'
  | 'tag-removed'
  | 'note'
  | 'latency'
  | 'delete-run'
  | 'delete-version'
  | 'delete-dataset'
  | 'import';

/**
 * One audit entry. `subject` is the model name for model events, the run or dataset id for
 * deletions of those, and `workspace` for imports; `detail` says the rest (version, alias, tag…).
 */
export interface AuditRecord {
  id?: number;
  at: number;
  action: AuditAction;
  subject: string;
  detail: Json;
}
