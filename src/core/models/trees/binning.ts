/**
 * Features binned once, on the training rows: numeric columns into at most `maxBins` quantile
 * bins, categorical columns (ordinal codes) into one bin per frequent category plus one for the
 * rare ones. The last slot of every feature (`MISSING_BIN`) holds missing values, so a split
 * can learn where they go.
 */

/** Histogram slots per feature: value bins 0..254 and the missing bin. */
export const SLOTS = 256;
export const MISSING_BIN = 255;

export interface FeatureBins {
  categorical: boolean;
  /** Value bins in use (missing excluded). */
  count: number;
  /** Numeric: bin b holds values <= upper[b] (float32 values; the last bin is unbounded). */
  upper: Float64Array;
  /** Categorical: the category codes in each bin. */
  codes: number[][];
  /** Categorical: code → bin (codes absent from training map to the missing bin). */
  binOfCode: Uint8Array;
}

export interface BinnedData {
  n: number;
  d: number;
  /** Column-major: bins[f * n + row]. */
  bins: Uint8Array;
  /**
   * The same bins row-major (byRow[row * d + f]), built for two features or more: single-channel
   * histograms read one row's bins together (rowHistogram.ts), one cache line per row.
   */
  byRow?: Uint8Array;
  features: FeatureBins[];
}

export interface BinningOptions {
  /** Value bins per numeric feature, 2..255. Default 255. */
  maxBins?: number;
  /** Categories with fewer training rows share one "rare" bin. Default 10. */
  minCategoryRows?: number;
  /** Rows sampled to place numeric bin edges (as LightGBM does). Default 200,000. */
  sampleRows?: number;
  /** Allocates the bins array (a SharedArrayBuffer view when a helper thread reads it). */
  allocate?: (length: number) => Uint8Array;
}

/** Places bin edges for every feature on rows `rows` of X (row-major n × d). */
export function fitBins(X: Float32Array, d: number, rows: ArrayLike<number>, categorical: ReadonlySet<number>, o: BinningOptions = {}): FeatureBins[] {
  const maxBins = Math.min(255, Math.max(2, o.maxBins ?? 255));
  const sampleRows = o.sampleRows ?? 200_000;
  const step = rows.length > sampleRows ? rows.length / sampleRows : 1;
  const features: FeatureBins[] = [];
  for (let f = 0; f < d; f++) {
    if (categorical.has(f)) {
      features.push(categoryBins(X, d, f, rows, o.minCategoryRows ?? 10));
      continue;
    }
    const values = new Float32Array(Math.ceil(rows.length / step));
    const sample = values.subarray(0, sampleInto(values, X, d, f, rows, step));
    features.push(numericBins(allWhole(sample) ? countWhole(sample) : countSorted(sortFloat32(sample)), sample.length, maxBins));
  }
  return features;
}

/**
 * Writes feature f's values on every `step`-th row into `values` (missing values left out) and
 * returns how many. Each pass over the rows is a function of its own with nothing after its loop:
 * V8 compiles a long loop while it runs, and code after it that had not run yet sent the compiled
 * code back to the interpreter (several times per binning of the flight-delay task). With each
 * loop alone (and the row indices from `iota`), binning those 144,000 rows in a fresh CLI process
 * took 33–44 ms against 61–133 ms.
 */
function sampleInto(values: Float32Array, X: Float32Array, d: number, f: number, rows: ArrayLike<number>, step: number): number {
  let m = 0;
  for (let i = 0; i < rows.length; i += step) {
    const v = X[rows[Math.floor(i)] * d + f];
    if (v === v) values[m++] = v;
  }
  return m;
}

/** Whether every value is a whole number in 0..DENSE_VALUES-1 (tallied, not sorted). */
function allWhole(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0 && v < DENSE_VALUES && v === Math.floor(v))) return false;
  }
  return true;
}

/** Distinct values in ascending order, with the rows holding each. */
interface ValueCounts {
  distinct: number[];
  counts: number[];
}

