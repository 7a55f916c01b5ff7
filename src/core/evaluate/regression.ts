/** Regression metrics and the data behind the predicted-vs-actual and residual charts. */
import { createRng } from '../stats';
import { formatCount } from '../format';

export interface RegressionMetrics {
  rmse: number;
  mse: number;
  mae: number;
  /**
   * Mean |y − ŷ| / |y|, a fraction (not ×100). NaN when a true value is 0: sklearn divides by
   * ε = 2.2e-16 there and reports nonsense like 1.19e15, so the studio hides it (`notDefined` says why).
   */
  mape: number;
  medianAe: number;
  r2: number;
  explainedVariance: number;
  /** Spearman rank correlation between actual and predicted. */
  spearman: number;
  /** Metrics that the data leave undefined (NaN above), each with the reason to show instead. */
  notDefined?: { metric: string; reason: string }[];
}

export function regressionMetrics(y: ArrayLike<number>, pred: ArrayLike<number>): RegressionMetrics {
  const n = y.length;
  let se = 0;
  let ae = 0;
  let ape = 0;
  let zeros = 0;
  let meanY = 0;
  let meanR = 0;
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = y[i] - pred[i];
    se += r * r;
    ae += Math.abs(r);
    if (y[i] === 0) zeros++;
    else ape += Math.abs(r) / Math.abs(y[i]);
    abs[i] = Math.abs(r);
    meanY += y[i];
    meanR += r;
  }
  meanY /= n;
  meanR /= n;
  let ssTot = 0;
  let ssRes = 0;
  for (let i = 0; i < n; i++) {
    ssTot += (y[i] - meanY) ** 2;
    ssRes += (y[i] - pred[i] - meanR) ** 2;
  }
  return {
    rmse: Math.sqrt(se / n),
    mse: se / n,
    mae: ae / n,
    mape: zeros > 0 ? NaN : ape / n,
    medianAe: median(abs),
    r2: ratioScore(se, ssTot),
    explainedVariance: ratioScore(ssRes, ssTot),
    spearman: pearson(ranks(y), ranks(pred)),
    ...(zeros > 0 ? { notDefined: [{ metric: 'mape', reason: mapeReason(zeros) }] } : {}),
  };
}

function mapeReason(zeros: number): string {
  const many = zeros === 1 ? '1 target is' : `${formatCount(zeros)} targets are`;
  return `MAPE is not defined because ${many} 0: an error relative to 0 has no size.`;
}

/** 1 − num/den with sklearn's `force_finite` convention for a constant target. */
function ratioScore(num: number, den: number): number {
  if (den === 0) return num === 0 ? 1 : 0;
  return 1 - num / den;
}

export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** 1-based ranks with ties averaged. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) out[order[t]] = rank;
    i = j + 1;
  }
  return out;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

export interface Histogram {
  /** bins + 1 edges, ascending. */
  edges: number[];
  counts: number[];
}

/** Histogram of residuals (actual − predicted) over equal-width bins. */
export function residualHistogram(y: ArrayLike<number>, pred: ArrayLike<number>, bins = 20): Histogram {
  const r = Array.from({ length: y.length }, (_, i) => y[i] - pred[i]);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of r) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const width = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of r) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  return { edges: Array.from({ length: bins + 1 }, (_, i) => lo + i * width), counts };
}

/** At most `maxPoints` (actual, predicted) pairs, a seeded sample when there are more rows. */
export function predictedVsActual(
  y: ArrayLike<number>,
  pred: ArrayLike<number>,
  maxPoints = 2000,
  seed = 1,
): { actual: number[]; predicted: number[] } {
  const n = y.length;
  let rows = Array.from({ length: n }, (_, i) => i);
  if (n > maxPoints) {
    const rng = createRng(seed);
    for (let i = 0; i < maxPoints; i++) {
      const j = i + rng.int(n - i);
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    rows = rows.slice(0, maxPoints).sort((a, b) => a - b);
  }
  return { actual: rows.map((i) => y[i]), predicted: rows.map((i) => pred[i]) };
}
