/**
 * The train worker's service: measure backends on the real model and data shape, run an
 * experiment or a random search on the chosen one, and hand back metrics plus the model files.
 * Every call disposes the tensors it made. Signs of life (`onBeat`) go out at most once a second
 * so the bridge's watchdog can tell a slow run from a hung one.
 */
import * as tf from '@tensorflow/tfjs';
import { disposeModel, layersFiles, MODELS, randomSearch, runExperiment, type BaselineModel, type TreeEnsemble, type Checkpoint, type EpochLog, type ExperimentResult, type LayersFiles, type LeaderboardEntry, type ModelKind, type ModelSpec, type Trained } from '../models';
import type { BackendName } from '../models';
import { BACKEND_LABELS, type ProbeResult } from '../models';
import type { Recipe } from '../recipe';
import type { Table } from '../table';
import type { Devices } from './devices';
import { deliveries } from '../thread';
import { createProber, type ProbeOptions, type ProbeSample, type TrainStatus } from './trainProbe';
import { formatCount } from '../format';

export type { ProbeOptions, ProbeSample, TrainStatus } from './trainProbe';

/** Signs of life go out at most this often. */
const BEAT_MS = 1_000;


export interface WorkerTrainOptions extends ProbeOptions {
  /** `auto` (default) measures the backends and takes the fastest. */
  backend?: 'auto' | BackendName;
  /** As `runExperiment`'s option: true follows the recipe's folds, a number forces k. */
  crossValidate?: boolean | number;
  /** A shared 0/1 pause flag, read before every batch (needs cross-origin isolation); `pause()` works without it, between epochs. */
  pauseFlag?: Int32Array;
  /** Continue the network's training from this checkpoint (taken by an earlier try of the same call) instead of epoch 1. */
  resume?: Checkpoint;
}

const TREE_KINDS: readonly ModelKind[] = ['gbdt', 'forest'];

/** Backends whose device can be lost, so training on them sends a checkpoint after every epoch. */
const LOSABLE: readonly BackendName[] = ['webgl', 'webgpu'];

/** A trained model as bytes: the TF.js layers files plus what `predict` needs, or the plain-JSON baseline. */
export type ModelArtifacts = BaselineModel | TreeEnsemble | { kind: 'tf'; modelKind: Exclude<ModelKind, 'baseline'>; task: ExperimentResult['fitted']['task']; numClasses: number; embeddings?: { feature: number; size: number }[]; files: LayersFiles };

export interface TrainOutput {
  /** `runExperiment`'s result with the live model replaced by its files. */
  result: Omit<ExperimentResult, 'model'> & { model: ModelArtifacts };
  backend: BackendName;
  /** The measurement behind `backend`, when it was chosen automatically. */
  probe: ProbeResult | null;
}

export interface WorkerSearchOptions extends ProbeOptions {
  kinds?: ModelKind[];
  trials?: number;
  maxMinutes?: number;
  metric?: string;
  seed?: number;
  backend?: 'auto' | BackendName;
  pauseFlag?: Int32Array;
}


function deviceLostError(message: string): Error {
  const e = new Error(message);
  e.name = 'DeviceLostError';
  return e;
}

async function toArtifacts(model: Trained): Promise<ModelArtifacts> {
  if (model.kind === 'baseline' || model.kind === 'trees') return model;
  return { kind: 'tf', modelKind: model.modelKind, task: model.task, numClasses: model.numClasses, ...(model.embeddings ? { embeddings: model.embeddings } : {}), files: await layersFiles(model) };
}

