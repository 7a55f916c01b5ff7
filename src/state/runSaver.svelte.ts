import * as store from '../storage';
import { StorageFullError, type ArtifactInput, type Json, type RunRecord, type StudioDb } from '../storage';
import type { RunOutcome } from './registryTypes';
import type { UserError } from './errors';

/** What the saver needs from the registry that owns it. */
export interface RunSaverHost {
  use(): Promise<StudioDb>;
  refresh(): Promise<void>;
  runs(): readonly RunRecord[];
  fail(error: UserError): void;
  heartbeatMs: number;
}

/**
 * A run's life in the registry: recorded as running and heartbeaten (so a closed tab's runs read as
 * interrupted), then saved whole with its artifacts, or kept in memory when storage is full.
 */
export class RunSaver {
  /** Results kept in memory because storage was full; `retry(runId)` writes them. */
  unsaved = $state.raw<Map<string, { outcome: RunOutcome; artifacts: ArtifactInput[] }>>(new Map());
  #heartbeats = new Map<string, ReturnType<typeof setInterval>>();
  readonly #host: RunSaverHost;

  constructor(host: RunSaverHost) {
    this.#host = host;
  }

  async start(input: { id?: string; name?: string; datasetId: string; recipe: Json; spec: Json; seed: number; backend: string }): Promise<string> {
    const db = await this.#host.use();
    const { id = crypto.randomUUID(), ...fields } = input;
    await store.saveRun(db, { id, ...fields, status: 'running', startedAt: Date.now(), endedAt: null, curves: {}, metrics: {} });
    this.#heartbeats.set(id, setInterval(() => void store.heartbeatRun(db, id).catch(() => undefined), this.#host.heartbeatMs));
    await this.#host.refresh();
    return id;
  }

  async finish(runId: string, outcome: RunOutcome, artifacts: ArtifactInput[]): Promise<boolean> {
    clearInterval(this.#heartbeats.get(runId));
    this.#heartbeats.delete(runId);
    const db = await this.#host.use();
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
      this.#host.fail({ title: 'The trained model was not saved: browser storage is full', message: `${error.message} ${this.#biggest()} The result is kept in this tab; choose "Retry saving" after freeing space.` });
      return false;
    }
    if (this.unsaved.has(runId)) {
      const next = new Map(this.unsaved);
      next.delete(runId);
      this.unsaved = next;
    }
    await this.#host.refresh();
    return true;
  }

  retry(runId: string): Promise<boolean> {
    const pending = this.unsaved.get(runId);
    return pending ? this.finish(runId, pending.outcome, pending.artifacts) : Promise.resolve(true);
  }

  /** Stops every heartbeat; with `forget`, also drops the results waiting for space. */
  stop(forget = false): void {
    for (const timer of this.#heartbeats.values()) clearInterval(timer);
    this.#heartbeats.clear();
    if (forget) this.unsaved = new Map();
  }

  #biggest(): string {
    const withFiles = this.#host.runs().filter((r) => r.artifactIds.length > 0).length;
    return withFiles ? `${withFiles} stored run${withFiles === 1 ? ' keeps' : 's keep'} model files; "Storage and workspace" shows what takes the space.` : '';
  }
}
