/**
 * Where a long command is, for a person watching: one line on stderr, redrawn in place. Only when
 * stderr is a terminal and --quiet is not given; otherwise every call does nothing, so pipes, logs
 * and scripts see the one JSON line on stdout and nothing else.
 */
import { basename } from 'node:path';
import { formatCount, num, plural } from '../core/format';
import { MODELS, maxSteps, stepNoun, type ModelSpec } from '../core/models/catalog';
import type { TrainHooks } from '../core/models';
import type { ReadHooks, ReadProgress } from '../core/table';
import type { ProfileHooks } from '../core/profile';

/** The part of a stream the line needs (process.stderr, or a stand-in in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface Progress {
  /**
   * Starts a stage ("Reading flights.csv"); the time left is measured from here. `atMost`: the
   * stage's total is an upper bound (early stopping can end it sooner), so the time left reads "up to".
   */
  phase(label: string, atMost?: boolean): void;
  /** How far the stage is, in words ("1,200 rows"); with `fraction` (0..1) a percentage and the time left. */
  tick(detail: string, fraction?: number): void;
  /** Erases the line, before anything else is printed and at the end. */
  clear(): void;
}

export interface ProgressOptions {
  quiet?: boolean;
  stream?: ProgressStream;
  /** Milliseconds; tests pass their own clock. */
  now?: () => number;
}

/** Redraws closer together than this are skipped: a terminal cannot show them and they cost time. */
const REDRAW_MS = 100;
/** Before this much of a stage has passed, an estimate of the time left is mostly noise. */
const ETA_AFTER = { fraction: 0.02, ms: 1000 };

const SILENT: Progress = { phase() {}, tick() {}, clear() {} };

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) return SILENT;
  const now = options.now ?? (() => Date.now());
  let label = '';
  let upTo = false;
  let ticked = false;
  let started = now();
  let drawn = -Infinity;
  let shown = false;
  const draw = (line: string) => {
    // A terminal that reports no width (0) gets the usual 80 columns.
    const width = Math.max(20, (stream.columns || 80) - 1);
    const text = line.length > width ? `${line.slice(0, width - 1)}…` : line;
    // Carriage return, the text, then erase what a longer previous line left behind.
    stream.write(`\r${text}\x1b[K`);
    drawn = now();
    shown = true;
  };
  return {
    phase(next, atMost = false) {
      label = next;
      upTo = atMost;
      ticked = false;
      started = now();
      draw(`${label}…`);
    },
    tick(detail, fraction) {
      const t = now();
      // The first figure of a stage always shows; later ones at most every REDRAW_MS.
      if (ticked && t - drawn < REDRAW_MS && fraction !== 1) return;
      ticked = true;
      // The share and the time left come before the details, so a narrow terminal cuts the details.
      const parts = [label];
      if (fraction !== undefined && Number.isFinite(fraction)) {
        const f = Math.min(1, Math.max(0, fraction));
        parts.push(`${Math.floor(f * 100)} %`);
        const elapsed = t - started;
        if (f >= ETA_AFTER.fraction && f < 1 && elapsed >= ETA_AFTER.ms) {
          parts.push(`${upTo ? 'up to' : 'about'} ${duration((elapsed * (1 - f)) / f)} left`);
        }
      }
      parts.push(detail);
      draw(parts.join(' · '));
    },
    clear() {
      if (!shown) return;
      stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** Runs `work`, erasing the line first if it fails, so the error message starts on a clean line. */
export async function clearOnError<T>(progress: Progress, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    progress.clear();
    throw e;
  }
}

/** "45 s", "3 min 20 s", "1 h 5 min". */
function duration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Progress of reading the file at `name` (shown by its base name, so the line fits): rows so far, the share of its bytes, and the time left. */
export function readProgress(progress: Progress, name: string): ReadHooks {
  progress.phase(`Reading ${basename(name)}`);
  // Some formats count their rows only at the end: until then, the bytes read say how far it is.
  const detail = (p: ReadProgress) => (p.rows > 0 ? plural(p.rows, 'row') : `${megabytes(p.bytes)} of ${megabytes(p.totalBytes)}`);
  return { onProgress: (p) => progress.tick(detail(p), p.totalBytes > 0 ? p.bytes / p.totalBytes : undefined) };
}

/** Progress of profiling a table: one step per column, then the cross-column sections. */
export function profileProgress(progress: Progress): ProfileHooks {
  progress.phase('Profiling the columns');
  return { onProgress: (done, total) => progress.tick(`step ${plainCount(done)} of ${plainCount(total)}`, total > 0 ? done / total : undefined) };
}

/** Hooks that show each epoch or round of `spec` with its validation loss, and the phases after training. */
export function trainProgress(progress: Progress, spec: ModelSpec): Pick<TrainHooks, 'onEpoch' | 'onPhase'> {
  const total = maxSteps(spec);
  const noun = stepNoun(spec.kind);
  let training = false;
  return {
    onEpoch: (e) => {
      // The stage starts with the first step: preparing the data comes before it.
      if (!training) progress.phase(`Training ${MODELS[spec.kind].label}`, true);
      training = true;
      const step = total ? `${noun} ${plainCount(e.epoch)} of ${plainCount(total)}` : `${noun} ${plainCount(e.epoch)}`;
      const loss = e.valLoss === null ? '' : ` · validation loss ${num(e.valLoss, 4)}`;
      progress.tick(step + loss, total ? e.epoch / total : undefined);
    },
    onPhase: (message) => {
      training = false;
      progress.phase(message.replace(/…$/, ''));
    },
  };
}

const plainCount = (n: number) => formatCount(n);
const megabytes = (bytes: number) => `${num(bytes / 1e6)} MB`;
