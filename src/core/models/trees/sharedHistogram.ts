/**
 * Two threads on one training run: each pass over a node's rows (histogram, partition) or a round's
 * rows (gradients, quantisation, raw-score updates) is cut into chunks, and the training thread and
 * a helper (a nested worker in the studio, worker_threads in Node) each take the next chunk until
 * none is left, through shared memory and Atomics (helperProtocol.ts). Every pass gives the same
 * bytes however its chunks fall (histogram sums are exact on quantised gradients, see quantize.ts;
 * the rest is per row), so a helper that is missing, starting, asleep, failed or slow only changes
 * the speed; and the training thread never waits for a helper to wake, only for a chunk it took.
 */
import { SLOTS, type BinnedData } from './binning';
import { ADD_LEAVES, chunkRows, claimChunk, CTRL_SLOTS, GEN, GRADIENTS, GRADIENTS_ON_GRID, HELPER_DONE, HELPER_TIMEOUT_MS, finishedWord, HISTOGRAM, MAX_CHUNKS, openClaims, PARTITION, QUANTIZE, READY, runChunk, STATE, STOP, viewsOf, writeRequest, type BoostSpec, type HistogramHelperFactory, type HistogramHelperInit, type Request } from './helperProtocol';
import { histLength, histogramSlice, slotWidth, type Gradients, type HistogramBuilder } from './histogram';
import { addLeavesSlice, fixedGrid, gradientSlice, gradientsOnGrid, joinChunks, joinHalves, partitionSlice, quantizeSlice } from './rowPasses';
import { TrainingError } from '../types';
import { leafTable, serialTeam, steps, type RowTeam } from './rowTeam';

const isShared = (a: ArrayBufferView) => typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
const sab = (a: ArrayBufferView) => a.buffer as SharedArrayBuffer;

/**
 * Nodes with fewer rows get their histogram on one thread: publishing a pass and merging the
 * helper's histogram cost a few microseconds, as much as a few hundred rows take.
 */