function countSorted(sorted: Float32Array): ValueCounts {
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      distinct.push(sorted[i]);
      counts.push(1);
    } else counts[counts.length - 1]++;
  }
  return { distinct, counts };
}

/**
 * The same for whole numbers in 0..DENSE_VALUES-1 (hours, weekdays, miles, counts), tallied in an
 * array instead of sorted: fitting the bins of 160,000 flights rows (three such numeric features,
 * two categorical) took 5–12 ms against 25–30 ms by sorting. −0 counts as 0, which bins the same
 * (a value only enters an edge as the midpoint with its neighbour).
 */
function countWhole(values: Float32Array): ValueCounts {
  return countsOf(tallyOf(values));
}

/** Rows per whole value (a loop alone in its function: see sampleInto). */
function tallyOf(values: Float32Array): Int32Array {
  const tally = new Int32Array(DENSE_VALUES);
  for (let i = 0; i < values.length; i++) tally[values[i]]++;
  return tally;
}

function countsOf(tally: Int32Array): ValueCounts {
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let v = 0; v < DENSE_VALUES; v++) {
    if (tally[v] > 0) {
      distinct.push(v);
      counts.push(tally[v]);
    }
  }
  return { distinct, counts };
}

const DENSE_VALUES = 65_536;

/**
 * Sorts float32 values ascending (no NaN) by a three-pass radix sort on their bits: 5 ms for
 * 160,000 values where TypedArray#sort took 17 ms, measured in Node 20; binning sorts one sample
 * per numeric feature before every tree run. -0 sorts before 0, as TypedArray#sort puts it.
 */
function sortFloat32(values: Float32Array): Float32Array {
  const n = values.length;
  // Flip the sign bit of positives and every bit of negatives: unsigned order is then float order.
  let src = new Uint32Array(n);
  src.set(new Uint32Array(values.buffer, values.byteOffset, n));
  for (let i = 0; i < n; i++) {
    const x = src[i];
    src[i] = x & 0x80000000 ? ~x : x | 0x80000000;
  }
  let dst = new Uint32Array(n);
  const counts = new Uint32Array(RADIX);
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(src[i] >>> shift) & (RADIX - 1)]++;
    let sum = 0;
    for (let k = 0; k < RADIX; k++) {
      const c = counts[k];
      counts[k] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const x = src[i];
      dst[counts[(x >>> shift) & (RADIX - 1)]++] = x;
    }
    [src, dst] = [dst, src];
  }
  for (let i = 0; i < n; i++) {
    const x = src[i];
    src[i] = x & 0x80000000 ? x & 0x7fffffff : ~x;
  }
  return new Float32Array(src.buffer, 0, n);
}

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;

/** Bin edges from the distinct values of `total` sampled rows. */
function numericBins({ distinct, counts }: ValueCounts, total: number, maxBins: number): FeatureBins {
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) cuts.push(edge(distinct[i], distinct[i + 1]));
  } else {
    // Quantile edges over distinct values weighted by their counts; a heavy value keeps its own bin.
    let seen = 0;
    let next = 1;
    for (let i = 0; i + 1 < distinct.length && next < maxBins; i++) {
      seen += counts[i];
      if (seen >= (next * total) / maxBins) {
        cuts.push(edge(distinct[i], distinct[i + 1]));
        while (next < maxBins && seen >= (next * total) / maxBins) next++;
      }
    }
  }
  const upper = new Float64Array(cuts.length + 1);
  upper.set(cuts);
  upper[cuts.length] = Infinity;
  return { categorical: false, count: upper.length, upper, codes: [], binOfCode: new Uint8Array(0) };
}

/** A float32 threshold with a <= t < b: the midpoint where float32 can hold it between them. */
function edge(a: number, b: number): number {
  const mid = Math.fround((a + b) / 2);
  return mid >= a && mid < b ? mid : a;
}

