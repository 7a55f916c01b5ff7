import type { Moments } from '../stats';

/**
 * The finite values of an integer-lattice column as counts per slot: slot `s` stands for the value
 * `min + s·step`, so the slots are in ascending value order and the counts replace an n-row sorted copy.
 */
export interface LatticeCounts {
  /** Value of slot 0, the smallest finite value. */
  min: number;
  /** Distance between neighbouring slots; 0 when every finite value is `min` (then there is one slot). */
  step: number;
  /** How many finite values sit in each slot (0 for a lattice point no row takes). */
  counts: Int32Array;
  /** Finite values in all (the sum of `counts`). */
  n: number;
}

/** Where a column's values lie, as `scanFinite` reports it. */
export interface LatticeShape {
  finite: number;
  min: number;
  step: number;
  slots: number;
}

/** Counts per lattice slot of the finite values of `values`, all on the lattice `shape` describes. */
export function countLattice(values: Float64Array, shape: LatticeShape): LatticeCounts {
  const { min, step, slots, finite } = shape;
  const counts = new Int32Array(slots);
  if (step === 0) {
    if (slots > 0) counts[0] = finite;
    return { min, step, counts, n: finite };
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) counts[(v - min) / step]++;
  }
  return { min, step, counts, n: finite };
}

/** Value of the slot holding 0-based rank `rank` of the ascending values (`rank < n`), for each of the ascending `ranks`. */
export function valuesAtRanks(lattice: LatticeCounts, ranks: readonly number[]): number[] {
  const { min, step, counts } = lattice;
  const out = new Array<number>(ranks.length);
  let r = 0;
  let end = 0;
  for (let s = 0; s < counts.length && r < ranks.length; s++) {
    end += counts[s];
    while (r < ranks.length && ranks[r] < end) out[r++] = min + s * step;
  }
  return out;
}

/** `quantileSorted` for each of `ps` (NumPy's linear method), read from the counts: same arithmetic, same results. */
export function quantilesFromCounts(lattice: LatticeCounts, ps: readonly number[]): number[] {
  const n = lattice.n;
  if (n === 0) return ps.map(() => NaN);
  const pos = ps.map((p) => p * (n - 1));
  const los = pos.map((x) => Math.floor(x));
  const ranks = [...new Set([...los, ...los.map((lo) => Math.min(lo + 1, n - 1))])].sort((a, b) => a - b);
  const found = valuesAtRanks(lattice, ranks);
  const at = new Map(ranks.map((r, i) => [r, found[i]]));
  return pos.map((x, i) => {
    const lo = los[i];
    const frac = x - lo;
    const a = at.get(lo) as number;
    const b = at.get(Math.min(lo + 1, n - 1)) as number;
    return frac === 0 || a === b ? a : a + (b - a) * frac;
  });
}

/**
 * `computeMoments` of the ascending values the counts stand for. Each sum adds every row's term in
 * ascending order, as the sorted path does, so the results are the same bit for bit.
 */
export function momentsFromCounts(lattice: LatticeCounts): Moments {
  const { min, step, counts, n } = lattice;
  if (n === 0) return { n: 0, mean: NaN, sum: 0, m2: NaN, m3: NaN, m4: NaN };
  let sum = 0;
  for (let s = 0; s < counts.length; s++) {
    const v = min + s * step;
    for (let c = counts[s]; c > 0; c--) sum += v;
  }
  let mean = sum / n;
  let corr = 0;
  for (let s = 0; s < counts.length; s++) {
    const d = min + s * step - mean;
    for (let c = counts[s]; c > 0; c--) corr += d;
  }
  mean += corr / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let s = 0; s < counts.length; s++) {
    const c = counts[s];
    if (c === 0) continue;
    const d = min + s * step - mean;
    const d2 = d * d;
    const d3 = d2 * d;
    const d4 = d2 * d2;
    for (let j = 0; j < c; j++) {
      m2 += d2;
      m3 += d3;
      m4 += d4;
    }
  }
  return { n, mean, sum, m2, m3, m4 };
}

/**
 * `madSorted` from the counts: the deviations |x − median| grow outwards from the median on both
 * sides, so walking whole slots outwards visits them in ascending order.
 */
export function madFromCounts(lattice: LatticeCounts, median: number): number {
  const { min, step, counts, n } = lattice;
  if (n === 0) return NaN;
  const slots = counts.length;
  const value = (s: number) => min + s * step;
  // Left: last slot with value <= median; right: the one after.
  let lo = -1;
  while (lo + 1 < slots && value(lo + 1) <= median) lo++;
  let hi = lo + 1;
  let leftL = lo >= 0 ? counts[lo] : 0;
  let leftR = hi < slots ? counts[hi] : 0;
  const kLow = Math.floor((n - 1) / 2);
  const kHigh = Math.ceil((n - 1) / 2);
  let k = 0;
  let prev = NaN;
  let havePrev = false;
  for (;;) {
    while (lo >= 0 && leftL === 0) leftL = --lo >= 0 ? counts[lo] : 0;
    while (hi < slots && leftR === 0) leftR = ++hi < slots ? counts[hi] : 0;
    const dl = lo >= 0 ? median - value(lo) : Infinity;
    const dr = hi < slots ? value(hi) - median : Infinity;
    let d: number;
    let c: number;
    if (dl <= dr) {
      d = dl;
      c = leftL;
      leftL = 0;
    } else {
      d = dr;
      c = leftR;
      leftR = 0;
    }
    // Ranks k .. k + c - 1 of the deviations all equal d.
    const end = k + c;
    if (!havePrev && kLow < end) {
      if (kLow === kHigh) return d;
      prev = d;
      havePrev = true;
    }
    if (havePrev && kHigh < end) return (prev + d) / 2;
    k = end;
  }
}
