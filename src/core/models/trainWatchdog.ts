/**
 * A stall detector for training: whoever watches a training run kicks it on every sign of life
 * (a batch, an epoch, a phase change); when the limit passes without one, `onStall` runs once.
 * A hung TF.js call cannot report its own hang, so the watcher lives outside it (in the bridge).
 *
 * Slow is told from stuck by scaling the limit with the work. Preparing and evaluating run as long
 * synchronous loops over the rows, which send no sign of life while they run, so the limit grows
 * with the rows; and once signs of life arrive, a run whose steps are slow (a busy machine, one huge
 * batch) gets several times its longest gap before it counts as stuck.
 */

/** Silence, in milliseconds, after which a small training run counts as stalled. */
export const DEFAULT_STALL_MS = 20_000;

/**
 * Extra silence allowed per row of the table. Preparing 3 million rows took about 3 s on an idle
 * 2-core machine; this allows some 40 times that (2 minutes more) for a machine busy with other work.
 */
export const STALL_MS_PER_ROW = 0.04;

/** A run is stuck only after this many times the longest gap it has shown between signs of life. */
export const STALL_GAP_FACTOR = 5;

export interface StallLimit {
  /** Silence allowed before any gap was seen (the base plus the per-row allowance). */
  baseMs: number;
  /** Multiplies the longest gap between signs of life; the limit is the larger of the two. */
  gapFactor?: number;
}

/** The base silence allowed for a run over `rows` rows. */
export function stallBaseMs(rows: number, baseMs = DEFAULT_STALL_MS, perRowMs = STALL_MS_PER_ROW): number {
  return Math.round(baseMs + Math.max(0, rows) * perRowMs);
}

export interface TrainWatchdog {
  /** Records a sign of life and restarts the countdown (ignored after it fired or stopped). */
  kick(): void;
  /** Stops watching; `onStall` will not run. */
  stop(): void;
  /** True once `onStall` has run. */
  readonly fired: boolean;
}

/**
 * Starts counting at once. `limit` is a fixed silence in ms, or a base that grows with the longest
 * gap between kicks. `onStall` receives the silence it saw and the limit it applied, in ms.
 */
export function startWatchdog(limit: number | StallLimit, onStall: (silentMs: number, limitMs: number) => void): TrainWatchdog {
  const { baseMs, gapFactor = 0 } = typeof limit === 'number' ? { baseMs: limit } : limit;
  let last = Date.now();
  let longestGap = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let fired = false;
  let stopped = false;
  const limitMs = () => Math.max(baseMs, Math.round(gapFactor * longestGap));
  const arm = () => {
    if (timer !== null) clearTimeout(timer);
    const ms = limitMs();
    timer = setTimeout(() => {
      timer = null;
      if (stopped) return;
      fired = true;
      onStall(Date.now() - last, ms);
    }, ms);
  };
  arm();
  return {
    kick() {
      if (fired || stopped) return;
      const now = Date.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
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
