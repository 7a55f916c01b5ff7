/**
 * Two threads on one histogram: the training thread sums the first half of a node's rows while a
 * helper (a nested worker in the studio, worker_threads in Node) sums the second half into its
 * own scratch histogram, through shared memory and Atomics; the training thread then adds the
 * two. Gradients are quantised (quantize.ts), so every sum is exact and the split never changes a
 * number: a helper that is missing, starting, failed or dead only changes the speed.
 */
import { SLOTS, type BinnedData } from './binning';
import { histLength, histogramSlice, serialBuilder, slotWidth, type Gradients, type HistogramBuilder } from './histogram';

/** Nodes with fewer rows are summed on one thread (waking a helper costs more than it saves). */
export const SPLIT_MIN_ROWS = 8_192;
/** A helper that has not answered in this long is taken for dead and not asked again. */
const HELPER_TIMEOUT_MS = 10_000;

// ctrl slots
const REQUEST = 0; // sequence number of the latest request; −1 asks the helper to stop
const DONE = 1;
const STATE = 2; // 0 until the helper is READY
const BEGIN = 3;
const END = 4;
const GRADIENT = 5;
const FEATURES = 6;
const READY = 1;

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
}

/** Starts a helper serving `serveHistogramHelper(init)`, or returns null where there is no second core. */
export type HistogramHelperFactory = (init: HistogramHelperInit) => { stop(): void } | null;

const isShared = (a: ArrayBufferView) => typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;

/**
 * Builders for each gradient set over `data`, sharing one helper. Falls back to one thread when
 * the buffers are not shared or no helper starts.
 */
export function sharedBuilders(data: BinnedData, gs: Gradients[], rows: Uint32Array, start: HistogramHelperFactory): { builders: HistogramBuilder[]; threads(): number; stop(): void } {
  const serial = () => ({ builders: gs.map((g) => serialBuilder(data, g)), threads: () => 1, stop() {} });
  const channels = gs[0]?.channels ?? 1;
  if (!isShared(data.bins) || !isShared(rows) || gs.some((g) => !isShared(g.grad) || !isShared(g.hess))) return serial();
  const init: HistogramHelperInit = {
    n: data.n,
    d: data.d,
    channels,
    bins: data.bins.buffer as SharedArrayBuffer,
    byRow: data.byRow && isShared(data.byRow) ? (data.byRow.buffer as SharedArrayBuffer) : null,
    unitHess: gs.every((g) => g.unitHess === true),
    rows: rows.buffer as SharedArrayBuffer,
    gradients: gs.map((g) => ({ grad: g.grad.buffer as SharedArrayBuffer, hess: g.hess.buffer as SharedArrayBuffer })),
    ctrl: new SharedArrayBuffer(8 * 4),
    features: new SharedArrayBuffer(Math.max(1, data.d) * 4),
    scratch: new SharedArrayBuffer(histLength(data.d, channels) * 8),
  };
  const handle = start(init);
  if (!handle) return serial();
  const ctrl = new Int32Array(init.ctrl);
  const features = new Int32Array(init.features);
  const scratch = new Float64Array(init.scratch);
  const S = slotWidth(channels);
  let seq = 0;
  let dead = false;
  const builders = gs.map((g, index): HistogramBuilder => ({
    build(hist, range, fs) {
      const count = range.end - range.begin;
      if (dead || range.rows.buffer !== init.rows || count < SPLIT_MIN_ROWS || Atomics.load(ctrl, STATE) !== READY) {
        histogramSlice(data, g, hist, range, fs, 0, fs.length);
        return;
      }
      const mid = range.begin + (count >> 1);
      features.set(fs);
      Atomics.store(ctrl, BEGIN, mid);
      Atomics.store(ctrl, END, range.end);
      Atomics.store(ctrl, GRADIENT, index);
      Atomics.store(ctrl, FEATURES, fs.length);
      seq = (seq + 1) | 0 || 1;
      Atomics.store(ctrl, REQUEST, seq);
      Atomics.notify(ctrl, REQUEST);
      histogramSlice(data, g, hist, { rows: range.rows, begin: range.begin, end: mid }, fs, 0, fs.length);
      while (Atomics.load(ctrl, DONE) !== seq) {
        if (Atomics.wait(ctrl, DONE, Atomics.load(ctrl, DONE), HELPER_TIMEOUT_MS) === 'timed-out' && Atomics.load(ctrl, DONE) !== seq) {
          dead = true;
          Atomics.store(ctrl, REQUEST, -1);
          Atomics.notify(ctrl, REQUEST);
          histogramSlice(data, g, hist, range, fs, 0, fs.length);
          return;
        }
      }
      const len = SLOTS * S;
      for (let k = 0; k < fs.length; k++) {
        const hb = fs[k] * len;
        for (let i = hb; i < hb + len; i++) hist[i] += scratch[i];
      }
    },
  }));
  return {
    builders,
    // Two only once the helper answers: a helper still starting (or dead) does no work.
    threads: () => (!dead && Atomics.load(ctrl, STATE) === READY ? 2 : 1),
    stop() {
      Atomics.store(ctrl, REQUEST, -1);
      Atomics.notify(ctrl, REQUEST);
      handle.stop();
    },
  };
}

/** The helper's loop: waits for a request, sums its half of the rows into the scratch histogram, answers. Blocks until asked to stop. */
export function serveHistogramHelper(init: HistogramHelperInit): void {
  const ctrl = new Int32Array(init.ctrl);
  const data: BinnedData = { n: init.n, d: init.d, bins: new Uint8Array(init.bins), ...(init.byRow ? { byRow: new Uint8Array(init.byRow) } : {}), features: [] };
  const rows = new Uint32Array(init.rows);
  const features = new Int32Array(init.features);
  const scratch = new Float64Array(init.scratch);
  const gradients: Gradients[] = init.gradients.map((g) => ({ channels: init.channels, grad: new Float64Array(g.grad), hess: new Float64Array(g.hess), unitHess: init.unitHess }));
  Atomics.store(ctrl, STATE, READY);
  let seen = 0;
  for (;;) {
    Atomics.wait(ctrl, REQUEST, seen);
    const request = Atomics.load(ctrl, REQUEST);
    if (request === -1) return;
    if (request === seen) continue;
    seen = request;
    const range = { rows, begin: Atomics.load(ctrl, BEGIN), end: Atomics.load(ctrl, END) };
    histogramSlice(data, gradients[Atomics.load(ctrl, GRADIENT)], scratch, range, features, 0, Atomics.load(ctrl, FEATURES));
    Atomics.store(ctrl, DONE, request);
    Atomics.notify(ctrl, DONE);
  }
}

