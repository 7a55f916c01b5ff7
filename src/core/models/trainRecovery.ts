/**
 * What to do when a training run hangs or loses its GPU: which backend to go on with, from which
 * epoch, and the sentence that tells people. Pure; the bridge acts on it (terminate, new worker,
 * continue from the last checkpoint or rerun).
 */
import type { BackendName } from './backend';
import { BACKEND_LABELS, nextBackend, type ProbeResult } from './backendProbe';
import { formatCount } from '../format';

/** A backend switch after a hang or a lost GPU. */
export interface Recovery {
  from: BackendName;
  /** The backend the run continues on, or `auto` when the failure came while measuring (measured again without `from`). */
  to: BackendName | 'auto';
  cause: 'stall' | 'device-lost';
  /** Epochs that had finished on `from`. */
  finishedEpochs: number;
  /** The first epoch trained on `to`: the checkpointed epoch + 1, or 1 when there was no checkpoint. */
  resumeEpoch: number;
  message: string;
}

export interface FailedAttempt {
  cause: 'stall' | 'device-lost';
  /** For a lost device: what the worker reported ("The WebGL context was lost."). */
  detail: string;
  /** The backend in use (or being measured) when it failed; null when none was known yet. */
  backend: BackendName | null;
  /** True once a backend had been chosen and training on it had begun. */
  started: boolean;
  finishedEpochs: number;
  /** The latest checkpoint taken on `backend` (its epoch, and whether training had ended there), if any. */
  checkpoint?: { epoch: number; done: boolean } | null;
}

export interface RecoveryContext {
  /** What the caller asked for: `auto` lets a failure during measuring measure again. */
  requested: 'auto' | BackendName;
  probe: ProbeResult | null;
  /** Backends that failed before this one, in order. */
  failed: readonly BackendName[];
  /** The watchdog's limit, in ms, for the message. */
  stallMs: number;
  allowFallback?: boolean;
  /** Rows of the table being trained on, for the message. */
  rows?: number;
  /**
   * False when the work does not run on a TF.js backend (trees train in plain JavaScript): another
   * backend cannot help a stall there, so the run stops at once instead of starting over. Default true.
   */
  backendMatters?: boolean;
}

/** Thrown when no backend is left; the message says what happened and what to do. */
export class TrainingStoppedError extends Error {
  override name = 'TrainingStoppedError';
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : ms < 90_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} minutes`);

/**
 * What to do after a stall that no backend switch can fix. A reload cannot help either: a run this
 * long without a sign of life has most likely run out of memory or of processor time.
 */
const STUCK_ADVICE = 'The training worker may have run out of memory, or other programs may be taking the processor; try a smaller sample or fewer features, or close other busy tabs and programs, then train again.';

/**
 * The next step after `attempt` failed: a `Recovery` to act on, or a `TrainingStoppedError` when
 * no backend is left (or the failing one is unknown, so nothing can be ruled out).
 */
export function planRecovery(attempt: FailedAttempt, ctx: RecoveryContext): Recovery | TrainingStoppedError {
  const from = attempt.backend;
  const failed = from ? [...ctx.failed, from] : [...ctx.failed];
  const rows = ctx.rows ? ` on ${formatCount(ctx.rows)} rows` : '';
  const what = attempt.cause === 'stall'
    ? `${from ? BACKEND_LABELS[from] : 'Training'} made no progress for ${duration(ctx.stallMs)}`
    : attempt.detail.replace(/\.$/, '');
  // A lost GPU can come back after a reload; a stall is about memory or processor time.
  const advice = attempt.cause === 'stall' ? STUCK_ADVICE : 'Reload the page and try again.';
  if (attempt.cause === 'stall' && ctx.backendMatters === false) {
    return new TrainingStoppedError(`Training stopped: it made no progress for ${duration(ctx.stallMs)}${rows}. ${STUCK_ADVICE}`);
  }
  const measuring = !attempt.started && ctx.requested === 'auto';
  const to = measuring ? 'auto' : nextBackend(ctx.probe, failed, { allowFallback: ctx.allowFallback ?? false });
  if (!from) {
    return new TrainingStoppedError(`Training stopped: ${what}${attempt.cause === 'stall' ? rows : ''} before a backend was chosen (while preparing the data). ${advice}`);
  }
  if (to === null) {
    const tried = failed.map((b) => BACKEND_LABELS[b]).join(', ') || 'none';
    return new TrainingStoppedError(`Training stopped: ${what}${attempt.cause === 'stall' ? rows : ''}, and no other backend is left to try (tried ${tried}). ${advice}`);
  }
  const ckpt = to === 'auto' ? null : (attempt.checkpoint ?? null);
  const after = attempt.finishedEpochs ? ` after epoch ${attempt.finishedEpochs}` : '';
  const message = to === 'auto'
    ? `${what} while measuring — measuring again without ${BACKEND_LABELS[from]}`
    : !ckpt
      ? `${what}${after} — restarting on ${BACKEND_LABELS[to]} from epoch 1`
      : ckpt.done
        ? `${what}${after} — continuing on ${BACKEND_LABELS[to]} with the trained weights (all ${ckpt.epoch} epochs kept)`
        : `${what}${after} — continuing on ${BACKEND_LABELS[to]} from epoch ${ckpt.epoch + 1}`;
  return { from, to, cause: attempt.cause, finishedEpochs: attempt.finishedEpochs, resumeEpoch: ckpt ? ckpt.epoch + 1 : 1, message };
}
