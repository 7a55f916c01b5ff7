/**
 * What the training thread and its helper share (sharedHistogram.ts): the buffers a helper starts
 * with, the control slots of a request, and the helper's side of each pass.
 */
import type { Task } from '../../recipe';
import type { BinnedData } from './binning';
import { histogramSlice, type Gradients } from './histogram';
import { lossFor, type RegressionLoss } from './losses';
import { addLeavesSlice, gradientSlice, partitionSlice, quantizeSlice, type BoostRows } from './rowPasses';

/** A helper that has not answered in this long is taken for dead and not asked again. */
export const HELPER_TIMEOUT_MS = 10_000;
/**
 * Longest single Atomics.wait of either thread, in ms. Node's V8 has been seen to sleep through a
 * notify (the 10 s timeout then ran out with the answer long written, three times in one forest
 * run); waiting in slices and re-reading the slot bounds what a lost wake-up costs.
 */
export const WAIT_SLICE_MS = 2;
/**
 * How long, in ms, a thread polls a slot before it sleeps on it. Requests and answers come every
 * few tens of microseconds while a tree grows, and a wake-up from Atomics.wait takes about as long
 * again; polling briefly catches most of them awake (as OpenMP's active wait does).
 */
const SPIN_MS = 0.05;

/** Polls `ctrl[slot]` until it differs from `value` or SPIN_MS pass; whether it changed. */
export function spinWhile(ctrl: Int32Array, slot: number, value: number): boolean {
  const until = performance.now() + SPIN_MS;
  do {
    for (let i = 0; i < 64; i++) if (Atomics.load(ctrl, slot) !== value) return true;
  } while (performance.now() < until);
  return false;
}

// ctrl slots
export const REQUEST = 0; // sequence number of the latest request; −1 asks the helper to stop
export const DONE = 1;
export const STATE = 2; // 0 until the helper is READY
export const BEGIN = 3;
export const END = 4;
export const GRADIENT = 5; // which gradient set (boosting: which output)
export const FEATURES = 6; // histogram: how many features in `features`
export const OP = 7;
export const FEATURE = 8; // partition: the split feature
export const RESULT = 9; // partition: the helper's left rows
export const LEAVES = 10; // raw-score update: leaves in `leaves`
export const CTRL_SLOTS = 11;
export const READY = 1;
// ops
export const HISTOGRAM = 0;
export const PARTITION = 1;
export const GRADIENTS = 2;
export const QUANTIZE = 3;
export const ADD_LEAVES = 4;

/** What boosting shares with a helper: the loss by name (the helper builds its own), targets, weights and raw scores. */
export interface BoostSpec extends BoostRows {
  task: Task;
  numClasses: number;
  regression: RegressionLoss;
  /** Most leaves a tree can have (sizes the shared leaf table). */
  maxLeaves: number;
}

/** What a helper is started with: structured-cloneable shared buffers. */
export interface HistogramHelperInit {
  n: number;
  d: number;
  channels: number;
  bins: SharedArrayBuffer;
  byRow: SharedArrayBuffer | null;
  unitHess: boolean;
  rows: SharedArrayBuffer;
  gradients: { grad: SharedArrayBuffer; hess: SharedArrayBuffer }[];
  ctrl: SharedArrayBuffer;
  features: SharedArrayBuffer;
  scratch: SharedArrayBuffer;
  /** Partition: right rows of each half (n rows), and the split's side of each bin. */
  spill: SharedArrayBuffer;
  side: SharedArrayBuffer;
  /** Gradient maxima of the helper's half [g, h], then the grid steps [g, h] to round on. */
  numbers: SharedArrayBuffer;
  boost: {
    task: Task;
    numClasses: number;
    regression: RegressionLoss;
    y: SharedArrayBuffer;
    integerY: boolean;
    weights: SharedArrayBuffer | null;
    raw: SharedArrayBuffer;
    outputs: number;
    /** [begin, end, value] per leaf. */
    leaves: SharedArrayBuffer;
  } | null;
}