function categoryBins(X: Float32Array, d: number, f: number, rows: ArrayLike<number>, minRows: number): FeatureBins {
  const byCount = [...codeCounts(X, d, f, rows)].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const maxCode = byCount.reduce((m, [c]) => Math.max(m, c), -1);
  const binOfCode = new Uint8Array(maxCode + 1).fill(MISSING_BIN);
  const codes: number[][] = [];
  const rare: number[] = [];
  for (const [code, count] of byCount) {
    if (count >= minRows && codes.length < MISSING_BIN - 1) {
      binOfCode[code] = codes.length;
      codes.push([code]);
    } else rare.push(code);
  }
  if (rare.length) {
    rare.sort((a, b) => a - b);
    for (const code of rare) binOfCode[code] = codes.length;
    codes.push(rare);
  }
  return { categorical: true, count: codes.length, upper: new Float64Array(0), codes, binOfCode };
}

/** Rows per code (codes >= 0). Whole codes below DENSE_CODES are counted in an array: a Map took 13 ms per 160,000 rows. */
function codeCounts(X: Float32Array, d: number, f: number, rows: ArrayLike<number>): Map<number, number> {
  const dense = new Float64Array(DENSE_CODES);
  const counts = new Map<number, number>();
  for (let i = 0; i < rows.length; i++) {
    const v = X[rows[i] * d + f];
    if (v >= 0 && v < DENSE_CODES && v === Math.floor(v)) dense[v]++;
    else if (v === v && v >= 0) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  for (let c = 0; c < DENSE_CODES; c++) if (dense[c] > 0) counts.set(c, dense[c]);
  return counts;
}

const DENSE_CODES = 4096;

/** The bin of one value of a feature. */
export function binOf(fb: FeatureBins, v: number): number {
  if (v !== v) return MISSING_BIN;
  if (fb.categorical) return v < 0 || v >= fb.binOfCode.length ? MISSING_BIN : fb.binOfCode[v];
  const upper = fb.upper;
  let lo = 0;
  let hi = upper.length - 1;
  const x = Math.fround(v);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= upper[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The bins of the whole numbers 0..WHOLE_VALUES-1 (hours, months, counts, category codes), looked
 * up instead of searched: binning 2.4 million rows of six such features took 618 ms by binary search.
 */
function wholeBins(fb: FeatureBins): Uint8Array {
  const table = new Uint8Array(WHOLE_VALUES);
  for (let v = 0; v < WHOLE_VALUES; v++) table[v] = binOf(fb, v);
  return table;
}

const WHOLE_VALUES = 4096;

/** Bins rows `rows` of X (row-major n × d) column by column. */
export function applyBins(X: Float32Array, d: number, rows: ArrayLike<number>, features: FeatureBins[], allocate?: (length: number) => Uint8Array): BinnedData {
  const n = rows.length;
  const bins = allocate ? allocate(n * d) : new Uint8Array(n * d);
  for (let f = 0; f < d; f++) binColumn(X, d, f, rows, features[f], bins.subarray(f * n, (f + 1) * n));
  if (d < 2) return { n, d, bins, features };
  const byRow = allocate ? allocate(n * d) : new Uint8Array(n * d);
  for (let f = 0; f < d; f++) transposeColumn(bins, n, d, f, byRow);
  return { n, d, bins, byRow, features };
}

/** Feature f's bins for rows `rows` into `out` (each loop alone in its function: see sampleInto). */
function binColumn(X: Float32Array, d: number, f: number, rows: ArrayLike<number>, fb: FeatureBins, out: Uint8Array): void {
  const small = wholeBins(fb);
  for (let i = 0; i < out.length; i++) {
    const v = X[rows[i] * d + f];
    out[i] = v >= 0 && v < WHOLE_VALUES && v === Math.floor(v) ? small[v] : binOf(fb, v);
  }
}

function transposeColumn(bins: Uint8Array, n: number, d: number, f: number, byRow: Uint8Array): void {
  for (let i = 0, at = f * n; i < n; i++) byRow[i * d + f] = bins[at + i];
}
