import * as store from '../storage';
import { StorageFullError, STUDIO_DB_NAME } from '../storage';
import type {
  ArtifactInput,
  AuditRecord,
  DatasetRecord,
  DeletableKind,
  DeletionPlan,
  ImportSummary,
  Json,
  ModelSummary,
  NewDataset,
  RunRecord,
  StorageReport,
  StudioDb,
  VersionRecord,
} from '../storage';
import { download } from './explore.svelte';
import { forgetOrigin } from './forgetOrigin';
import { workspaceJob } from '../bridge/workspaceJob';
import type { ForgetCheck, RegistryOptions, ReproduceRequest, RunOutcome } from './registryTypes';
import { toUserError, type UserError } from './errors';
import { runTable, type RunTable } from './registryRows';

export type { ForgetCheck, RegistryOptions, ReproduceRequest, RunOutcome } from './registryTypes';

const RELOAD = 'Modelbench was updated in another tab; reload this one.';

/**
 * The model registry as the UI sees it: one IndexedDB connection, lists of runs, models and
 * datasets kept fresh after this tab's writes and other tabs' changes, and the verbs the Train
 * and Models stages call. Failures become `error` (a message to show), never a lost record.
 */
export class Registry {
  runs = $state.raw<RunRecord[]>([]);
  models = $state.raw<ModelSummary[]>([]);
  datasets = $state.raw<DatasetRecord[]>([]);
  ready = $state(false);
  error = $state<UserError | null>(null);
  notice = $state<string | null>(null);
  /** Set when this tab can no longer use the database (another tab upgraded or deleted it). */
  stale = $state<string | null>(null);
  storage = $state.raw<StorageReport | null>(null);
  /** `navigator.storage.persist()` outcome: true granted, false refused, null not asked yet. */
  persisted = $state<boolean | null>(null);
  lastImport = $state.raw<ImportSummary | null>(null);
  reproduceRequest = $state.raw<ReproduceRequest | null>(null);
  /** Results kept in memory because storage was full; `retrySave(runId)` writes them. */
  unsaved = $state.raw<Map<string, { outcome: RunOutcome; artifacts: ArtifactInput[] }>>(new Map());
  /** `performance.now()` when the lists were last read, for render timing. */
  readAt = $state(0);
  /**
   * The runs flattened for the runs table with the columns they offer: derived once per read, not per
   * render, reusing the previous read's objects where nothing changed (see `runTable`).
   */
  readonly runTable: RunTable = $derived.by(() => (this.#lastRunTable = runTable(this.runs, this.datasets, this.#lastRunTable)));
  #lastRunTable: RunTable | undefined;
  #db: StudioDb | null = null;
  #opening: Promise<StudioDb> | null = null;
  #stopListening: (() => void) | null = null;
  #heartbeats = new Map<string, ReturnType<typeof setInterval>>();
  #refreshing: Promise<void> | null = null;
  #again = false;
  #forgotElsewhere = false;
  readonly #options: Required<RegistryOptions>;

  constructor(options: RegistryOptions = {}) {
    this.#options = { name: STUDIO_DB_NAME, channel: 'modelbench', heartbeatMs: 5000, ...options };
  }

  /** Opens the database once, marks runs of closed tabs as interrupted, listens to other tabs and loads the lists. */
  async open(): Promise<void> {
    try {
      await this.#connect();
      await this.refresh();
      this.ready = true;
    } catch (error) {
      this.error = toUserError('The model registry could not be opened', error);
    }
  }

  #connect(): Promise<StudioDb> {
    if (this.#db) return Promise.resolve(this.#db);
    this.#opening ??= (async () => {
      const db = await store.openStudioDB(this.#options.name, {
        channel: this.#options.channel,
        onVersionChange: () => {
          this.#db = null;
          this.stale = this.#forgotElsewhere ? 'Everything was forgotten in another tab; reload this one.' : RELOAD;
        },
      });
      const interrupted = await store.markInterruptedRuns(db);
      if (interrupted.length > 0) {
        this.notice = `${interrupted.length} run${interrupted.length === 1 ? ' was' : 's were'} interrupted because the tab training ${interrupted.length === 1 ? 'it' : 'them'} closed.`;
      }
      this.#stopListening ??= store.onChange((change) => {
        if (change.verb === 'forgetEverything') this.#forgotElsewhere = true;
        void this.refresh();
      }, this.#options.channel);
      this.#db = db;
      return db;
    })().finally(() => (this.#opening = null));
    return this.#opening;
  }

  async #use(): Promise<StudioDb> {
    if (this.stale) throw new Error(this.stale);
    return this.#db ?? this.#connect();
  }

  /** Re-reads runs, models and datasets; concurrent calls coalesce into one more read. */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#again = false;
        if (this.stale || !this.#db) return;
        const db = this.#db;
        const [runs, models, datasets] = await Promise.all([store.listRuns(db), store.listModels(db), store.listDatasets(db)]);
        this.runs = runs;
        this.models = models;
        this.datasets = datasets;
        this.readAt = performance.now();
      } while (this.#again);
    })()
      .catch((error) => {
        if (!this.stale) this.error = toUserError('The registry could not be read', error);
      })
      .finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  /**
   * Sizes every store and asks the browser for usage and quota. It reads every stored byte, so the
   * Storage panel calls it when shown and after changes, not on every list refresh.
   */
  async refreshStorage(): Promise<void> {
    try {
      this.storage = await store.storageReport(await this.#use());
    } catch (error) {
      if (!this.stale) this.error = toUserError('Storage use could not be measured', error);
    }
  }

  /** Stores a dataset's description unless its fingerprint is known; returns the dataset id either way. */
  async rememberDataset(input: NewDataset): Promise<string> {
    const { dataset } = await store.putDataset(await this.#use(), input);
    await this.refresh();
    return dataset.id;
  }

  /**
   * Records a running run and heartbeats it every `heartbeatMs` until `finishRun`. `id` defaults to
   * a fresh UUID; the Train stage may pass its own run id so both name the run alike.
   */
  async startRun(input: { id?: string; datasetId: string; recipe: Json; spec: Json; seed: number; backend: string }): Promise<string> {
    const db = await this.#use();
    const { id = crypto.randomUUID(), ...fields } = input;
    await store.saveRun(db, { id, ...fields, status: 'running', startedAt: Date.now(), endedAt: null, curves: {}, metrics: {} });
    this.#heartbeats.set(id, setInterval(() => void store.heartbeatRun(db, id).catch(() => undefined), this.#options.heartbeatMs));
    await this.refresh();
    return id;
  }

  /**
   * Saves the outcome and artifacts of run `runId` in one transaction. Returns false when storage
   * was full: then nothing was written, the result waits in `unsaved` and `error` says what to free.
   */
  async finishRun(runId: string, outcome: RunOutcome, artifacts: ArtifactInput[] = []): Promise<boolean> {
    clearInterval(this.#heartbeats.get(runId));
    this.#heartbeats.delete(runId);
    const db = await this.#use();
    const run = await store.getRun(db, runId);
    if (!run) throw new Error(`No run has id "${runId}"; call startRun first.`);
    const metrics: Record<string, Json> = { ...outcome.metrics, ...(outcome.evaluation === undefined ? {} : { evaluation: outcome.evaluation }) };
    const { artifactIds: _ids, owner: _owner, ...rest } = run;
    try {
      const extra = { ...(outcome.error ? { error: outcome.error } : {}), ...(outcome.backend ? { backend: outcome.backend } : {}), ...(outcome.training ? { training: outcome.training } : {}) };
      await store.saveRun(db, { ...rest, status: outcome.status, endedAt: Date.now(), metrics, curves: outcome.curves, ...extra }, artifacts);
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
      this.unsaved = new Map(this.unsaved).set(runId, { outcome, artifacts });
      this.error = { title: 'The trained model was not saved: browser storage is full', message: `${error.message} ${this.#biggest()} The result is kept in this tab; choose "Retry saving" after freeing space.` };
      return false;
    }
    if (this.unsaved.has(runId)) {
      const next = new Map(this.unsaved);
      next.delete(runId);
      this.unsaved = next;
    }
    await this.refresh();
    return true;
  }

  /** Tries again to save a result that did not fit. */
  retrySave(runId: string): Promise<boolean> {
    const pending = this.unsaved.get(runId);
    return pending ? this.finishRun(runId, pending.outcome, pending.artifacts) : Promise.resolve(true);
  }

  #biggest(): string {
    const withFiles = this.runs.filter((r) => r.artifactIds.length > 0).length;
    return withFiles ? `${withFiles} stored run${withFiles === 1 ? ' keeps' : 's keep'} model files; "Storage and workspace" shows what takes the space.` : '';
  }

  /** Registers completed run `runId` as the next version of `modelName`. */
  async register(runId: string, modelName: string, options: { tags?: Record<string, string>; notes?: string } = {}): Promise<{ name: string; version: number }> {
    const v = await store.registerVersion(await this.#use(), runId, modelName, options);
    await this.refresh();
    return { name: v.model, version: v.version };
  }

  async versions(model: string): Promise<VersionRecord[]> {
    return store.listVersions(await this.#use(), model);
  }

  async audit(model: string): Promise<AuditRecord[]> {
    return store.auditLog(await this.#use(), { subject: model });
  }

  async aliasAt(model: string, alias: string, date: number): Promise<number | null> {
    return store.aliasAt(await this.#use(), model, alias, date);
  }

  /** Points `alias` of `model` at `version` (audited). */
  async promote(model: string, version: number, alias: string): Promise<void> {
    await store.setAlias(await this.#use(), model, alias, version);
    await this.refresh();
  }

  async demote(model: string, alias: string): Promise<void> {
    await store.removeAlias(await this.#use(), model, alias);
    await this.refresh();
  }

  async setTag(model: string, version: number, key: string, value: string): Promise<void> {
    await store.setTag(await this.#use(), model, version, key, value);
  }

  async removeTag(model: string, version: number, key: string): Promise<void> {
    await store.removeTag(await this.#use(), model, version, key);
  }

  async setNotes(model: string, version: number, notes: string): Promise<void> {
    await store.setNotes(await this.#use(), model, version, notes);
  }

  async plan(kind: DeletableKind, id: string): Promise<DeletionPlan> {
    return store.deletionPlan(await this.#use(), kind, id);
  }

  /** Deletes a run, a version (by its `id`) or a dataset; throws `DeletionBlockedError` when something blocks it. */
  async delete(kind: DeletableKind, id: string): Promise<DeletionPlan> {
    const db = await this.#use();
    const plan = await (kind === 'run' ? store.deleteRun : kind === 'version' ? store.deleteVersion : store.deleteDataset)(db, id);
    await this.refresh();
    return plan;
  }

  /** Asks the browser not to evict this origin's data under storage pressure. */
  async persist(): Promise<boolean> {
    const granted = (await navigator.storage?.persist?.()) ?? false;
    this.persisted = granted;
    return granted;
  }

  /** Downloads the workspace (or only `models`) as a zip. */
  async exportWorkspace(models?: string[]): Promise<void> {
    await this.#use();
    // A plain copy: the caller's list is often a Svelte state proxy, which structured clone refuses.
    const names = models && [...models];
    const bytes = await workspaceJob((api) => api.exportWorkspace(this.#options.name, this.#options.channel, names));
    const day = new Date().toISOString().slice(0, 10);
    download(new Blob([bytes as BlobPart], { type: 'application/zip' }), `modelbench-${models ? 'models' : 'workspace'}-${day}.zip`);
  }

  /** Imports a workspace zip; a damaged or tampered file throws `WorkspaceError` and changes nothing. */
  async importWorkspace(file: Blob): Promise<ImportSummary> {
    await this.#use();
    const summary = await workspaceJob((api) => api.importWorkspace(this.#options.name, this.#options.channel, file));
    this.lastImport = summary;
    await this.refresh();
    return summary;
  }

  /** Empties IndexedDB, Cache Storage, localStorage and sessionStorage of this origin, then checks they are empty. */
  async forgetEverything(): Promise<ForgetCheck> {
    for (const timer of this.#heartbeats.values()) clearInterval(timer);
    this.#heartbeats.clear();
    const db = await this.#use();
    this.#db = null;
    await store.forgetEverything(db);
    const check = await forgetOrigin();
    this.runs = [];
    this.models = [];
    this.datasets = [];
    this.unsaved = new Map();
    this.reproduceRequest = null;
    this.persisted = null;
    this.lastImport = null;
    // A fresh, empty database so the studio keeps working after the check.
    await this.#connect();
    await this.refresh();
    return check;
  }

  /** Hands a version's recipe, spec and seed to the Train stage (it watches `reproduceRequest`). */
  async requestReproduce(version: VersionRecord): Promise<void> {
    const run = await store.getRun(await this.#use(), version.runId);
    this.reproduceRequest = {
      model: version.model,
      version: version.version,
      runId: version.runId,
      datasetId: run?.datasetId ?? null,
      recipe: version.recipe,
      spec: version.spec,
      seed: version.seed ?? run?.seed ?? 0,
      requestedAt: Date.now(),
    };
  }

  /** Every version of every model, newest model first as `models` lists them. */
  async allVersions(): Promise<VersionRecord[]> {
    const db = await this.#use();
    const lists = await Promise.all(this.models.map((m) => store.listVersions(db, m.name)));
    return lists.flat();
  }

  /** A version's stored files by artifact name (recipe, meta, weights) and its training dataset's record, for Deploy. */
  async versionFiles(version: VersionRecord): Promise<{ files: Record<string, Uint8Array>; dataset: DatasetRecord | null }> {
    const db = await this.#use();
    const files: Record<string, Uint8Array> = {};
    for (const id of version.artifactIds) {
      const info = await store.getArtifactInfo(db, id);
      if (info) files[info.name] = await store.loadArtifact(db, id);
    }
    const run = await store.getRun(db, version.runId);
    return { files, dataset: (run && this.datasets.find((d) => d.id === run.datasetId)) ?? null };
  }

  /** Keeps Deploy's latency measurement on a version (audited; the version's weights and metrics stay as they are). */
  async setLatency(model: string, version: number, latency: Json): Promise<void> {
    await store.setLatency(await this.#use(), model, version, latency);
  }

  /** Stops heartbeats and listening and closes the connection. */
  close(): void {
    for (const timer of this.#heartbeats.values()) clearInterval(timer);
    this.#heartbeats.clear();
    this.#stopListening?.();
    this.#stopListening = null;
    if (this.#db) store.closeStudioDB(this.#db);
    this.#db = null;
  }
}
