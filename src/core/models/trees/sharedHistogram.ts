/**
 * Two threads on one training run: for each pass over a node's rows (histogram, partition) or a
 * round's rows (gradients, quantisation, raw-score updates), the training thread takes the first
 * half of the rows while a helper (a nested worker in the studio, worker_threads in Node) takes
 * the second, through shared memory and Atomics. Every pass gives the same bytes however its rows
 * are split (histogram sums are exact on quantised gradients, see quantize.ts; the rest is per
 * row), so a helper that is missing, starting, failed or dead only changes the speed.
 */
import { SLOTS, type BinnedData } from './binning';
import { ADD_LEAVES, BEGIN, CTRL_SLOTS, DONE, END, FEATURE, FEATURES, GRADIENT, GRADIENTS, HELPER_TIMEOUT_MS, HISTOGRAM, LEAVES, OP, PARTITION, QUANTIZE, READY, REQUEST, RESULT, serveRequest, STATE, spinWhile, viewsOf, WAIT_SLICE_MS, type BoostSpec, type HistogramHelperFactory, type HistogramHelperInit } from './helperProtocol';
import { histLength, histogramSlice, slotWidth, type Gradients, type HistogramBuilder } from './histogram';
import { addLeavesSlice, gradientSlice, joinHalves, partitionSlice, quantizeSlice } from './rowPasses';
import { leafTable, serialTeam, steps, type RowTeam } from './rowTeam';

const isShared = (a: ArrayBufferView) => typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
const sab = (a: ArrayBufferView) => a.buffer as SharedArrayBuffer;

/** Nodes with fewer rows get their histogram on one thread (waking a helper costs more than it saves). */
export const SPLIT_MIN_ROWS = 8_192;
/** The same for the cheaper per-row passes (partitions, gradients, raw-score updates): a row costs a few nanoseconds there. */
export const PASS_MIN_ROWS = 16_384;

/**
 * The row work for each gradient set over `data` (and boosting's passes when `boost` is given),
 * sharing one helper. Falls back to one thread when the buffers are not shared or no helper starts.
 */
