/** What both tree trainers do first: pick the categorical features, weigh rows, and bin the features. */
import { TrainingError, type TrainData } from '../types';
import { balancedWeights } from '../network/data';
import { applyBins, fitBins, type BinnedData } from './binning';
import type { BoostSpec, HistogramHelperFactory } from './helperProtocol';
import type { Gradients } from './histogram';
import { serialTeam, type RowTeam } from './rowTeam';
import { sharedTeam } from './sharedHistogram';
import { nextTask } from '../../eventLoop';
import { iota } from '../../stats';

let helperFactory: HistogramHelperFactory | null = null;

/**
 * Installs the environment's histogram helper (a nested worker in the studio, worker_threads in
 * the CLI). A helper only changes which thread sums which rows, never a sum.
 */
export function setHistogramHelperFactory(f: HistogramHelperFactory | null): void {
  helperFactory = f;
}

/** The row work of a run (histograms per gradient set, partitions, and boosting's passes), shared with a helper thread when one can start. */
export function makeTeam(data: BinnedData, gs: Gradients[], rows: Uint32Array, boost: BoostSpec | null = null): RowTeam {
  if (!helperFactory) return serialTeam(data, gs, boost);
  return sharedTeam(data, gs, rows, boost, helperFactory);
}

/** Allocates shared memory where it exists, so a helper thread can read the same bytes. */
export function sharedFloat64(length: number): Float64Array {
  return typeof SharedArrayBuffer === 'function' && helperFactory ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
}
export function sharedUint8(length: number): Uint8Array {
  return typeof SharedArrayBuffer === 'function' && helperFactory ? new Uint8Array(new SharedArrayBuffer(length)) : new Uint8Array(length);
}
export function sharedUint32(length: number): Uint32Array {
  return typeof SharedArrayBuffer === 'function' && helperFactory ? new Uint32Array(new SharedArrayBuffer(length * 4)) : new Uint32Array(length);
}
/** A copy of `values` in shared memory where it exists (targets a helper thread reads). */
export function sharedCopy<T extends Int32Array | Float32Array | Float64Array>(values: T): T {
  if (typeof SharedArrayBuffer !== 'function' || !helperFactory) return values;
  const copy = new (values.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(values.byteLength));
  copy.set(values);
  return copy;
}


/** Categorical features of the data as a set (ordinal codes; codes < 0 are missing). */
export function categoricalSet(data: TrainData): Set<number> {
  return new Set(data.categorical ?? []);
}

/** Row weights for `classWeight`, or null when every row weighs 1. */
export function rowWeights(data: Pick<TrainData, 'task' | 'numClasses'> & { y: Int32Array | Float32Array }, classWeight: string): Float64Array | null {
  if (classWeight !== 'balanced' || data.task === 'regression') return null;
  return Float64Array.from(balancedWeights(data.y, data.numClasses));
}

/** Bins all rows of X on themselves (the trainer's rows are the training split). */
export function binRows(X: Float32Array, n: number, d: number, categorical: Set<number>, maxBins: number): BinnedData {
  if (n === 0) throw new TrainingError('There are no training rows; check the target column and the split.');
  const rows = iota(n);
  const features = fitBins(X, d, rows, categorical, { maxBins });
  return applyBins(X, d, rows, features, sharedUint8);
}

/** Lets progress messages and cancellation through at most every `ms` of work. */
export function yielder(ms = 50): () => Promise<void> {
  let last = Date.now();
  return async () => {
    if (Date.now() - last < ms) return;
    await nextTask();
    last = Date.now();
  };
}