export const SPLIT_MIN_ROWS = 4_096;
/** The same for the cheaper per-row passes (partitions, gradients, raw-score updates): a row costs a few nanoseconds there. */
export const PASS_MIN_ROWS = 16_384;
/** Rows per chunk: histograms (some nanoseconds per row and feature), and the per-row passes. */
const HISTOGRAM_CHUNK = 2_048;
const PASS_CHUNK = 4_096;

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
    counts: new SharedArrayBuffer(MAX_CHUNKS * 4),
    numbers: new SharedArrayBuffer(4 * 8),
    claims: new SharedArrayBuffer(2 * 8),
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
  const grid = boost && fixedGrid(boost, n);
  let gen = 0;
  let dead = false;
  const twoThreads = (count: number, min: number) => !dead && count >= min && Atomics.load(ctrl, STATE) === READY;
  /** Publishes request r: the helper starts taking its chunks. */
  const publish = (r: Request): void => {
    gen = (gen + 2) & 0x7ffffffe || 2;
    // Odd while the arguments are written: a helper reading them then reads them again.
    Atomics.store(ctrl, GEN, gen - 1);
    writeRequest(ctrl, r);
    openClaims(v.claims, gen);
    Atomics.store(ctrl, GEN, gen);
    Atomics.notify(ctrl, GEN);
  };
  /**
   * Takes the published request's chunks with the helper until none is left, then waits for the
   * helper's last chunks to end. Returns how many chunks the helper did (0: `into` and `maxima`
   * hold the whole pass).
   */
  const finish = (r: Request, into: Float64Array, maxima: Float64Array): number => {
    const chunks = Math.ceil((r.end - r.begin) / r.chunk);
    let taken = 0;
    for (let c = claimChunk(v.claims, gen, chunks); c >= 0; c = claimChunk(v.claims, gen, chunks)) {
      runChunk(v, r, c, into, maxima);
      taken++;
    }
    const helped = chunks - taken;
    if (helped > 0) {
      // The word is built once: a BigInt per look allocated while waiting, and the clock is read every 256 looks.
      const finished = finishedWord(gen, helped);
      const since = performance.now();
      for (let looks = 1; Atomics.load(v.claims, HELPER_DONE) !== finished; looks++) {
        if ((looks & 255) === 0 && performance.now() - since > HELPER_TIMEOUT_MS) {
          dead = true;
          throw new TrainingError('The second training thread stopped in the middle of its work. Train again; if it happens again, reload the page (or restart the command).');
        }
      }
    }
    return helped;
  };
  /** A gradient pass published ahead (`prefetchGradients`) and not yet ended. */
  let pending: { k: number; r: Request } | null = null;
  /** Ends a gradient pass published ahead, so that another request can be published. */
  const settle = (): void => {
    if (pending === null) return;
    const { k, r } = pending;
    pending = null;
    endGradients(k, r);
  };
  const run = (r: Request, into: Float64Array, maxima: Float64Array): number => {
    settle();
    publish(r);
    return finish(r, into, maxima);
  };
  const request = (op: number, begin: number, end: number, index: number, extra: Partial<Request> = {}): Request => ({
    op, begin, end, index, chunk: chunkRows(end - begin, op === HISTOGRAM ? HISTOGRAM_CHUNK : PASS_CHUNK), features: 0, feature: 0, leaves: 0, ...extra,
  });
  const ours = (range: { rows: Uint32Array }) => range.rows.buffer === init.rows;
  const none = new Float64Array(0);
  const partition: HistogramBuilder['partition'] = (range, feature, left) => {
    const { begin, end } = range;
    if (!twoThreads(end - begin, PASS_MIN_ROWS) || !ours(range)) {
      const l = partitionSlice(data.bins, feature * n, left, range.rows, begin, end, v.spill, begin);
      return joinHalves(range.rows, v.spill, begin, end, end, l, 0);
    }
    v.side.set(left);
    const r = request(PARTITION, begin, end, 0, { feature });
    run(r, none, none);
    return joinChunks(range.rows, v.spill, begin, end, r.chunk, v.counts);
  };
  const builders = gs.map((g, index): HistogramBuilder => ({
    build(hist, range, fs) {
      const count = range.end - range.begin;
      if (!ours(range) || !twoThreads(count, SPLIT_MIN_ROWS)) {
        histogramSlice(data, g, hist, range, fs, 0, fs.length);
        return;
      }
      const len = SLOTS * slotWidth(channels);
      for (let k = 0; k < fs.length; k++) {
        hist.fill(0, fs[k] * len, (fs[k] + 1) * len);
        v.scratch.fill(0, fs[k] * len, (fs[k] + 1) * len);
      }
      v.features.set(fs);
      if (run(request(HISTOGRAM, range.begin, range.end, index, { features: fs.length }), hist, none) === 0) return;
      for (let k = 0; k < fs.length; k++) {
        const hb = fs[k] * len;
        for (let i = hb; i < hb + len; i++) hist[i] += v.scratch[i];
      }
    },
    partition,
  }));
  /** Publishes gradient set k's pass for the helper to start on; null when this thread does it alone. */
  function startGradients(k: number): Request | null {
    if (!twoThreads(n, PASS_MIN_ROWS)) return null;
    if (grid) {
      v.numbers[2] = grid[0];
      v.numbers[3] = grid[1];
    } else v.numbers[0] = v.numbers[1] = 0;
    const r = request(grid ? GRADIENTS_ON_GRID : GRADIENTS, 0, n, k);
    publish(r);
    return r;
  }
  /** Ends gradient set k's pass `r` (from `startGradients`): takes what chunks are left, then quantises where the grid comes from the gradients. */
  function endGradients(k: number, r: Request | null): void {
    const g = gs[k];
    if (r === null) {
      if (grid) return gradientsOnGrid(boost!, g, k, 0, n, grid[0], grid[1]);
      gradientSlice(boost!, g, k, 0, n, mine, 0);
      const [sg, sh] = steps(mine, n);
      quantizeSlice(g, 0, n, sg, sh);
      return;
    }
    if (grid) {
      finish(r, none, none);
      return;
    }
    mine.fill(0);
    if (finish(r, none, mine) > 0) {
      mine[0] = Math.max(mine[0], v.numbers[0]);
      mine[1] = Math.max(mine[1], v.numbers[1]);
    }
    const [sg, sh] = steps(mine, n);
    v.numbers[2] = sg;
    v.numbers[3] = sh;
    run(request(QUANTIZE, 0, n, k), none, none);
  }
  return {
    builders,
    gradients(k) {
      if (pending !== null && pending.k === k) {
        const { r } = pending;
        pending = null;
        endGradients(k, r);
        return;
      }
      settle();
      endGradients(k, startGradients(k));
    },
    prefetchGradients(k) {
      settle();
      const r = startGradients(k);
      if (r !== null) pending = { k, r };
    },
    addLeaves(k, grown, rs) {
      let total = 0;
      for (const e of grown.leafEnd) total = Math.max(total, e);
      const count = leafTable(grown, v.leaves);
      if (!twoThreads(total, PASS_MIN_ROWS) || !ours({ rows: rs })) {
        addLeavesSlice(rs, boost!.raw, boost!.outputs, k, v.leaves, count, 0, total);
        return;
      }
      run(request(ADD_LEAVES, 0, total, k, { leaves: count }), none, none);
    },
    // Two only once the helper answers: a helper still starting (or dead) does no work.
    threads: () => (!dead && Atomics.load(ctrl, STATE) === READY ? 2 : 1),
    stop() {
      // A pass published ahead and never asked for (early stopping ended the rounds) is ended first,
      // so the helper is idle when told to stop. The model needs nothing from it: a helper that
      // stopped answering meanwhile (`dead`) is ended below instead of failing the finished run.
      try {
        if (!dead) settle();
      } catch {
        dead = true;
      }
      Atomics.store(ctrl, STOP, 1);
      Atomics.store(ctrl, GEN, (gen + 2) & 0x7ffffffe || 2);
      Atomics.notify(ctrl, GEN);
      handle.stop(!dead);
    },
  };
}

