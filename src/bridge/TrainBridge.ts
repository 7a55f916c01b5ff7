import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { BackendName } from '../core/models';
import type { ProbeResult } from '../core/models';
import { planRecovery, type Recovery } from '../core/models/catalog';
import { DEFAULT_STALL_MS, startWatchdog } from '../core/models/catalog';
import type { Checkpoint, EpochLog, LeaderboardEntry, ModelSpec, TrainData } from '../core/models';
import type { Recipe } from '../core/recipe';
import type { Table } from '../core/table/types';
import type { TrainStatus, TrainWorkerApi } from '../../workers/train';
import { copyTable } from './copyTable';
import type { SearchOptions, SearchRun, TrainBridgeOptions, TrainCallOptions, TrainOptions, TrainRun, TrainWorker } from './trainOptions';

export type { TrainStatus, TrainOutput, ModelArtifacts } from '../../workers/train';
export type { Recovery } from '../core/models';
export type { SearchOptions, SearchRun, TrainBridgeOptions, TrainCallOptions, TrainOptions, TrainRun, TrainWorker } from './trainOptions';

type Api = Remote<TrainWorkerApi>;
type Attempt<T> = { ok: true; value: T } | { ok: false; cause: 'stall' | 'device-lost'; detail: string };
/** What one attempt learns as it goes: the backend in use, the probe, finished epochs. */
interface Progress {
  backend: BackendName | null;
  probe: ProbeResult | null;
  epochs: number;
  /** True once a backend was chosen and work on it began (a failure before that was in the probe). */
  started: boolean;
  /** The latest training checkpoint this attempt sent (only GPU backends send them). */
  checkpoint: Checkpoint | null;
}

const defaultWorker = (): TrainWorker => new Worker(new URL('../../workers/train.ts', import.meta.url), { type: 'module' });
const abortError = () => new DOMException('Training was cancelled.', 'AbortError');

/**
 * Owns the train worker: one call at a time (queued), Cancel by terminating the worker (a fresh one
 * starts lazily), crashes turned into rejections. A watchdog watches every call: when a run goes
 * silent for `stallMs`, or the worker reports a lost GPU, the bridge terminates the worker and runs
 * the call again in a new one on the next backend (by measured speed, then WASM, then CPU). While
 * training on a GPU the worker sends a checkpoint after every finished epoch; the bridge keeps the
 * latest, and a training run continues from it (epoch k + 1) on the next backend. Without one
 * (a failure in the first epoch, or a search) the rerun starts from epoch 1.
 */
export class TrainBridge {
  private worker: TrainWorker | null = null;
  private api: Api | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stallMs: number;
  private readonly createWorker: () => TrainWorker;
  private crash: ((e: Error) => void) | null = null;
  private paused = false;
  /** Shared with the worker when the page is cross-origin isolated, so a pause lands before the next batch. */
  private readonly pauseFlag = typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : undefined;

  constructor(options: TrainBridgeOptions = {}) {
    this.stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    this.createWorker = options.createWorker ?? defaultWorker;
  }

  /** Measures the backends on `spec` over a sample of the table's training rows (or synthetic rows). */
  probe(spec: ModelSpec, sample?: { table: Table; recipe: Recipe } | TrainData, opts: TrainCallOptions = {}): Promise<ProbeResult> {
    return this.enqueue(async () => {
      const { value } = await this.withRecovery(opts, 'auto', async (api, { exclude }, cb) => {
        const sent = sample && 'table' in sample ? { table: await this.send(sample.table, opts.signal), recipe: sample.recipe } : sample;
        return api.probeBackends(spec, sent, { exclude, allowFallback: opts.allowFallback ?? false }, cb.status, cb.beat);
      });
      return value;
    });
  }

  /** Trains `spec` on `table` with `recipe`: metrics, evaluation, history and the model files. */
  train(table: Table, recipe: Recipe, spec: ModelSpec, opts: TrainOptions = {}): Promise<TrainRun> {
    return this.enqueue(async () => {
      const { value, recoveries, probe } = await this.withRecovery(opts, opts.backend ?? 'auto', async (api, { exclude, backend, resume }, cb) => {
        const copy = await this.send(table, opts.signal);
        return api.train(copy, recipe, spec, {
          backend,
          exclude,
          allowFallback: opts.allowFallback ?? false,
          ...(opts.crossValidate !== undefined ? { crossValidate: opts.crossValidate } : {}),
          ...(this.pauseFlag ? { pauseFlag: this.pauseFlag } : {}),
          // Copied, not transferred: should this try fail too before its own first checkpoint, the next one needs it again.
          ...(resume ? { resume } : {}),
        }, cb.epoch(opts.onEpoch), cb.status, cb.beat, cb.checkpoint);
      });
      // After a recovery the rerun names its backend, so the measurement comes from the first try.
      return { ...value, probe: value.probe ?? probe, recoveries };
    });
  }

  /** Random search over model kinds; the leaderboard is sorted best first. */
  search(table: Table, recipe: Recipe, opts: SearchOptions = {}): Promise<SearchRun> {
    const { kinds, trials, maxMinutes, metric, seed, onTrial, allowFallback, backend: requested } = opts;
    const rest = { kinds, trials, maxMinutes, metric, seed };
    return this.enqueue(async () => {
      const { value, recoveries, probe } = await this.withRecovery(opts, requested ?? 'auto', async (api, { exclude, backend }, cb) => {
        const copy = await this.send(table, opts.signal);
        const options = { ...rest, backend, exclude, allowFallback: allowFallback ?? false, ...(this.pauseFlag ? { pauseFlag: this.pauseFlag } : {}) };
        return api.search(copy, recipe, options, onTrial ? cb.live(onTrial) : undefined, cb.status, cb.beat);
      });
      return { ...value, probe: value.probe ?? probe, recoveries };
    });
  }

