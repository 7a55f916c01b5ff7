/**
 * What the training thread and its helper share (sharedHistogram.ts): the buffers a helper starts
 * with, the control slots of a request, and the helper's side of each pass.
 */
import type { Task } from '../../recipe';
import type { BinnedData } from './binning';
import { histogramSlice, type Gradients } from './histogram';
import { lossFor, type RegressionLoss } from './losses';
import { addLeavesSlice, gradientSlice, gradientsOnGrid, partitionSlice, quantizeSlice, type BoostRows } from './rowPasses';

/** A chunk the helper took and has not finished in this long (some microseconds of work) means it has stopped: training fails with a message. */
export const HELPER_TIMEOUT_MS = 10_000;
/**
 * The helper's longest single Atomics.wait is ten of these, in ms. Node's V8 has been seen to
 * sleep through a notify; waiting in slices and re-reading the slot bounds what a lost wake-up costs.
 */
const WAIT_SLICE_MS = 2;
/**
 * How long, in ms, the helper polls for the next request before it sleeps. A tree's passes come
 * every few tens to hundreds of microseconds, and on a virtual machine a thread woken from
 * Atomics.wait may take as long again to run; polling keeps it awake between a round's passes (as
 * OpenMP's active wait does). A pass never waits for a sleeping helper (see `claimChunk`), so this
 * only decides how much of the work the helper gets.
 */
const SPIN_MS = 1;

/** Polls `ctrl[slot]` until it differs from `value` or SPIN_MS pass; whether it changed. */
function spinWhile(ctrl: Int32Array, slot: number, value: number): boolean {
  const until = performance.now() + SPIN_MS;
  do {
    for (let i = 0; i < 64; i++) if (Atomics.load(ctrl, slot) !== value) return true;
  } while (performance.now() < until);
  return false;
}

// ctrl slots (Int32)
/** The request's generation: even once its arguments are written, odd while the training thread writes them. */
export const GEN = 0;
/** 1 asks the helper to return. */
export const STOP = 1;
export const STATE = 2; // 0 until the helper is READY
export const BEGIN = 3;
export const END = 4;
export const GRADIENT = 5; // which gradient set (boosting: which output)
export const FEATURES = 6; // histogram: how many features in `features`
export const OP = 7;
export const FEATURE = 8; // partition: the split feature
export const CHUNK = 9; // rows per chunk
export const LEAVES = 10; // raw-score update: leaves in `leaves`
/** HELPED + op: chunks of that op the helper has finished, all requests together (for tests and diagnostics). */
export const HELPED = 11;
/** HELPED plus one slot per op. */
export const CTRL_SLOTS = 17;
export const READY = 1;
// ops
export const HISTOGRAM = 0;
export const PARTITION = 1;
export const GRADIENTS = 2;
export const QUANTIZE = 3;
export const ADD_LEAVES = 4;
export const GRADIENTS_ON_GRID = 5;
// claims slots (BigInt64): generation in the high 32 bits, a count in the low 32
/** The next chunk of the current request. */
export const CLAIM = 0;
/** The chunks of the current request the helper has finished. */
export const HELPER_DONE = 1;

/** Most chunks in one pass (sizes the partition's left counts). */
export const MAX_CHUNKS = 4096;
/** Rows per chunk of a pass over `count` rows: `least` rows (some microseconds of work), or more to keep to MAX_CHUNKS chunks. */
export const chunkRows = (count: number, least: number) => Math.max(least, Math.ceil(count / MAX_CHUNKS));

const word = (gen: number, count: number) => (BigInt(gen) << 32n) | BigInt(count);

/**
 * Takes the next unclaimed chunk of request `gen`'s `chunks`, or returns −1 when none is left or
 * `gen` is no longer the current request. Both threads take chunks this way until none is left, so
 * a helper that is asleep, slow to wake or busy elsewhere only does less of the pass: the training
 * thread never waits for it to start, only for a chunk it has taken to end.
 */
export function claimChunk(claims: BigInt64Array, gen: number, chunks: number): number {
  const mine = BigInt(gen);
  for (;;) {
    const w = Atomics.load(claims, CLAIM);
    if (w >> 32n !== mine) return -1;
    const c = Number(w & 0xffffffffn);
    if (c >= chunks) return -1;
    if (Atomics.compareExchange(claims, CLAIM, w, w + 1n) === w) return c;
  }
}

/** Opens request `gen` for claims (the training thread, while the generation is odd). */
export const openClaims = (claims: BigInt64Array, gen: number) => Atomics.store(claims, CLAIM, word(gen, 0));

/** What the HELPER_DONE word reads once the helper has finished `count` chunks of request `gen`. */
export const finishedWord = (gen: number, count: number): bigint => word(gen, count);

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
  /** Partition: right rows of each chunk (n rows), the split's side of each bin, and each chunk's left rows (MAX_CHUNKS). */
  spill: SharedArrayBuffer;
  side: SharedArrayBuffer;
  counts: SharedArrayBuffer;
  /** Gradient maxima of the helper's chunks [g, h], then the grid steps [g, h] to round on (QUANTIZE, GRADIENTS_ON_GRID). */
  numbers: SharedArrayBuffer;
  /** The CLAIM and HELPER_DONE words (two BigInt64). */
  claims: SharedArrayBuffer;
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
  counts: Int32Array;
  numbers: Float64Array;
  claims: BigInt64Array;
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
    counts: new Int32Array(init.counts),
    numbers: new Float64Array(init.numbers),
    claims: new BigInt64Array(init.claims),
    boost: b && y ? { loss: lossFor(b.task, b.numClasses, b.regression, y), y, weights: b.weights ? new Float64Array(b.weights) : null, raw: new Float64Array(b.raw), outputs: b.outputs } : null,
    leaves: new Float64Array(b ? b.leaves : new SharedArrayBuffer(8)),
  };
}

