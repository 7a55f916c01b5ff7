/**
 * A stall detector for training: whoever watches a training run kicks it on every sign of life
 * (a batch, an epoch, a phase change); when `timeoutMs` passes without one, `onStall` runs once.
 * A hung TF.js call cannot report its own hang, so the watcher lives outside it (in the bridge).
 */

/** Default silence, in milliseconds, after which a training run counts as stalled. */
export const DEFAULT_STALL_MS = 20_000;

export interface TrainWatchdog {
  /** Records a sign of life and restarts the countdown (ignored after it fired or stopped). */
  kick(): void;
  /** Stops watching; `onStall` will not run. */
  stop(): void;
  /** True once `onStall` has run. */
  readonly fired: boolean;
}

/** Starts counting at once. `onStall` receives the silence it saw, in milliseconds. */
export function startWatchdog(timeoutMs: number, onStall: (silentMs: number) => void): TrainWatchdog {
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let fired = false;
  let stopped = false;
  const arm = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (stopped) return;
      fired = true;
      onStall(Date.now() - last);
    }, timeoutMs);
  };
  arm();
  return {
    kick() {
      if (fired || stopped) return;
      last = Date.now();
      arm();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    get fired() {
      return fired;
    },
  };
}
