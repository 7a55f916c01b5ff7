import { transfer } from 'comlink';
import type { BackendName } from '../core/models';
import type { ProbeResult } from '../core/models';
import { planRecovery, type Recovery } from '../core/models/catalog';
import { DEFAULT_STALL_MS, STALL_GAP_FACTOR, STALL_MS_PER_ROW, stallBaseMs, type StallLimit } from '../core/models/catalog';
import type { Checkpoint, ModelSpec, TrainData } from '../core/models';
import type { Recipe } from '../core/recipe';
import type { Table } from '../core/table';
import type { TrainWorkerApi } from '../../workers/train';
import { copyTable } from './copyTable';
import { watchedAttempt, type Api, type Attempt, type Callbacks, type Progress } from './trainAttempt';
import { WorkerBridge } from './WorkerBridge';
import type { ProbeMemory, SearchOptions, SearchRun, TrainBridgeOptions, TrainCallOptions, TrainOptions, TrainRun, TrainWorker } from './trainOptions';

export type { TrainStatus, TrainOutput, ModelArtifacts } from '../core/training';
export type { Recovery } from '../core/models';
export type { ProbeMemory, SearchOptions, SearchRun, TrainBridgeOptions, TrainCallOptions, TrainOptions, TrainRun, TrainWorker } from './trainOptions';


/** How many times the usual silence a run on a named GPU backend may keep before it counts as stalled. */
const GPU_STALL_FACTOR = 3;
/** What the watchdog and the recovery plan need to know about the work of a call. */
interface Work {
  /** Rows of the table (or sample) the call works on. */
  rows: number;
  /** False when the work does not run on a TF.js backend (trees), so switching backends cannot help a stall. */
  backendMatters: boolean;
}
const TREE_KINDS: readonly string[] = ['gbdt', 'forest'];

const defaultWorker = (): TrainWorker => new Worker(new URL('../../workers/train.ts', import.meta.url), { type: 'module' });
const crashed = (detail: string) => new Error(`The training worker crashed (${detail.replace(/\.$/, '')}). Nothing was saved; try again, or reload the page if it repeats.`);

/**
 * Owns the train worker: one call at a time (queued), Cancel by terminating the worker (a fresh one
 * starts lazily), crashes turned into rejections. A watchdog watches every call: when a run goes
 * silent past a limit that grows with its rows and its slowest step, or the worker reports a lost GPU, the bridge terminates the worker and runs
 * the call again in a new one on the next backend (by measured speed, then WASM, then CPU). While
 * training on a GPU the worker sends a checkpoint after every finished epoch; the bridge keeps the
 * latest, and a training run continues from it (epoch k + 1) on the next backend. Without one
 * (a failure in the first epoch, or a search) the rerun starts from epoch 1.
 */
export class TrainBridge {
  private readonly bridge: WorkerBridge<TrainWorkerApi>;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stallMs: number;
  private readonly stallMsPerRow: number;
  private readonly stallGapFactor: number;
  private readonly probeMemory: ProbeMemory | null;
  private paused = false;
  /** Shared with the worker when the page is cross-origin isolated, so a pause lands before the next batch. */
  private readonly pauseFlag = typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : undefined;

  constructor(options: TrainBridgeOptions = {}) {
    this.stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    this.stallMsPerRow = options.stallMsPerRow ?? STALL_MS_PER_ROW;
    this.stallGapFactor = options.stallGapFactor ?? STALL_GAP_FACTOR;
    this.probeMemory = options.probeMemory ?? null;
    this.bridge = new WorkerBridge<TrainWorkerApi>({
      create: options.createWorker ?? defaultWorker,
      crashed,
      cancelled: 'Training was cancelled.',
      onStart: (api) => void (this.paused && api.pause().catch(() => undefined)),
    });
  }

