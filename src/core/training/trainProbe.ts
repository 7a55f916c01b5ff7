/**
 * Measuring TF.js backends on the real model and data shape: a few warm-up batches, then timed
 * ones, per backend that starts; the pure choice among the figures is `chooseBackend` in core.
 */
import * as tf from '@tensorflow/tfjs';
import { disposeModel, MODELS, resolveOptions, toTrainData, trainModel, type ModelSpec, type TrainData } from '../models';
import type { BackendName } from '../models';
import { BACKEND_LABELS, chooseBackend, msPerStep, type BackendCandidate, type ProbeResult } from '../models';
import { choiceWithoutMeasuring, contenders, deviceSignature, probeKey, recalled, type ProbeShape } from '../models';
import { fitRecipe, splitRows, transformRecipe, type Recipe } from '../recipe';
import { batchRows } from '../models';
import type { Table } from '../table';
import type { Devices } from './devices';

/** Batches run before timing starts (shader compilation, first allocations), then timed ones. */
const WARMUP_STEPS = 3;
const TIMED_STEPS = 5;
/** Measuring one backend stops after this long even if not all steps ran (a software GPU can be very slow). */
const PROBE_BUDGET_MS = 6_000;

/** A phase change for people; `backend` says which backend the phase runs on. */
export interface TrainStatus {
  phase: 'probe' | 'train' | 'evaluate' | 'search';
  message: string;
  backend?: BackendName;
  /** The measurement, on the status that announces the backend it chose. */
  probe?: ProbeResult;
}

export interface ProbeOptions {
  /** Backends not to try (they failed earlier in this session). */
  exclude?: BackendName[];
  /** Let a software GPU adapter win. Default false. */
  allowFallback?: boolean;
  /** Measurements made earlier on this device, by `ProbeResult.key` (the bridge keeps them across sessions). */
  remembered?: Record<string, ProbeResult>;
}

/** Model-ready rows for measuring: the sample repeated until it fills the steps. */
function probeRows(sample: TrainData, rows: number): TrainData {
  const X = new Float32Array(rows * sample.d);
  const y = sample.y instanceof Int32Array ? new Int32Array(rows) : new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const from = i % sample.n;
    X.set(sample.X.subarray(from * sample.d, (from + 1) * sample.d), i * sample.d);
    y[i] = sample.y[from];
  }
  const { validation: _unused, ...rest } = sample;
  return { ...rest, X, y, n: rows };
}

/** A stand-in sample when the caller has no data yet: 32 features in [-1.7, 1.7], two classes. */
function syntheticSample(): TrainData {
  const n = 256;
  const d = 32;
  const X = Float32Array.from({ length: n * d }, (_, i) => Math.sin(i * 12.9898) * 1.7);
  const y = Int32Array.from({ length: n }, (_, i) => (X[i * d] > 0 ? 1 : 0));
  return { task: 'binary', X, n, d, y, numClasses: 2 };
}

/**
 * Fitting the recipe for a measurement looks at no more than this many training rows: the probe
 * needs the shape of the features, not the best fit (the run fits on every row anyway).
 */
const PROBE_FIT_ROWS = 20_000;

/** Model-ready rows from the training split of `table` (at most `limit`), and the split's full size. */
function sampleFromTable(table: Table, recipe: Recipe, limit: number): { data: TrainData; trainRows: number } {
  const split = splitRows(table, recipe.target, recipe.split);
  const fitted = fitRecipe(table, recipe, split.train.subarray(0, PROBE_FIT_ROWS));
  return { data: toTrainData(transformRecipe(fitted, table, split.train.subarray(0, limit)), fitted), trainRows: split.train.length };
}

/** The browser and its cores: part of what a remembered measurement holds for. */
const environment = () => (typeof navigator === 'undefined' ? 'unknown' : `${navigator.userAgent} (${navigator.hardwareConcurrency ?? '?'} cores)`);

/** The batch the run will use (an automatic size from the training rows), or undefined for models without batches. */
const batchSizeOf = (spec: ModelSpec, trainRows: number): number | undefined => {
  const o = resolveOptions(MODELS[spec.kind], spec.options);
  return typeof o.batchSize === 'number' ? batchRows(o.batchSize, trainRows) : undefined;
};

/** What a probe may measure on: model-ready rows, or a table and its recipe. */
export type ProbeSample = TrainData | { table: Table; recipe: Recipe };

/**
 * A cached prober over `devices`. `checkDevice` runs before every measured batch (signs of life,
 * device-loss checks); `classify` re-labels errors caused by a lost GPU.
 */
