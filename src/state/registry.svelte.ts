import * as store from '../storage';
import { STUDIO_DB_NAME } from '../storage';
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
import { reproduceRequestOf, type ForgetCheck, type RegistryOptions, type ReproduceRequest, type RunOutcome } from './registryTypes';
import { toUserError, type UserError } from './errors';
import { runTable, type RunTable } from './registryRows';
import { RunSaver } from './runSaver.svelte';

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
  #refreshing: Promise<void> | null = null;
  #again = false;
  #forgotElsewhere = false;
  readonly #options: Required<RegistryOptions>;
  readonly #saver: RunSaver;

  constructor(options: RegistryOptions = {}) {
    this.#options = { name: STUDIO_DB_NAME, channel: 'modelbench', heartbeatMs: 5000, ...options };
    this.#saver = new RunSaver({ use: () => this.#use(), refresh: () => this.refresh(), runs: () => this.runs, fail: (e) => (this.error = e), heartbeatMs: this.#options.heartbeatMs });
  }

  /** Results kept in memory because storage was full; `retrySave(runId)` writes them. */
  get unsaved() {
    return this.#saver.unsaved;
  }

  /** The database and change channel a worker opens to work on this same registry. */
  get connection(): { name: string; channel: string } {
    return { name: this.#options.name, channel: this.#options.channel };
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
   * a fresh UUID; the Train stage may pass its own run id so both name the run alike, and its label as `name`.
   */
  startRun(input: { id?: string; name?: string; datasetId: string; recipe: Json; spec: Json; seed: number; backend: string }): Promise<string> {
    return this.#saver.start(input);
  }

  /**
   * Saves the outcome and artifacts of run `runId` in one transaction. Returns false when storage
   * was full: then nothing was written, the result waits in `unsaved` and `error` says what to free.
   */
  finishRun(runId: string, outcome: RunOutcome, artifacts: ArtifactInput[] = []): Promise<boolean> {
    return this.#saver.finish(runId, outcome, artifacts);
  }

  /** Tries again to save a result that did not fit. */
  retrySave(runId: string): Promise<boolean> {
    return this.#saver.retry(runId);
  }

  /** Registers completed run `runId` as the next version of `modelName`. */
  async register(runId: string, modelName: string, options: { tags?: Record<string, string>; notes?: string } = {}): Promise<{ name: string; version: number }> {
    const v = await store.registerVersion(await this.#use(), runId, modelName, options);
    await this.refresh();
    return { name: v.model, version: v.version };
  }

  versions = async (model: string): Promise<VersionRecord[]> => store.listVersions(await this.#use(), model);
  audit = async (model: string): Promise<AuditRecord[]> => store.auditLog(await this.#use(), { subject: model });
  aliasAt = async (model: string, alias: string, date: number): Promise<number | null> => store.aliasAt(await this.#use(), model, alias, date);

  /** Points `alias` of `model` at `version` (audited). */
  async promote(model: string, version: number, alias: string): Promise<void> {
    await store.setAlias(await this.#use(), model, alias, version);
    await this.refresh();
  }

  async demote(model: string, alias: string): Promise<void> {
    await store.removeAlias(await this.#use(), model, alias);
    await this.refresh();
  }

  setTag = async (model: string, version: number, key: string, value: string) => store.setTag(await this.#use(), model, version, key, value);
  removeTag = async (model: string, version: number, key: string) => store.removeTag(await this.#use(), model, version, key);
  setNotes = async (model: string, version: number, notes: string) => store.setNotes(await this.#use(), model, version, notes);
  plan = async (kind: DeletableKind, id: string): Promise<DeletionPlan> => store.deletionPlan(await this.#use(), kind, id);

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
    this.#saver.stop(true);
    const db = await this.#use();
    this.#db = null;
    await store.forgetEverything(db);
    const check = await forgetOrigin();
    this.runs = [];
    this.models = [];
    this.datasets = [];
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
    this.reproduceRequest = reproduceRequestOf(version, await store.getRun(await this.#use(), version.runId));
  }

  /** The connection, for state that keeps its own records in the studio database (projects). */
  database(): Promise<StudioDb> {
    return this.#use();
  }

  /** Every version of every model, newest model first as `models` lists them. */
  async allVersions(): Promise<VersionRecord[]> {
    const db = await this.#use();
    const lists = await Promise.all(this.models.map((m) => store.listVersions(db, m.name)));
    return lists.flat();
  }

  /** A version's stored files by artifact name (recipe, meta, weights) and its training dataset's record, for Deploy. */
  async versionFiles(version: VersionRecord): Promise<{ files: Record<string, Uint8Array>; dataset: DatasetRecord | null }> {
    return store.versionFiles(await this.#use(), version);
  }

  /** Keeps Deploy's latency measurement on a version (audited; the version's weights and metrics stay as they are). */
  setLatency = async (model: string, version: number, latency: Json) => store.setLatency(await this.#use(), model, version, latency);

  /** Stops heartbeats and listening and closes the connection. */
  close(): void {
    this.#saver.stop();
    this.#stopListening?.();
    this.#stopListening = null;
    if (this.#db) store.closeStudioDB(this.#db);
    this.#db = null;
  }
}