  /** Holds training before the next batch (without cross-origin isolation: at the next epoch end). */
  pause(): void {
    this.paused = true;
    if (this.pauseFlag) Atomics.store(this.pauseFlag, 0, 1);
    void this.api?.pause().catch(() => undefined);
  }

  resume(): void {
    this.paused = false;
    if (this.pauseFlag) Atomics.store(this.pauseFlag, 0, 0);
    void this.api?.resume().catch(() => undefined);
  }

  /** TF.js memory in the worker (answered between epochs while training). */
  memory(): Promise<{ backend: string; numTensors: number; numBytes: number }> {
    return this.ensure().memory();
  }

  /** Test hook: makes the worker lose its GPU (WebGL context or WebGPU device). */
  debugLoseDevice(): Promise<string> {
    return this.ensure().debugLoseDevice();
  }

  /** Test hook: makes the worker throw outside any call, as a crash would; the running call then fails with the crash message. */
  debugCrash(): Promise<void> {
    return this.ensure().debugCrash();
  }

  /** Terminates the worker; the next call starts a new one. */
  dispose(): void {
    this.stop();
  }

  private ensure(): Api {
    if (this.api) return this.api;
    const worker = this.createWorker();
    worker.addEventListener('error', (event) => {
      (event as Event).preventDefault?.();
      if (this.worker !== worker) return;
      this.crash?.(new Error(`The training worker crashed (${((event as ErrorEvent).message || 'no message').replace(/\.$/, '')}). Nothing was saved; try again, or reload the page if it repeats.`));
      this.stop();
    });
    this.worker = worker;
    this.api = wrap<TrainWorkerApi>(worker);
    if (this.paused) void this.api.pause().catch(() => undefined);
    return this.api;
  }

  private stop(): void {
    if (this.api) this.api[releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
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
      const attempt = await this.attempt(opts, progress, (api, cb) => call(api, { exclude: failed, backend, resume: from }, cb));
      probe = progress.probe ?? probe;
      if (attempt.ok) return { value: attempt.value, recoveries, probe };
      resume = progress.checkpoint ?? resume;
      const { cause, detail } = attempt;
      const checkpoint = resume && { epoch: resume.epoch, done: resume.done };
      const plan = planRecovery(
        { cause, detail, backend: progress.backend, started: progress.started, finishedEpochs: Math.max(progress.epochs, resume?.epoch ?? 0), checkpoint },
        { requested, probe, failed, stallMs: this.stallMs, allowFallback: opts.allowFallback ?? false },
      );
      if (plan instanceof Error) throw plan;
      failed.push(plan.from);
      recoveries.push(plan);
      opts.onStatus?.({ phase: progress.started ? 'train' : 'probe', message: plan.message, ...(plan.to !== 'auto' ? { backend: plan.to } : {}) });
      backend = plan.to;
    }
  }

  /** One try in the current worker, watched for silence, aborts and crashes. */
  private attempt<T>(opts: TrainCallOptions, progress: Progress, call: (api: Api, cb: Callbacks) => Promise<T>): Promise<Attempt<T>> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<Attempt<T>>((resolve, reject) => {
      let settled = false;
      const proxies: { [releaseProxy]?: () => void }[] = [];
      const finish = () => {
        settled = true;
        watchdog.stop();
        signal?.removeEventListener('abort', onAbort);
        this.crash = null;
        // Callbacks can trail the result on their own ports; closing them drops late ones.
        for (const p of proxies) p[releaseProxy]?.();
      };
      const fail = (cause: 'stall' | 'device-lost', detail: string) => {
        if (settled) return;
        finish();
        this.stop();
        resolve({ ok: false, cause, detail });
      };
      const watchdog = startWatchdog(this.stallMs, (silent) => fail('stall', `no progress for ${silent} ms`));
      const onAbort = () => {
        if (settled) return;
        finish();
        this.stop();
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort);
      this.crash = (error) => {
        if (settled) return;
        finish();
        reject(error);
      };
      const live = <A extends unknown[]>(f: (...a: A) => void) => {
        const p = proxy((...a: A) => {
          if (settled) return;
          watchdog.kick();
          f(...a);
        });
        proxies.push(p as { [releaseProxy]?: () => void });
        return p;
      };
      const cb: Callbacks = {
        live,
        beat: live(() => undefined),
        status: live((s: TrainStatus) => {
          if (s.backend) progress.backend = s.backend;
          if (s.probe) progress.probe = s.probe;
          if (s.phase !== 'probe') progress.started = true;
          opts.onStatus?.(s);
        }),
        epoch: (onEpoch) => live((e: EpochLog) => {
          progress.epochs = e.epoch;
          onEpoch?.(e);
        }),
        checkpoint: live((c: Checkpoint) => {
          progress.checkpoint = c;
        }),
      };
      let api: Api;
      try {
        api = this.ensure();
      } catch (e) {
        finish();
        reject(e);
        return;
      }
      call(api, cb).then(
        (value) => {
          if (settled) return;
          finish();
          resolve({ ok: true, value });
        },
        (error: unknown) => {
          if (settled) return;
          if (error instanceof Error && error.name === 'DeviceLostError') return fail('device-lost', error.message);
          finish();
          reject(error instanceof Error || error instanceof DOMException ? error : new Error(String(error)));
        },
      );
    });
  }
}

/** The proxied callbacks one attempt hands the worker; each call also feeds the watchdog. */
interface Callbacks {
  live: <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => void;
  beat: () => void;
  status: (s: TrainStatus) => void;
  epoch: (onEpoch?: (e: EpochLog) => void) => (e: EpochLog) => void;
  checkpoint: (c: Checkpoint) => void;
}