  /** Measures the backends on `spec` over a sample of the table's training rows (or synthetic rows). */
  probe(spec: ModelSpec, sample?: { table: Table; recipe: Recipe } | TrainData, opts: TrainCallOptions = {}): Promise<ProbeResult> {
    return this.enqueue(async () => {
      const rows = !sample ? 0 : 'table' in sample ? sample.table.rowCount : sample.n;
      const { value } = await this.withRecovery(opts, 'auto', { rows, backendMatters: true }, async (api, { exclude }, cb) => {
        const sent = sample && 'table' in sample ? { table: await this.send(sample.table, opts.signal), recipe: sample.recipe } : sample;
        return api.probeBackends(spec, sent, { exclude, allowFallback: opts.allowFallback ?? false, ...this.remembered() }, cb.status, cb.beat);
      });
      this.keep(value);
      return value;
    });
  }

  /** Trains `spec` on `table` with `recipe`: metrics, evaluation, history and the model files. */
  train(table: Table, recipe: Recipe, spec: ModelSpec, opts: TrainOptions = {}): Promise<TrainRun> {
    return this.enqueue(async () => {
      const work = { rows: table.rowCount, backendMatters: !TREE_KINDS.includes(spec.kind) };
      const { value, recoveries, probe } = await this.withRecovery(opts, opts.backend ?? 'auto', work, async (api, { exclude, backend, resume }, cb) => {
        const copy = await this.send(table, opts.signal);
        return api.train(copy, recipe, spec, {
          backend,
          exclude,
          allowFallback: opts.allowFallback ?? false,
          ...this.remembered(),
          ...(opts.crossValidate !== undefined ? { crossValidate: opts.crossValidate } : {}),
          ...(this.pauseFlag ? { pauseFlag: this.pauseFlag } : {}),
          // Copied, not transferred: should this try fail too before its own first checkpoint, the next one needs it again.
          ...(resume ? { resume } : {}),
        }, cb.epoch(opts.onEpoch), cb.status, cb.beat, cb.checkpoint);
      });
      // After a recovery the rerun names its backend, so the measurement comes from the first try.
      this.keep(value.probe);
      return { ...value, probe: value.probe ?? probe, recoveries };
    });
  }

  /** Random search over model kinds; the leaderboard is sorted best first. */
  search(table: Table, recipe: Recipe, opts: SearchOptions = {}): Promise<SearchRun> {
    const { kinds, trials, maxMinutes, metric, seed, onTrial, allowFallback, backend: requested } = opts;
    const rest = { kinds, trials, maxMinutes, metric, seed };
    return this.enqueue(async () => {
      const { value, recoveries, probe } = await this.withRecovery(opts, requested ?? 'auto', { rows: table.rowCount, backendMatters: true }, async (api, { exclude, backend }, cb) => {
        const copy = await this.send(table, opts.signal);
        const options = { ...rest, backend, exclude, allowFallback: allowFallback ?? false, ...this.remembered(), ...(this.pauseFlag ? { pauseFlag: this.pauseFlag } : {}) };
        return api.search(copy, recipe, options, onTrial ? cb.live(onTrial) : undefined, cb.status, cb.beat);
      });
      this.keep(value.probe);
      return { ...value, probe: value.probe ?? probe, recoveries };
    });
  }

  /** Holds training before the next batch (without cross-origin isolation: at the next epoch end). */
  pause(): void {
    this.paused = true;
    if (this.pauseFlag) Atomics.store(this.pauseFlag, 0, 1);
    void this.bridge.running?.pause().catch(() => undefined);
  }

  resume(): void {
    this.paused = false;
    if (this.pauseFlag) Atomics.store(this.pauseFlag, 0, 0);
    void this.bridge.running?.resume().catch(() => undefined);
  }

  /** TF.js memory in the worker (answered between epochs while training). */
  memory(): Promise<{ backend: string; numTensors: number; numBytes: number }> {
    return this.bridge.start().memory();
  }

  /** Test hook: makes the worker lose its GPU (WebGL context or WebGPU device). */
  debugLoseDevice(): Promise<string> {
    return this.bridge.start().debugLoseDevice();
  }

