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
   * The same bins row-major (byRow[row * d + f]), when built: a node's rows are scattered, and
   * reading one row's bins together costs one cache line instead of one per feature.
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
    const values: number[] = [];
    for (let i = 0; i < rows.length; i += step) {
      const v = X[rows[Math.floor(i)] * d + f];
      if (v === v) values.push(v);
    }
    features.push(numericBins(Float64Array.from(values).sort(), maxBins));
  }
  return features;
}

function numericBins(sorted: Float64Array, maxBins: number): FeatureBins {
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      distinct.push(sorted[i]);
      counts.push(1);
    } else counts[counts.length - 1]++;
  }
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) cuts.push(edge(distinct[i], distinct[i + 1]));
  } else {
    // Quantile edges over distinct values weighted by their counts; a heavy value keeps its own bin.
    let seen = 0;
    let next = 1;
    for (let i = 0; i + 1 < distinct.length && next < maxBins; i++) {
      seen += counts[i];
      if (seen >= (next * sorted.length) / maxBins) {
        cuts.push(edge(distinct[i], distinct[i + 1]));
        while (next < maxBins && seen >= (next * sorted.length) / maxBins) next++;
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
  const counts = new Map<number, number>();
  for (let i = 0; i < rows.length; i++) {
    const v = X[rows[i] * d + f];
    if (v === v && v >= 0) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
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
 * From this many bin bytes a row-major copy is kept for histograms: below it the columns stay in
 * cache and summing feature by feature is faster; above it, a node's scattered rows miss the cache
 * once per feature per row, against once per row in row-major order.
 */
export const ROW_MAJOR_FROM = 1 << 22;

/** Bins rows `rows` of X (row-major n × d) column by column. */
export function applyBins(X: Float32Array, d: number, rows: ArrayLike<number>, features: FeatureBins[], allocate?: (length: number) => Uint8Array): BinnedData {
  const n = rows.length;
  const bins = allocate ? allocate(n * d) : new Uint8Array(n * d);
  for (let f = 0; f < d; f++) {
    const fb = features[f];
    const base = f * n;
    for (let i = 0; i < n; i++) bins[base + i] = binOf(fb, X[rows[i] * d + f]);
  }
  if (n * d < ROW_MAJOR_FROM) return { n, d, bins, features };
  const byRow = allocate ? allocate(n * d) : new Uint8Array(n * d);
  for (let f = 0; f < d; f++) for (let i = 0, at = f * n; i < n; i++) byRow[i * d + f] = bins[at + i];
  return { n, d, bins, byRow, features };
}
