/**
 * Confusion matrices and the counting metrics derived from them. Classes are integer codes
 * 0..k-1; `proba` arrays are row-major n × k.
 */

/** Row-wise argmax of a row-major n × k probability matrix (ties go to the lower class). */
export function argmaxRows(proba: ArrayLike<number>, k: number): Int32Array {
  const n = Math.floor(proba.length / k);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** Counts: `m[actual][predicted]`, like sklearn's `confusion_matrix(labels=range(k))`. */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const a = yTrue[i];
    const p = yPred[i];
    if (a >= 0 && a < k && p >= 0 && p < k) m[a][p]++;
  }
  return m;
}

/**
 * Normalises a confusion matrix over actual rows (`'true'`, the recall view), predicted
 * columns (`'pred'`) or all cells. Empty rows/columns become 0, as in sklearn.
 */
export function normalizeConfusion(m: number[][], over: 'true' | 'pred' | 'all' = 'true'): number[][] {
  const k = m.length;
  const colSums = m[0]?.map((_, j) => m.reduce((s, row) => s + row[j], 0)) ?? [];
  const total = colSums.reduce((s, v) => s + v, 0);
  return m.map((row) => {
    const rowSum = row.reduce((s, v) => s + v, 0);
    return row.map((v, j) => {
      const d = over === 'true' ? rowSum : over === 'pred' ? colSums[j] : total;
      return d === 0 || k === 0 ? 0 : v / d;
    });
  });
}

export interface ClassCounts {
  precision: number[];
  recall: number[];
  f1: number[];
  /** Actual rows of each class. */
  support: number[];
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  weightedPrecision: number;
  weightedRecall: number;
  weightedF1: number;
}

/** Per-class precision, recall and F1 with macro and support-weighted averages (zero_division = 0). */
export function classCounts(m: number[][]): ClassCounts {
  const k = m.length;
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const support: number[] = [];
  for (let c = 0; c < k; c++) {
    const tp = m[c][c];
    const predicted = m.reduce((s, row) => s + row[c], 0);
    const actual = m[c].reduce((s, v) => s + v, 0);
    const p = predicted === 0 ? 0 : tp / predicted;
    const r = actual === 0 ? 0 : tp / actual;
    precision.push(p);
    recall.push(r);
    f1.push(p + r === 0 ? 0 : (2 * p * r) / (p + r));
    support.push(actual);
  }
  const total = support.reduce((s, v) => s + v, 0);
  const mean = (a: number[]) => (k === 0 ? 0 : a.reduce((s, v) => s + v, 0) / k);
  const weighted = (a: number[]) => (total === 0 ? 0 : a.reduce((s, v, c) => s + v * support[c], 0) / total);
  return {
    precision,
    recall,
    f1,
    support,
    macroPrecision: mean(precision),
    macroRecall: mean(recall),
    macroF1: mean(f1),
    weightedPrecision: weighted(precision),
    weightedRecall: weighted(recall),
    weightedF1: weighted(f1),
  };
}

/** Fraction of rows on the diagonal. */
export function accuracyFromConfusion(m: number[][]): number {
  let diag = 0;
  let total = 0;
  m.forEach((row, i) => row.forEach((v, j) => ((total += v), i === j && (diag += v))));
  return total === 0 ? 0 : diag / total;
}

/** Mean recall over the classes that occur in the actual labels (sklearn's definition). */
export function balancedAccuracyFromConfusion(m: number[][]): number {
  let sum = 0;
  let present = 0;
  m.forEach((row, c) => {
    const actual = row.reduce((s, v) => s + v, 0);
    if (actual > 0) {
      sum += row[c] / actual;
      present++;
    }
  });
  return present === 0 ? 0 : sum / present;
}

/** Matthews correlation coefficient, multiclass form (Gorodkin's R_K), 0 when undefined. */
export function mccFromConfusion(m: number[][]): number {
  const k = m.length;
  const t = new Array<number>(k).fill(0);
  const p = new Array<number>(k).fill(0);
  let c = 0;
  let s = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      t[i] += m[i][j];
      p[j] += m[i][j];
      s += m[i][j];
    }
    c += m[i][i];
  }
  const tp = t.reduce((acc, v, i) => acc + v * p[i], 0);
  const cov = c * s - tp;
  const vp = s * s - p.reduce((acc, v) => acc + v * v, 0);
  const vt = s * s - t.reduce((acc, v) => acc + v * v, 0);
  return vp * vt === 0 ? 0 : cov / Math.sqrt(vp * vt);
}
