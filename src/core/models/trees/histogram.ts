/**
 * Gradient histograms: per feature and bin, the sums of each gradient channel, of the hessian and
 * of the rows. Slot layout [g_0 … g_{C-1}, h, count]; a leaf's histogram covers every feature
 * (d × SLOTS slots) so a child can be derived from its parent and sibling by subtraction.
 */
import { SLOTS, type BinnedData } from './binning';
import { rowWiseHistogram } from './rowHistogram';

/** Where a node's rows are: rows[begin..end) of a shared row-index array. */
export interface RowRange {
  rows: Uint32Array;
  begin: number;
  end: number;
}

/** Gradients for every row of the binned data: `channels` per row, row-major, and one hessian. */
export interface Gradients {
  channels: number;
  grad: Float64Array;
  hess: Float64Array;
  /** Every hessian is 1 (unweighted regression): sums of hessians are row counts, and are not read. */
  unitHess?: boolean;
}

/** A node's row work: its histogram and its partition at a split. Implementations may spread rows over threads. */
export interface HistogramBuilder {
  /** Fills `hist` for `features` from the node's rows. */
  build(hist: Float64Array, range: RowRange, features: Int32Array): void;
  /** Stable partition of the node's rows by `left[bin]` of `feature`: left rows first. Returns the first right index. */
  partition(range: RowRange, feature: number, left: Uint8Array): number;
}

export const slotWidth = (channels: number) => channels + 2;
export const histLength = (d: number, channels: number) => d * SLOTS * slotWidth(channels);

/**
 * Sums the histogram of features `features[from..to)` over rows rows[begin..end) into `hist`, whose
 * slots for those features are zeroed first unless `zero` is false (then the sums are added to what
 * they hold: one histogram from several slices of rows). Sums of quantised gradients are exact, so
 * the result is the same whichever thread sums which rows or features.
 */
export function histogramSlice(data: BinnedData, g: Gradients, hist: Float64Array, range: RowRange, features: Int32Array, from: number, to: number, zero = true): void {
  if (data.byRow && g.channels === 1) {
    rowWiseHistogram(data.byRow, data.d, range.rows, range.begin, range.end, g.grad, g.unitHess ? null : g.hess, hist, features, from, to, zero);
    return;
  }
  const { bins, n } = data;
  const { rows, begin, end } = range;
  const C = g.channels;
  const S = slotWidth(C);
  const grad = g.grad;
  const hess = g.hess;
  for (let k = from; k < to; k++) {
    const f = features[k];
    const off = f * n;
    const hb = f * SLOTS * S;
    if (zero) hist.fill(0, hb, hb + SLOTS * S);
    if (C === 1) {
      if (k === from) gather(g, range);
      const og = ordered.grad;
      const oh = ordered.hess;
      // Odd rows go to a second histogram: consecutive rows often share a bin, and one chain of
      // adds on the same slot waits on each previous add. The sums are exact, so merging is free.
      const odd = ordered.odd.fill(0);
      let i = begin;
      let j = 0;
      if (g.unitHess) {
        unitSlice(bins, off, rows, begin, end, og, hist, hb, odd);
        continue;
      }
      for (; i + 1 < end; i += 2, j += 2) {
        const a = hb + bins[off + rows[i]] * 3;
        const c = bins[off + rows[i + 1]] * 3;
        hist[a] += og[j];
        hist[a + 1] += oh[j];
        hist[a + 2] += 1;
        odd[c] += og[j + 1];
        odd[c + 1] += oh[j + 1];
        odd[c + 2] += 1;
      }
      if (i < end) {
        const a = hb + bins[off + rows[i]] * 3;
        hist[a] += og[j];
        hist[a + 1] += oh[j];
        hist[a + 2] += 1;
      }
      for (let t = 0; t < SLOTS * 3; t++) hist[hb + t] += odd[t];
    } else {
      for (let i = begin; i < end; i++) {
        const r = rows[i];
        const b = hb + bins[off + r] * S;
        const gr = r * C;
        for (let c = 0; c < C; c++) hist[b + c] += grad[gr + c];
        hist[b + C] += hess[r];
        hist[b + C + 1] += 1;
      }
    }
  }
}

/**
 * `histogramSlice` of one feature when every hessian is 1: the hessian sums are the row counts,
 * so only gradients and counts are added (the same two-histogram interleave).
 */
function unitSlice(bins: Uint8Array, off: number, rows: Uint32Array, begin: number, end: number, og: Float64Array, hist: Float64Array, hb: number, odd: Float64Array): void {
  let i = begin;
  let j = 0;
  for (; i + 1 < end; i += 2, j += 2) {
    const a = hb + bins[off + rows[i]] * 3;
    const c = bins[off + rows[i + 1]] * 3;
    hist[a] += og[j];
    hist[a + 2] += 1;
    odd[c] += og[j + 1];
    odd[c + 2] += 1;
  }
  if (i < end) {
    const a = hb + bins[off + rows[i]] * 3;
    hist[a] += og[j];
    hist[a + 2] += 1;
  }
  for (let t = 0; t < SLOTS * 3; t += 3) {
    hist[hb + t] += odd[t];
    hist[hb + t + 2] += odd[t + 2];
    hist[hb + t + 1] = hist[hb + t + 2];
  }
}

/** A node's gradients in its row order (LightGBM's "ordered gradients"): read once, then sequentially per feature. */
const ordered = { grad: new Float64Array(0), hess: new Float64Array(0), odd: new Float64Array(SLOTS * 3) };

function gather(g: Gradients, range: RowRange): void {
  const m = range.end - range.begin;
  if (ordered.grad.length < m) {
    ordered.grad = new Float64Array(m);
    ordered.hess = new Float64Array(m);
  }
  const { rows, begin, end } = range;
  const og = ordered.grad;
  const oh = ordered.hess;
  const grad = g.grad;
  if (g.unitHess) {
    for (let i = begin, j = 0; i < end; i++, j++) og[j] = grad[rows[i]];
    return;
  }
  const hess = g.hess;
  for (let i = begin, j = 0; i < end; i++, j++) {
    const r = rows[i];
    og[j] = grad[r];
    oh[j] = hess[r];
  }
}

/** parent − child, in place into `parent`, for `features`. */
export function subtractInto(parent: Float64Array, child: Float64Array, features: Int32Array, channels: number): void {
  const len = SLOTS * slotWidth(channels);
  for (let k = 0; k < features.length; k++) {
    const hb = features[k] * len;
    for (let i = hb; i < hb + len; i++) parent[i] -= child[i];
  }
}
