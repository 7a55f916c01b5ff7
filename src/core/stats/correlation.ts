import { argsortFloat64 } from './radix';

/**
 * Pearson correlation over the rows where both values are finite (pairwise-complete, as
 * pandas `DataFrame.corr()`). NaN when fewer than 2 rows or a side is constant.
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a - a === 0 && b - b === 0) {
      sx += a;
      sy += b;
      n++;
    }
  }
  if (n < 2) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a - a === 0 && b - b === 0) {
      const dx = a - mx;
      const dy = b - my;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Ranks 1..n with ties given their average rank (scipy `rankdata` 'average'); NaN-free input. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = argsortFloat64(values);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    const v = values[order[i]];
    while (j < n && values[order[j]] === v) j++;
    const r = (i + j + 1) / 2;
    for (let k = i; k < j; k++) ranks[order[k]] = r;
    i = j;
  }
  return ranks;
}

/**
 * Spearman rank correlation over pairwise-complete finite rows (ranks recomputed on
 * those rows, as pandas `corr(method='spearman')`).
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a - a === 0 && b - b === 0) keep.push(i);
  }
  const xs = new Float64Array(keep.length);
  const ys = new Float64Array(keep.length);
  for (let k = 0; k < keep.length; k++) {
    xs[k] = x[keep[k]];
    ys[k] = y[keep[k]];
  }
  return pearson(averageRanks(xs), averageRanks(ys));
}

/**
 * Contingency table of two code arrays (code -1 = missing, row dropped).
 * Returns counts as a flat row-major array with the used levels only.
 */
export function contingency(
  a: Int32Array,
  aLevels: number,
  b: Int32Array,
  bLevels: number,
): { table: Float64Array; rows: number; cols: number; n: number } {
  const full = new Float64Array(aLevels * bLevels);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x >= 0 && y >= 0) {
      full[x * bLevels + y]++;
      n++;
    }
  }
  const rowSum = new Float64Array(aLevels);
  const colSum = new Float64Array(bLevels);
  for (let r = 0; r < aLevels; r++)
    for (let c = 0; c < bLevels; c++) {
      rowSum[r] += full[r * bLevels + c];
      colSum[c] += full[r * bLevels + c];
    }
  const rs: number[] = [];
  const cs: number[] = [];
  for (let r = 0; r < aLevels; r++) if (rowSum[r] > 0) rs.push(r);
  for (let c = 0; c < bLevels; c++) if (colSum[c] > 0) cs.push(c);
  const table = new Float64Array(rs.length * cs.length);
  for (let i = 0; i < rs.length; i++)
    for (let j = 0; j < cs.length; j++) table[i * cs.length + j] = full[rs[i] * bLevels + cs[j]];
  return { table, rows: rs.length, cols: cs.length, n };
}

/** Pearson chi-square statistic of a contingency table (no Yates correction). */
export function chiSquare(table: Float64Array, rows: number, cols: number, n: number): number {
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      rowSum[r] += table[r * cols + c];
      colSum[c] += table[r * cols + c];
    }
  let chi2 = 0;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const e = (rowSum[r] * colSum[c]) / n;
      const d = table[r * cols + c] - e;
      chi2 += (d * d) / e;
    }
  return chi2;
}

/**
 * Cramér's V, bias-UNcorrected: √(χ²/(n·(min(r,c)-1))), χ² without Yates correction —
 * the same as scipy `contingency.association(method='cramer')`. Rows with a missing side
 * are dropped. NaN when either side has fewer than 2 observed levels.
 */
export function cramersV(a: Int32Array, aLevels: number, b: Int32Array, bLevels: number): number {
  const { table, rows, cols, n } = contingency(a, aLevels, b, bLevels);
  if (rows < 2 || cols < 2) return NaN;
  const chi2 = chiSquare(table, rows, cols, n);
  return Math.min(1, Math.sqrt(chi2 / (n * (Math.min(rows, cols) - 1))));
}

/**
 * Correlation ratio η = √(SS_between / SS_total) of numeric `y` grouped by `codes`
 * (rows with a missing side dropped). NaN when y is constant or empty.
 */
export function correlationRatio(codes: Int32Array, levels: number, y: ArrayLike<number>): number {
  const sum = new Float64Array(levels);
  const cnt = new Float64Array(levels);
  let total = 0;
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    const v = y[i];
    if (c >= 0 && v - v === 0) {
      sum[c] += v;
      cnt[c]++;
      total += v;
      n++;
    }
  }
  if (n === 0) return NaN;
  const mean = total / n;
  let ssTotal = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    const v = y[i];
    if (c >= 0 && v - v === 0) ssTotal += (v - mean) * (v - mean);
  }
  let ssBetween = 0;
  for (let c = 0; c < levels; c++) {
    if (cnt[c] > 0) {
      const d = sum[c] / cnt[c] - mean;
      ssBetween += cnt[c] * d * d;
    }
  }
  if (!(ssTotal > 0)) return NaN;
  return Math.min(1, Math.sqrt(ssBetween / ssTotal));
}