export function createProber(devices: Devices, checkDevice: () => void, classify: (e: unknown) => unknown) {
  /** Measurements made by this worker, by key. */
  const probes = new Map<string, ProbeResult>();

  async function measure(name: BackendName, spec: ModelSpec, sample: TrainData, batch: number, onStatus?: (s: TrainStatus) => void): Promise<Pick<BackendCandidate, 'msPerStep' | 'reason'>> {
    onStatus?.({ phase: 'probe', message: `Checking which processor trains fastest: timing ${BACKEND_LABELS[name]}…`, backend: name });
    await devices.use(name);
    const ticks: number[] = [];
    const started = performance.now();
    const budget = new Error('probe budget');
    const data = probeRows(sample, batch * (WARMUP_STEPS + TIMED_STEPS + 1));
    const before = tf.memory().numTensors;
    try {
      const { model } = await trainModel({ ...spec, options: { ...spec.options, epochs: 1, earlyStopping: false } }, data, {
        shouldPause: () => {
          checkDevice();
          ticks.push(performance.now());
          if (ticks.length > 2 && ticks[ticks.length - 1] - started > PROBE_BUDGET_MS) throw budget;
          return false;
        },
      });
      disposeModel(model);
    } catch (e) {
      if (e !== budget) throw classify(e);
    }
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) console.warn(`Measuring ${name} left ${leaked} tensors behind.`);
    const steps = ticks.slice(1).map((t, i) => t - ticks[i]);
    const ms = msPerStep(steps, Math.min(WARMUP_STEPS, steps.length - 1));
    return ms === undefined ? { reason: 'no training step finished' } : steps.length < WARMUP_STEPS + TIMED_STEPS ? { msPerStep: ms, reason: `only ${steps.length} steps in ${PROBE_BUDGET_MS / 1000} s` } : { msPerStep: ms };
  }

  /**
   * Measures only when it can change the choice (the rules are in core's `probeMemory`); a result
   * carries the key it may be remembered under, unless backends were excluded after a failure.
   */
  async function probe(spec: ModelSpec, sample?: ProbeSample, options: ProbeOptions = {}, onStatus?: (s: TrainStatus) => void): Promise<ProbeResult> {
    const allowFallback = options.allowFallback ?? false;
    const exclude = options.exclude ?? [];
    // All the table's rows stand in for the training rows: the automatic size needs only their order of magnitude.
    const batch = batchSizeOf(spec, !sample ? 0 : 'X' in sample ? sample.n : sample.table.rowCount);
    const drawn = batch === undefined ? null : !sample ? { data: syntheticSample(), trainRows: 256 } : 'X' in sample ? { data: sample, trainRows: sample.n } : sampleFromTable(sample.table, sample.recipe, batch * (WARMUP_STEPS + TIMED_STEPS + 1));
    const detected = await devices.detect();
    const candidates: BackendCandidate[] = detected.map((c) => (exclude.includes(c.name) ? { ...c, available: false, reason: 'failed earlier in this session' } : c));
    if (!drawn || batch === undefined) {
      const reason = `${MODELS[spec.kind].label} has no training steps to measure`;
      return chooseBackend(candidates.map((c) => (c.available ? { ...c, reason } : c)), { allowFallback });
    }
    const { data, trainRows } = drawn;
    const resolved = resolveOptions(MODELS[spec.kind], spec.options);
    const epochs = typeof resolved.epochs === 'number' ? resolved.epochs : 1;
    const quick = choiceWithoutMeasuring(candidates, trainRows * epochs, allowFallback);
    if (quick) return quick;
    const shape: ProbeShape = {
      kind: spec.kind, task: data.task, inputWidth: data.d, numClasses: data.numClasses, embeddings: data.embeddings?.length ?? 0,
      ...(typeof resolved.layers === 'number' ? { layers: resolved.layers } : {}),
      ...(typeof resolved.units === 'number' ? { units: resolved.units } : {}),
      batch, trainRows,
    };
    const key = probeKey(deviceSignature(detected, environment()), shape, allowFallback);
    // After a failure this session the figures describe a different set of backends: measure, and remember nothing.
    const reusable = exclude.length === 0;
    const earlier = reusable ? (probes.get(key) ?? options.remembered?.[key]) : undefined;
    if (earlier) return recalled(earlier, key);
    onStatus?.({ phase: 'probe', message: 'Checking which processor trains fastest…' });
    const measured: BackendCandidate[] = [];
    const worthMeasuring = new Set(contenders(candidates, allowFallback).map((c) => c.name));
    for (const c of candidates) {
      if (!worthMeasuring.has(c.name)) {
        measured.push(c);
        continue;
      }
      try {
        measured.push({ ...c, ...(await measure(c.name, spec, data, batch, onStatus)) });
      } catch (e) {
        measured.push({ ...c, available: false, reason: (e as Error).message });
      }
    }
    const result = chooseBackend(measured, { allowFallback, batchSize: batch });
    if (!reusable) return result;
    probes.set(key, result);
    return { ...result, key };
  }

  return probe;
}