/** A request's arguments (the training thread writes them to ctrl; the helper reads them back). */
export interface Request {
  op: number;
  begin: number;
  end: number;
  /** Gradient set (boosting: output). */
  index: number;
  chunk: number;
  /** Histogram: features[0..features) of the `features` buffer. */
  features: number;
  /** Partition: the split feature. */
  feature: number;
  /** Raw-score update: leaves in the `leaves` buffer. */
  leaves: number;
}

export function writeRequest(ctrl: Int32Array, r: Request): void {
  Atomics.store(ctrl, OP, r.op);
  Atomics.store(ctrl, BEGIN, r.begin);
  Atomics.store(ctrl, END, r.end);
  Atomics.store(ctrl, GRADIENT, r.index);
  Atomics.store(ctrl, CHUNK, r.chunk);
  Atomics.store(ctrl, FEATURES, r.features);
  Atomics.store(ctrl, FEATURE, r.feature);
  Atomics.store(ctrl, LEAVES, r.leaves);
}

function readRequest(ctrl: Int32Array): Request {
  return {
    op: Atomics.load(ctrl, OP),
    begin: Atomics.load(ctrl, BEGIN),
    end: Atomics.load(ctrl, END),
    index: Atomics.load(ctrl, GRADIENT),
    chunk: Atomics.load(ctrl, CHUNK),
    features: Atomics.load(ctrl, FEATURES),
    feature: Atomics.load(ctrl, FEATURE),
    leaves: Atomics.load(ctrl, LEAVES),
  };
}

const chunkMaxima = new Float64Array(2);

/**
 * Chunk c of request r, on either thread: its rows' histogram added to `hist` (the training thread
 * zeroes both threads' histograms first), its partition with its left rows counted in counts[c],
 * its gradients with their largest magnitudes kept in maxima[0..1], its quantisation, or its
 * raw-score update. Each is per row or an exact sum, so which thread takes which chunk changes nothing.
 */
export function runChunk(v: Views, r: Request, c: number, hist: Float64Array, maxima: Float64Array): void {
  const begin = r.begin + c * r.chunk;
  const end = Math.min(r.end, begin + r.chunk);
  const g = v.gradients[r.index];
  switch (r.op) {
    case HISTOGRAM:
      histogramSlice(v.data, g, hist, { rows: v.rows, begin, end }, v.features, 0, r.features, false);
      break;
    case PARTITION:
      v.counts[c] = partitionSlice(v.data.bins, r.feature * v.data.n, v.side, v.rows, begin, end, v.spill, begin);
      break;
    case GRADIENTS:
      gradientSlice(v.boost!, g, r.index, begin, end, chunkMaxima, 0);
      // maxAbs never returns NaN, so the largest of the chunks' maxima is the whole's.
      maxima[0] = Math.max(maxima[0], chunkMaxima[0]);
      maxima[1] = Math.max(maxima[1], chunkMaxima[1]);
      break;
    case QUANTIZE:
      quantizeSlice(g, begin, end, v.numbers[2], v.numbers[3]);
      break;
    case GRADIENTS_ON_GRID:
      gradientsOnGrid(v.boost!, g, r.index, begin, end, v.numbers[2], v.numbers[3]);
      break;
    case ADD_LEAVES:
      addLeavesSlice(v.rows, v.boost!.raw, v.boost!.outputs, r.index, v.leaves, r.leaves, begin, end);
      break;
  }
}

/**
 * The helper's loop: waits for a request, takes its chunks while any are left, and waits for the
 * next. Returns once asked to stop (its thread may serve another run).
 */
export function serveHistogramHelper(init: HistogramHelperInit): void {
  const ctrl = new Int32Array(init.ctrl);
  const v = viewsOf(init);
  Atomics.store(ctrl, STATE, READY);
  let seen = 0;
  for (;;) {
    if (Atomics.load(ctrl, STOP) === 1) return;
    const gen = Atomics.load(ctrl, GEN);
    if (gen === seen || gen & 1) {
      if (!spinWhile(ctrl, GEN, gen)) Atomics.wait(ctrl, GEN, gen, 10 * WAIT_SLICE_MS);
      continue;
    }
    const r = readRequest(ctrl);
    // Arguments written for a later request while they were read: read again.
    if (Atomics.load(ctrl, GEN) !== gen) continue;
    seen = gen;
    const chunks = Math.ceil((r.end - r.begin) / r.chunk);
    let done = 0;
    for (let c = claimChunk(v.claims, gen, chunks); c >= 0; c = claimChunk(v.claims, gen, chunks)) {
      runChunk(v, r, c, v.scratch, v.numbers);
      Atomics.store(v.claims, HELPER_DONE, word(gen, ++done));
      Atomics.add(ctrl, HELPED + r.op, 1);
    }
  }
}