/**
 * Starts a helper serving `serveHistogramHelper(init)`, or returns null where there is no second core.
 * `stop(healthy)`: healthy when the helper answered every request, so its thread may serve the next run.
 */
export type HistogramHelperFactory = (init: HistogramHelperInit) => { stop(healthy?: boolean): void } | null;

/** Both threads' views of the shared buffers. */
export interface Views {
  data: BinnedData;
  rows: Uint32Array;
  gradients: Gradients[];
  features: Int32Array;
  scratch: Float64Array;
  spill: Uint32Array;
  side: Uint8Array;
  numbers: Float64Array;
  boost: BoostRows | null;
  leaves: Float64Array;
}

export function viewsOf(init: HistogramHelperInit): Views {
  const b = init.boost;
  const y = b ? (b.integerY ? new Int32Array(b.y) : new Float32Array(b.y)) : null;
  return {
    data: { n: init.n, d: init.d, bins: new Uint8Array(init.bins), ...(init.byRow ? { byRow: new Uint8Array(init.byRow) } : {}), features: [] },
    rows: new Uint32Array(init.rows),
    gradients: init.gradients.map((g) => ({ channels: init.channels, grad: new Float64Array(g.grad), hess: new Float64Array(g.hess), unitHess: init.unitHess })),
    features: new Int32Array(init.features),
    scratch: new Float64Array(init.scratch),
    spill: new Uint32Array(init.spill),
    side: new Uint8Array(init.side),
    numbers: new Float64Array(init.numbers),
    boost: b && y ? { loss: lossFor(b.task, b.numClasses, b.regression, y), y, weights: b.weights ? new Float64Array(b.weights) : null, raw: new Float64Array(b.raw), outputs: b.outputs } : null,
    leaves: new Float64Array(b ? b.leaves : new SharedArrayBuffer(8)),
  };
}

/** The helper's share of the request in `ctrl`: rows BEGIN..END of the op. */
export function serveRequest(v: Views, ctrl: Int32Array): void {
  const begin = Atomics.load(ctrl, BEGIN);
  const end = Atomics.load(ctrl, END);
  const index = Atomics.load(ctrl, GRADIENT);
  const g = v.gradients[index];
  switch (Atomics.load(ctrl, OP)) {
    case HISTOGRAM:
      histogramSlice(v.data, g, v.scratch, { rows: v.rows, begin, end }, v.features, 0, Atomics.load(ctrl, FEATURES));
      break;
    case PARTITION:
      Atomics.store(ctrl, RESULT, partitionSlice(v.data.bins, Atomics.load(ctrl, FEATURE) * v.data.n, v.side, v.rows, begin, end, v.spill, begin));
      break;
    case GRADIENTS:
      gradientSlice(v.boost!, g, index, begin, end, v.numbers, 0);
      break;
    case QUANTIZE:
      quantizeSlice(g, begin, end, v.numbers[2], v.numbers[3]);
      break;
    case ADD_LEAVES:
      addLeavesSlice(v.rows, v.boost!.raw, v.boost!.outputs, index, v.leaves, Atomics.load(ctrl, LEAVES), begin, end);
      break;
  }
}

/** The helper's loop: waits for a request, does its share of the rows, answers. Blocks until asked to stop, then returns (its thread may serve another run). */
export function serveHistogramHelper(init: HistogramHelperInit): void {
  const ctrl = new Int32Array(init.ctrl);
  const v = viewsOf(init);
  Atomics.store(ctrl, STATE, READY);
  let seen = 0;
  for (;;) {
    if (!spinWhile(ctrl, REQUEST, seen)) Atomics.wait(ctrl, REQUEST, seen, 10 * WAIT_SLICE_MS);
    const request = Atomics.load(ctrl, REQUEST);
    if (request === -1) return;
    if (request === seen) continue;
    seen = request;
    serveRequest(v, ctrl);
    Atomics.store(ctrl, DONE, request);
    Atomics.notify(ctrl, DONE);
  }
}
