import { latencyGate, PREDICTIONS_EXTENSIONS, PREDICTIONS_MIME, type PredictionsFormat, type BundleInput, type DriftReport, type GateResult, type LatencyReport, type SchemaCheck } from '../core/deploy';
import type { BackendName } from '../core/models';
import type { Report } from '../core/profile';
import type { FittedRecipe, SplitSpec } from '../core/recipe';
import { isNumeric, type Column, type Table } from '../core/table';
import { ScoreBridge, type ScorerSpec } from '../bridge/ScoreBridge';
import type { SessionRun } from './train.svelte';
import type { Registry } from './registry.svelte';
import type { Json, VersionRecord } from '../storage';
import type { UserError } from './errors';
import { JobSlot } from './jobSlot';
import { recordEvidence } from './projectEvidence';
import { versionSource, type ModelSource } from './modelSource';

export { modelWords, registryTrainedOn, sessionSource, versionSource, type ModelSource } from './modelSource';

/** The first `n` rows of a table (fresh arrays, small enough to post). */
export function headTable(table: Table, n: number): Table {
  const rows = Math.min(n, table.rowCount);
  const columns = table.columns.map((c): Column => (isNumeric(c) ? { ...c, values: c.values.slice(0, rows) } : { ...c, codes: c.codes.slice(0, rows) }));
  return { name: table.name, rowCount: rows, columns };
}

export const scorerSpec = (m: ModelSource): ScorerSpec => ({ id: m.id, input: { name: m.name, version: m.version, fitted: m.fitted, model: m.model } });