/** Builds the service over `devices` (the browser's in the worker, a CPU/WASM stand-in in Node tests). */
export function createTrainService(devices: Devices) {
  let paused = false;
  let pauseFlag: Int32Array | undefined;
  let beat: (() => void) | undefined;
  let lastBeat = 0;

  const sendBeat = () => {
    const now = Date.now();
    if (beat && now - lastBeat >= BEAT_MS) {
      lastBeat = now;
      beat();
    }
  };
  /** Run before every batch: a sign of life, and a lost GPU ends the run at once instead of hanging it. */
  const checkDevice = () => {
    sendBeat();
    const lost = devices.lost();
    if (lost) throw deviceLostError(lost);
  };
  const isPaused = () => paused || (pauseFlag !== undefined && Atomics.load(pauseFlag, 0) === 1);
  const hooks = () => ({
    shouldPause: () => (checkDevice(), isPaused()),
    // Core reads `signal.aborted` before every batch, including in cross-validation folds and search
    // trials that get no other hook, so that read is the device check there. Aborting is the bridge's job.
    signal: new Proxy(new AbortController().signal, {
      get(target, key) {
        if (key === 'aborted') checkDevice();
        const v = Reflect.get(target, key, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }),
  });
  /** Re-labels errors caused by a GPU that went away, whatever TF.js threw. */
  const classify = (e: unknown): unknown => {
    const lost = devices.lost();
    return lost && !(e instanceof Error && e.name === 'DeviceLostError') ? deviceLostError(lost) : e;
  };

  const probe = createProber(devices, checkDevice, classify);

  /** Switches to the requested backend, measuring first when it is `auto`. */
  async function pick(spec: ModelSpec, requested: 'auto' | BackendName, sample: { table: Table; recipe: Recipe }, options: ProbeOptions, onStatus?: (s: TrainStatus) => void) {
    // Trees train in plain JavaScript (two threads where a helper runs): no TF.js backend to measure.
    if (TREE_KINDS.includes(spec.kind)) return { backend: 'cpu' as BackendName, probe: null };
    const measured = requested === 'auto' ? await probe(spec, sample, options, onStatus) : null;
    const backend = measured?.chosen ?? (requested as BackendName);
    await devices.use(backend);
    return { backend, probe: measured };
  }

  return {
    /**
     * Measures the backends that could win on `spec` (a few batches each) and picks the fastest;
     * `sample` is model-ready rows or a table and recipe (default: synthetic rows of 32 features).
     * Skipped when it cannot change the choice, and reused per device and model shape: for the life
     * of the worker, and across sessions through `options.remembered`.
     */
    async probeBackends(spec: ModelSpec, sample?: ProbeSample, options: ProbeOptions = {}, onStatus?: (s: TrainStatus) => void, onBeat?: () => void): Promise<ProbeResult> {
      beat = onBeat;
      try {
        return await probe(spec, sample, options, onStatus);
      } catch (e) {
        throw classify(e);
      } finally {
        beat = undefined;
      }
    },

    /**
     * Trains `spec`. On a GPU backend, `onCheckpoint` receives the training state after every
     * finished epoch, so that a caller who loses this worker can continue elsewhere (`options.resume`).
     */
    async train(table: Table, recipe: Recipe, spec: ModelSpec, options: WorkerTrainOptions = {}, onEpoch?: (e: EpochLog) => void, onStatus?: (s: TrainStatus) => void, onBeat?: () => void, onCheckpoint?: (c: Checkpoint) => void): Promise<TrainOutput> {
      beat = onBeat;
      pauseFlag = options.pauseFlag;
      const sent = deliveries();
      onEpoch = sent.track(onEpoch);
      onStatus = sent.track(onStatus);
      onCheckpoint = sent.track(onCheckpoint);
      try {
        const { backend, probe } = await pick(spec, options.backend ?? 'auto', { table, recipe }, options, onStatus);
        const where = TREE_KINDS.includes(spec.kind) ? 'in JavaScript' : `on ${BACKEND_LABELS[backend]}`;
        // Preparing a large table is a long silent loop: say so until the first training step starts.
        onStatus?.({ phase: 'train', message: `Preparing ${formatCount(table.rowCount)} rows for training…`, backend, ...(probe ? { probe } : {}) });
        let training = false;
        const stepStarted = () => {
          if (training) return;
          training = true;
          onStatus?.({ phase: 'train', message: `Training ${where}`, backend });
        };
        const before = tf.memory().numTensors;
        let result: ExperimentResult;
        try {
          // A checkpoint read after the GPU went away holds garbage: end the run instead, and the caller keeps the previous one.
          const send = onCheckpoint;
          const saving = send && LOSABLE.includes(backend) ? { onCheckpoint: (c: Checkpoint) => (checkDevice(), send(c)) } : {};
          const { shouldPause, signal } = hooks();
          const trainHooks = { signal, shouldPause: () => (stepStarted(), shouldPause()), onEpoch: (e: EpochLog) => (stepStarted(), sendBeat(), onEpoch?.(e)), onPhase: (message: string) => (sendBeat(), onStatus?.({ phase: 'evaluate', message, backend })), ...saving, ...(options.resume ? { resumeFrom: options.resume } : {}) };
          result = await runExperiment(table, recipe, spec, trainHooks, options.crossValidate !== undefined ? { crossValidate: options.crossValidate } : {});
        } catch (e) {
          throw classify(e);
        }
        onStatus?.({ phase: 'evaluate', message: 'Saving the model…', backend });
        try {
          const { model, ...rest } = result;
          const output: TrainOutput = { result: { ...rest, model: await toArtifacts(model) }, backend, probe };
          await sent.flush();
          return output;
        } finally {
          disposeModel(result.model);
          const leaked = tf.memory().numTensors - before;
          if (leaked > 0) console.warn(`Training left ${leaked} tensors behind.`);
        }
      } finally {
        beat = undefined;
        pauseFlag = undefined;
      }
    },

    async search(table: Table, recipe: Recipe, options: WorkerSearchOptions = {}, onTrial?: (entry: LeaderboardEntry, index: number) => void, onStatus?: (s: TrainStatus) => void, onBeat?: () => void): Promise<{ leaderboard: LeaderboardEntry[]; backend: BackendName; probe: ProbeResult | null }> {
      beat = onBeat;
      pauseFlag = options.pauseFlag;
      const sent = deliveries();
      onTrial = sent.track(onTrial);
      onStatus = sent.track(onStatus);
      try {
        const kinds = options.kinds ?? Object.values(MODELS).filter((m) => m.kind !== 'baseline' && m.tasks.includes(recipe.task)).map((m) => m.kind);
        const measured: ModelSpec = { kind: kinds.includes('mlp') ? 'mlp' : kinds.includes('logistic') ? 'logistic' : kinds[0] ?? 'baseline', seed: options.seed ?? 0 };
        const { backend, probe } = await pick(measured, options.backend ?? 'auto', { table, recipe }, options, onStatus);
        onStatus?.({ phase: 'search', message: `Searching on ${BACKEND_LABELS[backend]}`, backend, ...(probe ? { probe } : {}) });
        const { signal } = hooks();
        try {
          const leaderboard = await randomSearch(table, recipe, {
            kinds,
            signal,
            ...(options.trials !== undefined ? { trials: options.trials } : {}),
            ...(options.maxMinutes !== undefined ? { maxMinutes: options.maxMinutes } : {}),
            ...(options.metric !== undefined ? { metric: options.metric } : {}),
            ...(options.seed !== undefined ? { seed: options.seed } : {}),
            onTrial: (entry, i) => (sendBeat(), onTrial?.(entry, i)),
          });
          await sent.flush();
          return { leaderboard, backend, probe };
        } catch (e) {
          throw classify(e);
        }
      } finally {
        beat = undefined;
        pauseFlag = undefined;
      }
    },

    /**
     * Pauses before the next batch (without a shared flag: once this message is read, at the next
     * epoch end). The state outlives calls; the bridge, which owns it, repeats it to a new worker.
     */
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
    },
    /** TF.js memory on the current backend, for leak tests. */
    memory() {
      const m = tf.memory();
      return { backend: tf.getBackend(), numTensors: m.numTensors, numBytes: m.numBytes };
    },
    /** Test hook: loses the current GPU so the device-loss path can be exercised. */
    debugLoseDevice(): string {
      return devices.loseDevice();
    },
    /** Test hook: throws from a timer, outside any call, so the worker fails as a crash would (an `error` event). */
    debugCrash(): void {
      setTimeout(() => {
        throw new Error('The training worker was crashed on purpose (test hook).');
      }, 0);
    },
  };
}

export type TrainService = ReturnType<typeof createTrainService>;
