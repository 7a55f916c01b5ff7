/**
 * The best split of one node from its histogram: numeric features scan bins in order with missing
 * values tried on each side; categorical features sort their bins by gradient over hessian (as
 * LightGBM does) and scan the sorted order from both ends, or try each category alone when there
 * are few. Gain is the reduction of the regularised second-order loss, Σ_c G_c² / (H + λ).
 */
import { MISSING_BIN, SLOTS, type FeatureBins } from './binning';
import { slotWidth } from './histogram';

export interface SplitParams {
  channels: number;
  l2: number;
  minSamplesLeaf: number;
  minHessian: number;
  /** Smallest gain worth a split. */
  minGain: number;
  /** Categorical: at most this many categories go left. Default 32. */
  maxCategoriesLeft: number;
  /** Categorical: added to the hessian when ordering categories, so rare ones are not ranked by noise. */
  categorySmooth: number;
  /** Categorical: up to this many categories, each is tried alone instead of sorting. */
  oneVsRestBelow: number;
}

export interface NodeSums {
  /** Per channel. */
  G: Float64Array;
  H: number;
  N: number;
}

export interface Split {
  feature: number;
  gain: number;
  /** Numeric: rows with bin <= bin go left. */
  bin: number;
  /** Categorical: bins that go left (mask over SLOTS). */
  leftBins: Uint8Array | null;
  missingLeft: boolean;
  left: NodeSums;
  right: NodeSums;
}

export function score(G: Float64Array, H: number, l2: number): number {
  let s = 0;
  for (let c = 0; c < G.length; c++) s += G[c] * G[c];
  return s / (H + l2);
}

/** A scratch accumulator for one side of a candidate split. */
class Side {
  G: Float64Array;
  H = 0;
  N = 0;
  constructor(channels: number) {
    this.G = new Float64Array(channels);
  }
  reset(): void {
    this.G.fill(0);
    this.H = 0;
    this.N = 0;
  }
  add(hist: Float64Array, at: number): void {
    const C = this.G.length;
    for (let c = 0; c < C; c++) this.G[c] += hist[at + c];
    this.H += hist[at + C];
    this.N += hist[at + C + 1];
  }
  sums(): NodeSums {
    return { G: this.G.slice(), H: this.H, N: this.N };
  }
}

/** Finds the best split of a node over `features`, or null when none gains more than `minGain`. */
export function bestSplit(hist: Float64Array, features: Int32Array, bins: FeatureBins[], total: NodeSums, p: SplitParams): Split | null {
  const finder = new SplitFinder(p, total);
  for (let k = 0; k < features.length; k++) {
    const f = features[k];
    if (bins[f].categorical) finder.categorical(hist, f, bins[f]);
    else finder.numeric(hist, f, bins[f]);
  }
  return finder.best;
}

/** Scratch for categorical candidates (one per thread); a split that wins copies it. */
const categoryMask = new Uint8Array(SLOTS);

class SplitFinder {
  best: Split | null = null;
  private readonly S: number;
  private readonly parent: number;
  private readonly left: Side;
  private readonly right: Side;
  constructor(private readonly p: SplitParams, private readonly total: NodeSums) {
    this.S = slotWidth(p.channels);
    this.parent = score(total.G, total.H, p.l2);
    this.left = new Side(p.channels);
    this.right = new Side(p.channels);
  }

  /** Scores the current left side against the rest; keeps it when best so far. */
  private consider(f: number, bin: number, leftBins: Uint8Array | null, missingLeft: boolean, hasMissing: boolean): 'ok' | 'small-left' | 'small-right' {
    const { p, left, right, total } = this;
    if (left.N < p.minSamplesLeaf || left.H < p.minHessian) return 'small-left';
    right.N = total.N - left.N;
    right.H = total.H - left.H;
    for (let c = 0; c < p.channels; c++) right.G[c] = total.G[c] - left.G[c];
    if (right.N < p.minSamplesLeaf || right.H < p.minHessian) return 'small-right';
    const gain = score(left.G, left.H, p.l2) + score(right.G, right.H, p.l2) - this.parent;
    if (gain > p.minGain && gain > 1e-12 && (this.best === null || gain > this.best.gain)) {
      // With no missing values here, unseen ones follow the larger side (as scikit-learn does).
      const ml = hasMissing ? missingLeft : left.N >= right.N;
      this.best = { feature: f, gain, bin, leftBins: leftBins && leftBins.slice(), missingLeft: ml, left: left.sums(), right: right.sums() };
    }
    return 'ok';
  }

  numeric(hist: Float64Array, f: number, fb: FeatureBins): void {
    const S = this.S;
    const hb = f * SLOTS * S;
    const missingAt = hb + MISSING_BIN * S;
    const hasMissing = hist[missingAt + S - 1] > 0;
    for (const missingLeft of hasMissing ? [false, true] : [false]) {
      this.left.reset();
      if (missingLeft) this.left.add(hist, missingAt);
      // With missing values on the right, every value may go left: the split on missingness alone.
      const last = hasMissing && !missingLeft ? fb.count : fb.count - 1;
      for (let b = 0; b < last; b++) {
        this.left.add(hist, hb + b * S);
        if (this.consider(f, b, null, missingLeft, hasMissing) === 'small-right') break;
      }
    }
  }

  categorical(hist: Float64Array, f: number, fb: FeatureBins): void {
    const { S, p } = this;
    const hb = f * SLOTS * S;
    const missingAt = hb + MISSING_BIN * S;
    const hasMissing = hist[missingAt + S - 1] > 0;
    const used: number[] = [];
    for (let b = 0; b < fb.count; b++) if (hist[hb + b * S + S - 1] > 0) used.push(b);
    if (used.length < 2 && !(used.length === 1 && hasMissing)) return;
    const mask = categoryMask.fill(0);
    const tryLeft = (chosen: number[]) => {
      for (const missingLeft of hasMissing ? [false, true] : [false]) {
        this.left.reset();
        mask.fill(0);
        if (missingLeft) this.left.add(hist, missingAt);
        for (const b of chosen) {
          this.left.add(hist, hb + b * S);
          mask[b] = 1;
        }
        this.consider(f, -1, mask, missingLeft, hasMissing);
      }
    };
    // Every known category against the missing ones: the split on missingness alone.
    if (hasMissing && used.length > 1) tryLeft(used);
    if (used.length <= p.oneVsRestBelow) {
      for (const b of used) tryLeft([b]);
      return;
    }
    const C = p.channels;
    const ratio = (b: number) => {
      let g = 0;
      for (let c = 0; c < C; c++) g += hist[hb + b * S + c];
      return g / (hist[hb + b * S + C] + p.categorySmooth);
    };
    const order = used.map((b) => ({ b, r: ratio(b) })).sort((a, c) => a.r - c.r || a.b - c.b).map((x) => x.b);
    const limit = Math.min(p.maxCategoriesLeft, order.length - 1);
    // Prefixes of the sorted order, from both ends, grown one category at a time.
    for (const seq of [order, order.slice().reverse()]) {
      for (const missingLeft of hasMissing ? [false, true] : [false]) {
        this.left.reset();
        mask.fill(0);
        if (missingLeft) this.left.add(hist, missingAt);
        for (let k = 0; k < limit; k++) {
          this.left.add(hist, hb + seq[k] * S);
          mask[seq[k]] = 1;
          this.consider(f, -1, mask, missingLeft, hasMissing);
        }
      }
    }
  }
}