export function sharedTeam(data: BinnedData, gs: Gradients[], rows: Uint32Array, boost: BoostSpec | null, start: HistogramHelperFactory): RowTeam {
  const channels = gs[0]?.channels ?? 1;
  const buffers = [data.bins, rows, ...gs.flatMap((g) => [g.grad, g.hess]), ...(boost ? [boost.y, boost.raw, ...(boost.weights ? [boost.weights] : [])] : [])];
  if (!buffers.every(isShared)) return serialTeam(data, gs, boost);
  const init: HistogramHelperInit = {
    n: data.n,
    d: data.d,
    channels,
    bins: sab(data.bins),
    byRow: data.byRow && isShared(data.byRow) ? sab(data.byRow) : null,
    unitHess: gs.every((g) => g.unitHess === true),
    rows: sab(rows),
    gradients: gs.map((g) => ({ grad: sab(g.grad), hess: sab(g.hess) })),
    ctrl: new SharedArrayBuffer(CTRL_SLOTS * 4),
    features: new SharedArrayBuffer(Math.max(1, data.d) * 4),
    scratch: new SharedArrayBuffer(histLength(data.d, channels) * 8),
    spill: new SharedArrayBuffer(Math.max(1, data.n) * 4),
    side: new SharedArrayBuffer(SLOTS),
    numbers: new SharedArrayBuffer(4 * 8),
    boost: boost && {
      task: boost.task,
      numClasses: boost.numClasses,
      regression: boost.regression,
      y: sab(boost.y),
      integerY: boost.y instanceof Int32Array,
      weights: boost.weights ? sab(boost.weights) : null,
      raw: sab(boost.raw),
      outputs: boost.outputs,
      leaves: new SharedArrayBuffer(3 * 8 * boost.maxLeaves),
    },
  };
  const handle = start(init);
  if (!handle) return serialTeam(data, gs, boost);
  const v = viewsOf(init);
  // The training thread's own views, so a pass on one thread uses the same buffers as on two.
  if (boost) v.boost = boost;
  const ctrl = new Int32Array(init.ctrl);
  const mine = new Float64Array(2);
  const n = data.n;
  let seq = 0;
  let dead = false;
  // On a machine busier than its cores, a helper may not run for milliseconds after it is asked,
  // and waiting for it costs more than doing its share: after an answer that came later than our
  // own share took, the next node passes run alone (1, 2, 4 … up to 256 of them) before it is tried
  // again. Passes over a quarter of the rows or more (each round's, the top nodes') always share.
  let skip = 0;
  let backoff = 0;
  let askedAt = 0;
  const twoThreads = (count: number, min: number) => {
    if (dead || count < min || Atomics.load(ctrl, STATE) !== READY) return false;
    if (skip === 0 || count * 4 >= n) return true;
    skip--;
    return false;
  };
  const judge = (own: number, waited: number) => {
    backoff = waited > own ? Math.min(256, 2 * backoff || 1) : 0;
    skip = backoff;
  };
  /** Asks the helper for `op` over rows begin..end (its other arguments already stored). */
  const ask = (op: number, begin: number, end: number, index: number) => {
    Atomics.store(ctrl, OP, op);
    Atomics.store(ctrl, BEGIN, begin);
    Atomics.store(ctrl, END, end);
    Atomics.store(ctrl, GRADIENT, index);
    seq = (seq + 1) | 0 || 1;
    Atomics.store(ctrl, REQUEST, seq);
    Atomics.notify(ctrl, REQUEST);
    askedAt = performance.now();
  };
  /** Waits for the helper's answer; one silent for too long is taken for dead and its share is done here. */
  const answer = () => {
    const ownDone = performance.now();
    while (Atomics.load(ctrl, DONE) !== seq) {
      const done = Atomics.load(ctrl, DONE);
      if (!spinWhile(ctrl, DONE, done)) Atomics.wait(ctrl, DONE, done, WAIT_SLICE_MS);
      if (Atomics.load(ctrl, DONE) !== seq && performance.now() - ownDone > HELPER_TIMEOUT_MS) {
        dead = true;
        Atomics.store(ctrl, REQUEST, -1);
        Atomics.notify(ctrl, REQUEST);
        serveRequest(v, ctrl);
        return;
      }
    }
    judge(ownDone - askedAt, performance.now() - ownDone);
  };
  const ours = (range: { rows: Uint32Array }) => range.rows.buffer === init.rows;
  const partition: HistogramBuilder['partition'] = (range, feature, left) => {
    const { begin, end } = range;
    const mid = twoThreads(end - begin, PASS_MIN_ROWS) && ours(range) ? begin + ((end - begin) >> 1) : end;
    if (mid < end) {
      v.side.set(left);
      Atomics.store(ctrl, FEATURE, feature);
      ask(PARTITION, mid, end, 0);
    }
    const leftA = partitionSlice(data.bins, feature * n, left, range.rows, begin, mid, v.spill, begin);
    if (mid < end) answer();
    return joinHalves(range.rows, v.spill, begin, mid, end, leftA, mid < end ? Atomics.load(ctrl, RESULT) : 0);
  };
  const builders = gs.map((g, index): HistogramBuilder => ({
    build(hist, range, fs) {
      const count = range.end - range.begin;
      if (!ours(range) || !twoThreads(count, SPLIT_MIN_ROWS)) {
        histogramSlice(data, g, hist, range, fs, 0, fs.length);
        return;
      }
      const mid = range.begin + (count >> 1);
      v.features.set(fs);
      Atomics.store(ctrl, FEATURES, fs.length);
      ask(HISTOGRAM, mid, range.end, index);
      histogramSlice(data, g, hist, { rows: range.rows, begin: range.begin, end: mid }, fs, 0, fs.length);
      answer();
      const len = SLOTS * slotWidth(channels);
      for (let k = 0; k < fs.length; k++) {
        const hb = fs[k] * len;
        for (let i = hb; i < hb + len; i++) hist[i] += v.scratch[i];
      }
    },
    partition,
  }));
  return {
    builders,
    gradients(k) {
      const g = gs[k];
      const mid = twoThreads(n, PASS_MIN_ROWS) ? n >> 1 : n;
      if (mid < n) ask(GRADIENTS, mid, n, k);
      gradientSlice(boost!, g, k, 0, mid, mine, 0);
      if (mid < n) {
        answer();
        // maxAbs never returns NaN, so the larger of the halves' maxima is the whole's.
        mine[0] = Math.max(mine[0], v.numbers[0]);
        mine[1] = Math.max(mine[1], v.numbers[1]);
      }
      const [sg, sh] = steps(mine, n);
      const half = twoThreads(n, PASS_MIN_ROWS) ? n >> 1 : n;
      if (half < n) {
        v.numbers[2] = sg;
        v.numbers[3] = sh;
        ask(QUANTIZE, half, n, k);
      }
      quantizeSlice(g, 0, half, sg, sh);
      if (half < n) answer();
    },
    addLeaves(k, grown, rs) {
      let total = 0;
      for (const e of grown.leafEnd) total = Math.max(total, e);
      const count = leafTable(grown, v.leaves);
      const mid = twoThreads(total, PASS_MIN_ROWS) && ours({ rows: rs }) ? total >> 1 : total;
      if (mid < total) {
        Atomics.store(ctrl, LEAVES, count);
        ask(ADD_LEAVES, mid, total, k);
      }
      addLeavesSlice(rs, boost!.raw, boost!.outputs, k, v.leaves, count, 0, mid);
      if (mid < total) answer();
    },
    // Two only once the helper answers: a helper still starting (or dead) does no work.
    threads: () => (!dead && Atomics.load(ctrl, STATE) === READY ? 2 : 1),
    stop() {
      Atomics.store(ctrl, REQUEST, -1);
      Atomics.notify(ctrl, REQUEST);
      handle.stop(!dead);
    },
  };
}