  /** Test hook: makes the worker throw outside any call, as a crash would; the running call then fails with the crash message. */
  debugCrash(): Promise<void> {
    return this.bridge.start().debugCrash();
  }

  /** Terminates the worker; the next call starts a new one. */
  dispose(): void {
    this.bridge.stop();
  }

  /** The remembered measurements, as the worker's option. */
  private remembered(): { remembered?: Record<string, ProbeResult> } {
    const remembered = this.probeMemory?.recall();
    return remembered ? { remembered } : {};
  }

  /** Remembers a fresh measurement that may be reused (it has a key, and was not itself recalled). */
  private keep(probe: ProbeResult | null): void {
    if (!probe?.key || probe.remembered || !this.probeMemory) return;
    const { key, remembered: _recalled, ...result } = probe;
    this.probeMemory.remember(key, result);
  }

  private async send(table: Table, signal?: AbortSignal): Promise<Table> {
    const { table: copy, buffers } = await copyTable(table, undefined, signal);
    return transfer(copy, buffers);
  }

  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Runs `call` and, when it hangs or loses its GPU, reruns it in a new worker on the next
   * backend, from the latest checkpoint when there is one. A failure while measuring reruns the
   * measurement without the backend that failed.
   */
  private async withRecovery<T>(
    opts: TrainCallOptions,
    requested: 'auto' | BackendName,
    work: Work,
    call: (api: Api, plan: { exclude: BackendName[]; backend: 'auto' | BackendName; resume: Checkpoint | null }, cb: Callbacks) => Promise<T>,
  ): Promise<{ value: T; recoveries: Recovery[]; probe: ProbeResult | null }> {
    const failed: BackendName[] = [];
    const recoveries: Recovery[] = [];
    let backend = requested;
    let probe: ProbeResult | null = null;
    let resume: Checkpoint | null = null;
    for (;;) {
      const progress: Progress = { backend: backend === 'auto' ? null : backend, probe, epochs: 0, started: false, checkpoint: null };
      const from = resume;
      // A GPU backend compiles its shaders during its first steps and sends no sign of life meanwhile:
      // SwiftShader's took over 20 s at load average 11, and a forced WebGPU run fell back to WASM.
      const gpu = backend === 'webgpu' || backend === 'webgl';
      const limit: StallLimit = { baseMs: stallBaseMs(work.rows, this.stallMs, this.stallMsPerRow) * (gpu ? GPU_STALL_FACTOR : 1), gapFactor: this.stallGapFactor };
      const attempt = await this.attempt(opts, progress, limit, (api, cb) => call(api, { exclude: failed, backend, resume: from }, cb));
      probe = progress.probe ?? probe;
      if (attempt.ok) return { value: attempt.value, recoveries, probe };
      resume = progress.checkpoint ?? resume;
      const { cause, detail } = attempt;
      const checkpoint = resume && { epoch: resume.epoch, done: resume.done };
      const plan = planRecovery(
        { cause, detail, backend: progress.backend, started: progress.started, finishedEpochs: Math.max(progress.epochs, resume?.epoch ?? 0), checkpoint },
        { requested, probe, failed, stallMs: attempt.limitMs ?? limit.baseMs, allowFallback: opts.allowFallback ?? false, rows: work.rows, backendMatters: work.backendMatters },
      );
      if (plan instanceof Error) throw plan;
      failed.push(plan.from);
      recoveries.push(plan);
      opts.onStatus?.({ phase: progress.started ? 'train' : 'probe', message: plan.message, ...(plan.to !== 'auto' ? { backend: plan.to } : {}) });
      backend = plan.to;
    }
  }

  /** One try in the current worker (see `watchedAttempt`). */
  private attempt<T>(opts: TrainCallOptions, progress: Progress, limit: StallLimit, call: (api: Api, cb: Callbacks) => Promise<T>): Promise<Attempt<T>> {
    return watchedAttempt(this.bridge, opts, progress, limit, call);
  }
}