/** Saves bytes as a file through a Blob URL (nothing leaves the machine). */
export function download(bytes: Uint8Array | string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The latency measured for one model, with the gate applied at the time. */
export interface LatencyResult {
  reports: LatencyReport[];
  notes: string[];
  gate: GateResult;
}

export interface ScoreFileInfo {
  name: string;
  rows: number;
  columns: number;
  schema: SchemaCheck;
  drift: DriftReport | null;
}

export interface ScoreOutcome {
  bytes: Uint8Array;
  fileName: string;
  format: PredictionsFormat;
  scored: number;
  refused: number;
  rows: number;
  ms: number;
  preview: { columns: string[]; rows: string[][] };
}

export const ALL_BACKENDS: BackendName[] = ['wasm', 'cpu', 'webgl'];

/**
 * The Deploy stage: the chosen model, its latency gate, the bundle export, batch scoring with the
 * schema check and drift. Heavy work runs in the score worker (ScoreBridge).
 */
export class DeployState {
  /** Registered versions to offer besides this session's runs (filled by `loadRegistered`). */
  registered = $state.raw<ModelSource[]>([]);
  selectedId = $state<string | null>(null);
  p95Ms = $state(10);
  backends = $state<BackendName[]>([...ALL_BACKENDS]);
  latency = $state.raw<Record<string, LatencyResult>>({});
  busy = $state<null | 'latency' | 'export' | 'open' | 'score'>(null);
  progress = $state.raw<{ done: number; total: number } | null>(null);
  error = $state<UserError | null>(null);
  notice = $state<string | null>(null);
  /** The file opened for scoring; it lives in the worker of `fileModel`. */
  file = $state.raw<ScoreFileInfo | null>(null);
  fileModel = $state<string | null>(null);
  outcome = $state.raw<ScoreOutcome | null>(null);
  format = $state<PredictionsFormat>('csv');
  neutralise = $state(true);
  /** Versions that could not be offered, with the reason (e.g. a run saved without files). */
  unavailable = $state.raw<string[]>([]);
  readonly bridge = new ScoreBridge();
  #registry: Registry | null = null;
  /** Sources already built, by version id: a version never changes, so its files are read once. */
  #versionCache = new Map<string, ModelSource>();
  #loading: Promise<void> | null = null;
  #loadAgain = false;
  #jobs = new JobSlot<NonNullable<DeployState['busy']>>(this, () => (this.progress = null));

  /** The gate re-applied to the stored reports when the target changes. */
  gate(model: ModelSource): GateResult | null {
    const result = this.latency[model.id];
    return result ? latencyGate(result.reports, { p95Ms: this.p95Ms }) : null;
  }

  cancel() {
    this.#jobs.cancel();
  }


  /**
   * Offers every registered version (its recipe, model files and training-data record read from
   * IndexedDB), so a model registered last week deploys without retraining. Versions saved without
   * files are listed in `unavailable` instead.
   */
  loadRegistered(registry: Registry): Promise<void> {
    this.#registry = registry;
    if (this.#loading) {
      this.#loadAgain = true;
      return this.#loading;
    }
    this.#loading = (async () => {
      do {
        this.#loadAgain = false;
        const sources: ModelSource[] = [];
        const missing: string[] = [];
        for (const v of await registry.allVersions()) {
          try {
            sources.push(await this.#versionSource(registry, v));
          } catch (error) {
            missing.push((error as Error).message);
          }
        }
        this.registered = sources;
        this.unavailable = missing;
      } while (this.#loadAgain);
    })().finally(() => (this.#loading = null));
    return this.#loading;
  }

  async #versionSource(registry: Registry, v: VersionRecord): Promise<ModelSource> {
    const cached = this.#versionCache.get(v.id);
    if (cached) return cached;
    const { files, dataset } = await registry.versionFiles(v);
    const source = { ...versionSource(v, files, dataset), runId: v.runId };
    this.#versionCache.set(v.id, source);
    return source;
  }

  /** Keeps a latency check on the registered version(s) it concerns: the chosen version, or those registered from the chosen run. */
  async #recordLatency(model: ModelSource, result: LatencyResult) {
    const registry = this.#registry;
    if (!registry) return;
    const summary: Json = {
      measuredAt: new Date().toISOString(),
      targetP95Ms: this.p95Ms,
      pass: result.gate.pass,
      recommendation: result.gate.recommendation?.path ?? null,
      paths: result.reports.map((r) => ({ path: r.path, p50Us: r.single.p50Us, p95Us: r.single.p95Us, p99Us: r.single.p99Us, rowsPerSecond: r.batch.rowsPerSecond })),
    };
    const targets = model.id.startsWith('version:')
      ? [{ model: model.name, version: Number(model.version) }]
      : this.registered.filter((s) => s.runId && `run:${s.runId}` === model.id).map((s) => ({ model: s.name, version: Number(s.version) }));
    try {
      for (const t of targets) await registry.setLatency(t.model, t.version, summary);
      if (targets.length) this.notice = `Latency kept on ${targets.map((t) => `${t.model} v${t.version}`).join(', ')}.`;
    } catch (error) {
      this.notice = `The latency check could not be kept on the registered version: ${(error as Error).message}`;
    }
  }

  /** scorer.mjs and each chosen TF.js backend, on up to 1,000 rows of the training data. */
  async checkLatency(model: ModelSource, training: Table) {
    const sample = headTable(training, 1000);
    const backends = model.model.kind === 'tf' ? [...this.backends] : [];
    await this.#jobs.run('latency', 'The latency check', async (signal) => {
      const out = await this.bridge.run([scorerSpec(model)], (api) => api.latency(0, { ...scorerSpec(model).input }, sample, { calls: 1000, warmup: 200, backends }), signal);
      const result = { ...out, gate: latencyGate(out.reports, { p95Ms: this.p95Ms }) };
      this.latency = { ...this.latency, [model.id]: result };
      await this.#recordLatency(model, result);
    });
  }

  /** The bundle input, with the latency (and the gate's verdict in each path name) for the card. */
  bundleInput(model: ModelSource): BundleInput {
    const gate = this.gate(model);
    const reports = this.latency[model.id]?.reports ?? [];
    const latency = reports.map((r) => {
      const pass = gate?.paths.find((p) => p.path === r.path)?.pass;
      return { ...r, path: `${r.path} (${pass ? 'meets' : 'FAILS'} the p95 ≤ ${this.p95Ms} ms target)` };
    });
    return {
      name: model.name,
      version: model.version,
      fitted: model.fitted,
      model: model.model,
      ...(model.metrics ? { metrics: model.metrics } : {}),
      ...(model.baselineMetrics ? { baselineMetrics: model.baselineMetrics } : {}),
      ...(model.slices ? { slices: model.slices } : {}),
      ...(model.explanation ? { explanation: model.explanation } : {}),
      data: { name: model.dataName, rows: model.trainingRows, fingerprint: model.trainingFingerprint },
      ...(model.training.split ? { split: model.training.split.spec } : {}),
      ...(model.profile ? { drift: model.profile } : {}),
      ...(latency.length ? { latency } : {}),
    };
  }

  async exportBundle(model: ModelSource) {
    const input = this.bundleInput(model);
    const zip = await this.#jobs.run('export', 'The bundle export', (signal) => this.bridge.run([scorerSpec(model)], (api) => api.bundle(input), signal));
    if (!zip) return;
    download(zip, `${model.name}-v${model.version}.zip`, 'application/zip');
    recordEvidence({ kind: 'bundle-exported', at: Date.now(), model: model.name, version: String(model.version), fileName: `${model.name}-v${model.version}.zip` });
    const gate = this.gate(model);
    this.notice = `Saved ${model.name}-v${model.version}.zip (${(zip.length / 1024).toFixed(0)} KB).${gate && !gate.pass ? ` No scoring path met the p95 ≤ ${this.p95Ms} ms target; the model card says so.` : ''}`;
  }

  /** Reads a file to score and checks it against the model (schema, unseen categories, drift). */
  async openFile(model: ModelSource, file: File) {
    this.outcome = null;
    this.file = null;
    const info = await this.#jobs.run('open', `Reading ${file.name}`, (signal) => this.bridge.run([scorerSpec(model)], (api) => api.open(file, model.fitted, model.profile ?? null), signal));
    if (info) {
      this.file = info;
      this.fileModel = model.id;
    }
  }

  async score(model: ModelSource) {
    if (this.fileModel !== model.id) {
      this.error = { title: 'Open the file again', message: 'The file was checked against another model; choose it again so it is checked against this one.' };
      return;
    }
    const format = this.format;
    const out = await this.#jobs.run('score', 'Scoring', (signal) =>
      this.bridge.run([scorerSpec(model)], (api, live) => api.score(0, model.fitted, format, this.neutralise, live((done: number, total: number) => (this.progress = { done, total }))), signal),
    );
    if (!out || !this.file) return;
    this.outcome = { ...out, format, fileName: `${this.file.name.replace(/\.[^.]+$/, '')}-predictions.${PREDICTIONS_EXTENSIONS[format]}` };
  }

  downloadPredictions() {
    const o = this.outcome;
    if (o) download(o.bytes, o.fileName, PREDICTIONS_MIME[o.format]);
  }
}

const states = new WeakMap<object, DeployState>();

/** The Deploy state of a studio, kept across visits to the stage (until the Studio holds it itself). */
export function deployStateOf(studio: object): DeployState {
  let state = states.get(studio);
  if (!state) states.set(studio, (state = new DeployState()));
  return state;
}
