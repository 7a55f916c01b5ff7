/**
 * One watched try of a train-worker call: the watchdog (kicked by every callback), Cancel, crashes
 * and a lost GPU turned into a result the bridge's recovery loop acts on.
 */
import type { Remote } from 'comlink';
import type { BackendName, Checkpoint, EpochLog, ProbeResult } from '../core/models';
import { startWatchdog, type StallLimit } from '../core/models/catalog';
import type { TrainStatus } from '../core/training';
import type { TrainWorkerApi } from '../../workers/train';
import type { TrainCallOptions } from './trainOptions';
import type { Live, WorkerBridge } from './WorkerBridge';

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

/**
 * One try in the bridge's worker, watched for silence: the bridge handles Cancel, crashes and
 * callback ports; a stall or a lost GPU stops the worker and becomes a result for the recovery loop.
 */
export function watchedAttempt<T>(bridge: WorkerBridge<TrainWorkerApi>, opts: TrainCallOptions, progress: Progress, limit: StallLimit, call: (api: Api, cb: Callbacks) => Promise<T>): Promise<Attempt<T>> {
  return new Promise<Attempt<T>>((resolve, reject) => {
    let settled = false;
    const finish = () => {
      settled = true;
      watchdog.stop();
    };
    const fail = (cause: 'stall' | 'device-lost', detail: string, limitMs?: number) => {
      if (settled) return;
      finish();
      bridge.stop();
      resolve({ ok: false, cause, detail, ...(limitMs !== undefined ? { limitMs } : {}) });
    };
    const watchdog = startWatchdog(limit, (silent, limitMs) => fail('stall', `no progress for ${silent} ms`, limitMs));
    const job = (api: Api, live: Live) => {
      const kicked: Live = (f) => live((...a) => (watchdog.kick(), f(...a)));
      const cb: Callbacks = {
        live: kicked,
        beat: kicked(() => undefined),
        status: kicked((s: TrainStatus) => {
          if (s.backend) progress.backend = s.backend;
          if (s.probe) progress.probe = s.probe;
          if (s.phase !== 'probe') progress.started = true;
          opts.onStatus?.(s);
        }),
        epoch: (onEpoch) => kicked((e: EpochLog) => {
          progress.epochs = e.epoch;
          onEpoch?.(e);
        }),
        checkpoint: kicked((c: Checkpoint) => {
          progress.checkpoint = c;
        }),
      };
      return call(api, cb);
    };
    bridge.call(job, opts.signal).then(
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
  live: Live;
  beat: () => void;
  status: (s: TrainStatus) => void;
  epoch: (onEpoch?: (e: EpochLog) => void) => (e: EpochLog) => void;
  checkpoint: (c: Checkpoint) => void;
}
