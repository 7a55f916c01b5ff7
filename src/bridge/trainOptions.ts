/** The options and results of `TrainBridge` calls. */
import type { BackendName } from '../core/models';
import type { ProbeResult } from '../core/models';
import type { Recovery } from '../core/models';
import type { EpochLog, LeaderboardEntry } from '../core/models';
import type { TrainOutput, TrainStatus, WorkerSearchOptions } from '../core/training';

import type { WorkerLike } from './WorkerBridge';

/** A worker as the bridge needs it: a Comlink endpoint that can crash and be terminated. */
export type TrainWorker = WorkerLike;

/** Backend measurements kept across sessions (the studio keeps them in localStorage). */
export interface ProbeMemory {
  /** Every remembered measurement, by its key. */
  recall(): Record<string, ProbeResult>;
  remember(key: string, result: ProbeResult): void;
}

export interface TrainBridgeOptions {
  /**
   * Silence (no batch, epoch or phase change), in ms, after which a small run counts as hung.
   * Default 20 000; it grows with the table's rows and with the slowest step seen (see `startWatchdog`).
   */
  stallMs?: number;
  /** Extra silence allowed per table row, in ms. Default `STALL_MS_PER_ROW`. */
  stallMsPerRow?: number;
  /** The limit is at least this many times the longest gap between signs of life. Default `STALL_GAP_FACTOR`; 0 keeps it fixed. */
  stallGapFactor?: number;
  /** Where measurements are remembered; without one, each worker measures afresh. */
  probeMemory?: ProbeMemory;
  /** Makes the worker; tests pass a fake. Default: `workers/train.ts` as a module worker. */
  createWorker?: () => TrainWorker;
}

/** Per-call controls shared by `probe`, `train` and `search`. */
export interface TrainCallOptions {
  /** Aborting terminates the worker at once and rejects with a DOMException named `AbortError`. */
  signal?: AbortSignal;
  /** Phase changes and recoveries, e.g. "Training on WASM", "The WebGL context was lost after epoch 4 — continuing on WASM from epoch 5". */
  onStatus?: (s: TrainStatus) => void;
  /** Let a software GPU adapter (SwiftShader) win the measurement. Default false. */
  allowFallback?: boolean;
}

export interface TrainOptions extends TrainCallOptions {
  /** `auto` (default) measures the backends first and takes the fastest. */
  backend?: 'auto' | BackendName;
  crossValidate?: boolean | number;
  /**
   * Every finished epoch. After a recovery that continues from a checkpoint the epochs go on from
   * the checkpointed one + 1 (an epoch reported after the last checkpoint comes again); after one
   * without a checkpoint they start again from 1.
   */
  onEpoch?: (e: EpochLog) => void;
}

export interface SearchOptions extends TrainCallOptions, Omit<WorkerSearchOptions, 'pauseFlag' | 'exclude' | 'allowFallback'> {
  onTrial?: (entry: LeaderboardEntry, index: number) => void;
}

export interface TrainRun extends TrainOutput {
  recoveries: Recovery[];
}

export interface SearchRun {
  leaderboard: LeaderboardEntry[];
  backend: BackendName;
  probe: ProbeResult | null;
  recoveries: Recovery[];
}
