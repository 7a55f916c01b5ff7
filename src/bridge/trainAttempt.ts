/**
 * One watched try of a train-worker call: the watchdog (kicked by every callback), Cancel, crashes
 * and a lost GPU turned into a result the bridge's recovery loop acts on.
 */
import { proxy, releaseProxy, type Remote } from 'comlink';
import type { BackendName, Checkpoint, EpochLog, ProbeResult } from '../core/models';
import { startWatchdog, type StallLimit } from '../core/models/catalog';
import type { TrainStatus, TrainWorkerApi } from '../../workers/train';
import type { TrainCallOptions } from './trainOptions';

export type Api = Remote<TrainWorkerApi>;
/** How one try ended: a value, or a stall or lost GPU for the recovery loop (with the silence limit it applied). */
export type Attempt<T> = { ok: true; value: T } | { ok: false; cause: 'stall' | 'device-lost'; detail: string; limitMs?: number };

/** What one attempt learns as it goes: the backend in use, the probe, finished epochs. */
export interface Progress {
  backend: BackendName | null;
  probe: ProbeResult | null;
  epochs: number;
  /** True once a backend was chosen and work on it began (a failure before that was in the probe). */
  started: boolean;
  /** The latest training checkpoint this attempt sent (only GPU backends send them). */
  checkpoint: Checkpoint | null;
}

const abortError = () => new DOMException('Training was cancelled.', 'AbortError');

/** What an attempt needs from the bridge that owns the worker. */
export interface AttemptHost {
  ensure(): Api;
  /** Terminates the worker. */
  stop(): void;
  /** Where a worker crash is reported while this attempt runs (null when it ends). */
  onCrash(f: ((e: Error) => void) | null): void;
}

/** One try in the host's current worker, watched for silence, aborts and crashes. */
export function watchedAttempt<T>(host: AttemptHost, opts: TrainCallOptions, progress: Progress, limit: StallLimit, call: (api: Api, cb: Callbacks) => Promise<T>): Promise<Attempt<T>> {
  const { signal } = opts;
  if (signal?.aborted) return Promise.reject(abortError());
  return new Promise<Attempt<T>>((resolve, reject) => {
    let settled = false;
    const proxies: { [releaseProxy]?: () => void }[] = [];
    const finish = () => {
      settled = true;
      watchdog.stop();
      signal?.removeEventListener('abort', onAbort);
      host.onCrash(null);
      // Callbacks can trail the result on their own ports; closing them drops late ones.
      for (const p of proxies) p[releaseProxy]?.();
    };
    const fail = (cause: 'stall' | 'device-lost', detail: string, limitMs?: number) => {
      if (settled) return;
      finish();
      host.stop();
      resolve({ ok: false, cause, detail, ...(limitMs !== undefined ? { limitMs } : {}) });
    };
    const watchdog = startWatchdog(limit, (silent, limitMs) => fail('stall', `no progress for ${silent} ms`, limitMs));
    const onAbort = () => {
      if (settled) return;
      finish();
      host.stop();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort);
    host.onCrash((error) => {
      if (settled) return;
      finish();
      reject(error);
    });
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
      api = host.ensure();
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

/** The proxied callbacks one attempt hands the worker; each call also feeds the watchdog. */
export interface Callbacks {
  live: <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => void;
  beat: () => void;
  status: (s: TrainStatus) => void;
  epoch: (onEpoch?: (e: EpochLog) => void) => (e: EpochLog) => void;
  checkpoint: (c: Checkpoint) => void;
}
